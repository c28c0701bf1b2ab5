package io.mcpwriting.domain.structure;

import static io.mcpwriting.domain.structure.Severity.ERROR;
import static io.mcpwriting.domain.structure.Severity.INFO;
import static io.mcpwriting.domain.structure.Severity.WARNING;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks of a book's structure and continuity, each computed from stored data: which level of
 * validate_chapter_structure runs it, and which violation type of check_structure_violations it belongs to.
 */
final class StructureChecks {

    /** A check with where it is used: from a validation level on (or never), and under violation types (main first). */
    private record Entry(StructureCheck check, ValidationLevel level, List<ViolationType> types) {
    }

    private static final List<Entry> ALL = new ArrayList<>();

    // ---- numbering and shape ------------------------------------------------------------------------------

    static final StructureCheck BOOK_WITHOUT_CHAPTERS = add(ValidationLevel.BASIC, List.of(),
            new StructureCheck("book_without_chapters", WARNING, "The book has chapters", """
                    SELECT NULL, NULL, NULL, 'The book has no chapters yet'
                    WHERE NOT EXISTS (SELECT 1 FROM all_ch)"""));

    static final StructureCheck CHAPTER_NUMBERING = add(ValidationLevel.BASIC, List.of(),
            new StructureCheck("chapter_numbering", ERROR,
                    "Chapter numbers of the whole book run 1, 2, 3, ... without gaps", """
                    SELECT g.id, NULL, NULL,
                           CASE WHEN g.prev IS NULL
                                THEN format('Chapter numbering starts at %s, skipping %s', g.chapter_number,
                                            CASE WHEN g.chapter_number = 2 THEN '1' ELSE '1-' || (g.chapter_number - 1) END)
                                ELSE format('Chapter numbering skips %s (between chapter %s and chapter %s)',
                                            CASE WHEN g.chapter_number - g.prev = 2 THEN (g.prev + 1)::text
                                                 ELSE (g.prev + 1) || '-' || (g.chapter_number - 1) END,
                                            g.prev, g.chapter_number) END
                    FROM (SELECT id, chapter_number, lag(chapter_number) OVER (ORDER BY chapter_number) AS prev
                          FROM all_ch) g
                    WHERE (g.prev IS NULL AND g.chapter_number > 1) OR g.chapter_number - g.prev > 1"""));

    static final StructureCheck PART_ORDER = add(ValidationLevel.BASIC, List.of(),
            new StructureCheck("part_order", WARNING, "Part numbers never go down as chapter numbers go up", """
                    SELECT g.id, NULL, NULL,
                           format('Chapter %s is in part %s but follows chapter %s in part %s',
                                  g.chapter_number, g.part_number, g.prev_chapter, g.prev_part)
                    FROM (SELECT id, chapter_number, part_number,
                                 lag(part_number) OVER w AS prev_part, lag(chapter_number) OVER w AS prev_chapter
                          FROM all_ch WHERE part_number IS NOT NULL WINDOW w AS (ORDER BY chapter_number)) g
                    WHERE g.part_number < g.prev_part"""));

    static final StructureCheck EMPTY_CHAPTER = add(ValidationLevel.BASIC, List.of(),
            new StructureCheck("empty_chapter", WARNING, "Every chapter has at least one scene", """
                    SELECT ch.id, NULL, NULL,
                           format('Chapter %s%s has no scenes', ch.chapter_number, coalesce(' ("' || ch.title || '")', ''))
                    FROM ch WHERE NOT EXISTS (SELECT 1 FROM chapter_scenes s WHERE s.chapter_id = ch.id)"""));

    static final StructureCheck SCENE_NUMBERING = add(ValidationLevel.BASIC, List.of(),
            new StructureCheck("scene_numbering", WARNING,
                    "Scene numbers within each chapter run 1, 2, 3, ... without gaps", """
                    SELECT g.chapter_id, g.id, NULL,
                           CASE WHEN g.prev IS NULL
                                THEN format('Scene numbering of chapter %s starts at %s, skipping %s', g.chapter_number,
                                            g.scene_number,
                                            CASE WHEN g.scene_number = 2 THEN '1' ELSE '1-' || (g.scene_number - 1) END)
                                ELSE format('Scene numbering of chapter %s skips %s (between scene %s and scene %s)',
                                            g.chapter_number,
                                            CASE WHEN g.scene_number - g.prev = 2 THEN (g.prev + 1)::text
                                                 ELSE (g.prev + 1) || '-' || (g.scene_number - 1) END,
                                            g.prev, g.scene_number) END
                    FROM (SELECT sc.id, sc.chapter_id, sc.chapter_number, sc.scene_number,
                                 lag(sc.scene_number) OVER (PARTITION BY sc.chapter_id ORDER BY sc.scene_number) AS prev
                          FROM sc) g
                    WHERE (g.prev IS NULL AND g.scene_number > 1) OR g.scene_number - g.prev > 1"""));

    static final StructureCheck UNTITLED_CHAPTER = add(ValidationLevel.BASIC, List.of(),
            new StructureCheck("untitled_chapter", INFO, "Every chapter has a title", """
                    SELECT ch.id, NULL, NULL, format('Chapter %s has no title', ch.chapter_number)
                    FROM ch WHERE coalesce(trim(ch.title), '') = ''"""));

    static final StructureCheck DUPLICATE_CHAPTER_TITLE = add(ValidationLevel.BASIC,
            List.of(),
            new StructureCheck("duplicate_chapter_title", WARNING, "No two chapters of the book share a title", """
                    SELECT ch.id, NULL, NULL,
                           format('Chapter %s has the same title as chapter %s: "%s"', ch.chapter_number, d.others, ch.title)
                    FROM ch CROSS JOIN LATERAL (
                        SELECT string_agg(o.chapter_number::text, ', ' ORDER BY o.chapter_number) AS others
                        FROM all_ch o WHERE o.id <> ch.id AND lower(trim(o.title)) = lower(trim(ch.title))) d
                    WHERE d.others IS NOT NULL AND coalesce(trim(ch.title), '') <> ''"""));

    // ---- point of view ------------------------------------------------------------------------------------

    static final StructureCheck SCENE_WITHOUT_POV = add(ValidationLevel.DETAILED,
            List.of(ViolationType.POV_CONSISTENCY),
            new StructureCheck("scene_without_pov", WARNING,
                    "Every scene has a POV character, its own or its chapter's", """
                    SELECT sc.chapter_id, sc.id, NULL,
                           format('Scene %s of chapter %s has no POV character (neither the scene nor the chapter names one)',
                                  sc.scene_number, sc.chapter_number)
                    FROM sc JOIN ch ON ch.id = sc.chapter_id
                    WHERE sc.pov_character_id IS NULL AND ch.pov_character_id IS NULL"""));

    static final StructureCheck POV_NOT_PRESENT = add(ValidationLevel.DETAILED,
            List.of(ViolationType.POV_CONSISTENCY, ViolationType.CHARACTER_CONTINUITY),
            new StructureCheck("pov_not_present", WARNING,
                    "Every POV character (of a scene or a chapter) has a presence record in that chapter, and is not "
                            + "recorded as merely mentioned", """
                    SELECT v.chapter_id, v.scene_id, v.character_id,
                           CASE WHEN pr.id IS NULL
                                THEN format('POV character %s of %s has no presence record in chapter %s',
                                            c.name, v.label, v.chapter_number)
                                ELSE format('POV character %s of %s is only recorded as mentioned in chapter %s',
                                            c.name, v.label, v.chapter_number) END
                    FROM (SELECT sc.chapter_id, sc.chapter_number, sc.pov_character_id AS character_id,
                                 CASE WHEN count(*) = 1 THEN min(sc.id) END AS scene_id,
                                 CASE WHEN count(*) = 1 THEN 'scene ' ELSE 'scenes ' END
                                     || string_agg(sc.scene_number::text, ', ' ORDER BY sc.scene_number) AS label
                          FROM sc WHERE sc.pov_character_id IS NOT NULL
                          GROUP BY sc.chapter_id, sc.chapter_number, sc.pov_character_id
                          UNION ALL
                          SELECT ch.id, ch.chapter_number, ch.pov_character_id, NULL, 'the chapter'
                          FROM ch
                          WHERE ch.pov_character_id IS NOT NULL
                            AND NOT EXISTS (SELECT 1 FROM sc WHERE sc.chapter_id = ch.id
                                                                AND sc.pov_character_id = ch.pov_character_id)) v
                    JOIN characters c ON c.id = v.character_id
                    LEFT JOIN character_chapter_presence pr ON pr.chapter_id = v.chapter_id
                                                           AND pr.character_id = v.character_id
                    WHERE pr.id IS NULL OR pr.presence_type = 'mentioned'"""));

    static final StructureCheck CHAPTER_POV_MISMATCH = add(ValidationLevel.DETAILED,
            List.of(ViolationType.POV_CONSISTENCY),
            new StructureCheck("chapter_pov_mismatch", WARNING,
                    "Scenes of a chapter with a POV character are told by that character", """
                    SELECT sc.chapter_id, sc.id, sc.pov_character_id,
                           format('Scene %s of chapter %s is told by %s, but the chapter''s POV character is %s',
                                  sc.scene_number, sc.chapter_number, a.name, b.name)
                    FROM sc JOIN ch ON ch.id = sc.chapter_id
                    JOIN characters a ON a.id = sc.pov_character_id
                    JOIN characters b ON b.id = ch.pov_character_id
                    WHERE sc.pov_character_id <> ch.pov_character_id"""));

    static final StructureCheck POV_NOT_PARTICIPANT = add(ValidationLevel.COMPREHENSIVE,
            List.of(ViolationType.POV_CONSISTENCY),
            new StructureCheck("pov_not_participant", INFO,
                    "A scene that lists participants lists its POV character among them", """
                    SELECT sc.chapter_id, sc.id, sc.pov_character_id,
                           format('POV character %s of scene %s in chapter %s is not among the scene''s participants',
                                  c.name, sc.scene_number, sc.chapter_number)
                    FROM sc JOIN characters c ON c.id = sc.pov_character_id
                    WHERE cardinality(sc.scene_participants) > 0
                      AND NOT sc.pov_character_id = ANY (sc.scene_participants)"""));

    static final StructureCheck POV_SWITCH = add(null, List.of(ViolationType.POV_CONSISTENCY),
            new StructureCheck("pov_switch_within_chapter", INFO,
                    "A chapter without a chapter POV that switches between POV characters across its scenes", """
                    SELECT ch.id, NULL, NULL,
                           format('Chapter %s switches between %s POV characters (%s) and names no chapter POV',
                                  ch.chapter_number, count(DISTINCT sc.pov_character_id),
                                  string_agg(DISTINCT c.name, ', '))
                    FROM ch JOIN sc ON sc.chapter_id = ch.id JOIN characters c ON c.id = sc.pov_character_id
                    WHERE ch.pov_character_id IS NULL
                    GROUP BY ch.id, ch.chapter_number
                    HAVING count(DISTINCT sc.pov_character_id) > 1"""));

    static final StructureCheck EVENT_POV_MISMATCH = add(null, List.of(ViolationType.POV_CONSISTENCY),
            new StructureCheck("event_pov_mismatch", WARNING,
                    "A timeline event mapped to a scene with a POV character has the scene's POV", """
                    SELECT s.chapter_id, s.id, ecm.pov_character_id,
                           format('Event "%s" is mapped to scene %s of chapter %s with POV %s, but the scene is told by %s',
                                  e.event_name, s.scene_number, ch.chapter_number, mc.name, sp.name)
                    FROM event_chapter_mappings ecm
                    JOIN ch ON ch.id = ecm.chapter_id
                    JOIN timeline_events e ON e.id = ecm.event_id
                    JOIN chapter_scenes s ON s.chapter_id = ecm.chapter_id AND s.scene_number = ecm.scene_number
                    JOIN characters mc ON mc.id = ecm.pov_character_id
                    JOIN characters sp ON sp.id = s.pov_character_id
                    WHERE ecm.pov_character_id <> s.pov_character_id"""));

    // ---- word counts --------------------------------------------------------------------------------------

    static final StructureCheck CHAPTER_SCENE_WORDS = add(ValidationLevel.DETAILED,
            List.of(),
            new StructureCheck("chapter_scene_words", INFO,
                    "A chapter's recorded word count equals the sum of its scenes' word counts (when scenes have words)",
                    """
                    SELECT ch.id, NULL, NULL,
                           format('Chapter %s records %s words, but its scenes add up to %s',
                                  ch.chapter_number, ch.word_count, t.words)
                    FROM ch JOIN (SELECT chapter_id, sum(word_count) AS words FROM sc GROUP BY chapter_id) t
                         ON t.chapter_id = ch.id
                    WHERE t.words > 0 AND t.words <> ch.word_count"""));

    // ---- characters ---------------------------------------------------------------------------------------

    static final StructureCheck FOREIGN_CHARACTER = add(ValidationLevel.COMPREHENSIVE,
            List.of(ViolationType.CHARACTER_CONTINUITY),
            new StructureCheck("foreign_character", ERROR,
                    "Every character named by a scene (POV, participants), a chapter POV or a presence record exists "
                            + "and belongs to the book's series", """
                    SELECT r.chapter_id, r.scene_id, r.character_id,
                           CASE WHEN c.id IS NULL
                                THEN format('%s names character %s, which does not exist', r.label, r.character_id)
                                ELSE format('%s names %s (character %s) of another series', r.label, c.name, c.id) END
                    FROM (SELECT sc.chapter_id, sc.id AS scene_id, u.id AS character_id,
                                 format('Scene %s of chapter %s (participants)', sc.scene_number, sc.chapter_number) AS label
                          FROM sc, unnest(sc.scene_participants) AS u(id)
                          UNION ALL
                          SELECT sc.chapter_id, sc.id, sc.pov_character_id,
                                 format('Scene %s of chapter %s (POV)', sc.scene_number, sc.chapter_number)
                          FROM sc WHERE sc.pov_character_id IS NOT NULL
                          UNION ALL
                          SELECT ch.id, NULL, ch.pov_character_id, format('Chapter %s (POV)', ch.chapter_number)
                          FROM ch WHERE ch.pov_character_id IS NOT NULL
                          UNION ALL
                          SELECT pr.chapter_id, NULL, pr.character_id,
                                 format('A presence record of chapter %s', ch.chapter_number)
                          FROM pres pr JOIN ch ON ch.id = pr.chapter_id) r
                    CROSS JOIN book
                    LEFT JOIN characters c ON c.id = r.character_id
                    WHERE c.id IS NULL OR c.series_id <> book.series_id"""));

    static final StructureCheck PRESENCE_SCENE_ELSEWHERE = add(ValidationLevel.COMPREHENSIVE,
            List.of(ViolationType.CHARACTER_CONTINUITY),
            new StructureCheck("presence_scene_elsewhere", ERROR,
                    "A presence record tied to a scene is tied to a scene of its own chapter", """
                    SELECT pr.chapter_id, NULL, pr.character_id,
                           format('The presence record of %s in chapter %s is tied to scene %s, which is scene %s of chapter %s%s',
                                  c.name, ch.chapter_number, s.id, s.scene_number, oc.chapter_number,
                                  CASE WHEN oc.book_id <> ch.book_id THEN ' of another book' ELSE '' END)
                    FROM pres pr
                    JOIN ch ON ch.id = pr.chapter_id
                    JOIN characters c ON c.id = pr.character_id
                    JOIN chapter_scenes s ON s.id = pr.scene_id
                    JOIN chapters oc ON oc.id = s.chapter_id
                    WHERE s.chapter_id <> pr.chapter_id"""));

    static final StructureCheck PRESENCE_ENTRY_EXIT = add(ValidationLevel.COMPREHENSIVE,
            List.of(ViolationType.CHARACTER_CONTINUITY),
            new StructureCheck("presence_entry_exit", WARNING,
                    "A character's entry scene comes no later than their exit scene, and both are scenes the chapter "
                            + "has", """
                    SELECT pr.chapter_id, NULL, pr.character_id,
                           format('%s enters chapter %s at scene %s but exits at scene %s',
                                  c.name, ch.chapter_number, pr.enters_at_scene, pr.exits_at_scene)
                    FROM pres pr JOIN ch ON ch.id = pr.chapter_id JOIN characters c ON c.id = pr.character_id
                    WHERE pr.enters_at_scene > pr.exits_at_scene
                    UNION ALL
                    SELECT pr.chapter_id, NULL, pr.character_id,
                           format('%s %s chapter %s at scene %s, which the chapter does not have (its scenes: %s)',
                                  c.name, x.verb, ch.chapter_number, x.n,
                                  (SELECT string_agg(s.scene_number::text, ', ' ORDER BY s.scene_number)
                                   FROM chapter_scenes s WHERE s.chapter_id = ch.id))
                    FROM pres pr JOIN ch ON ch.id = pr.chapter_id JOIN characters c ON c.id = pr.character_id
                    CROSS JOIN LATERAL (VALUES ('enters', pr.enters_at_scene), ('exits', pr.exits_at_scene)) AS x(verb, n)
                    WHERE x.n IS NOT NULL
                      AND EXISTS (SELECT 1 FROM chapter_scenes s WHERE s.chapter_id = pr.chapter_id)
                      AND NOT EXISTS (SELECT 1 FROM chapter_scenes s
                                      WHERE s.chapter_id = pr.chapter_id AND s.scene_number = x.n)"""));

    static final StructureCheck PARTICIPANT_NOT_PRESENT = add(ValidationLevel.COMPREHENSIVE,
            List.of(ViolationType.CHARACTER_CONTINUITY),
            new StructureCheck("participant_not_present", WARNING,
                    "Every participant of a scene has a presence record in the scene's chapter", """
                    SELECT g.chapter_id, g.scene_id, g.character_id,
                           format('%s takes part in %s of chapter %s but has no presence record for the chapter',
                                  c.name, g.label, g.chapter_number)
                    FROM (SELECT sc.chapter_id, sc.chapter_number, u.id AS character_id,
                                 CASE WHEN count(*) = 1 THEN min(sc.id) END AS scene_id,
                                 CASE WHEN count(*) = 1 THEN 'scene ' ELSE 'scenes ' END
                                     || string_agg(sc.scene_number::text, ', ' ORDER BY sc.scene_number) AS label
                          FROM sc, unnest(sc.scene_participants) AS u(id)
                          WHERE u.id IS DISTINCT FROM sc.pov_character_id
                          GROUP BY sc.chapter_id, sc.chapter_number, u.id) g
                    JOIN characters c ON c.id = g.character_id
                    WHERE NOT EXISTS (SELECT 1 FROM character_chapter_presence pr
                                      WHERE pr.chapter_id = g.chapter_id AND pr.character_id = g.character_id)"""));

    static final StructureCheck APPEARANCE_OUTSIDE_RANGE = add(null, List.of(ViolationType.CHARACTER_CONTINUITY),
            new StructureCheck("appearance_outside_book_range", ERROR,
                    "Characters on the page of this book do not appear before their recorded first-appearance book or "
                            + "after their recorded last-appearance book", """
                    SELECT a.chapter_id, NULL, a.character_id,
                           CASE WHEN fb.book_number > book.book_number
                                THEN format('%s appears in chapter %s, but their first appearance is recorded as book %s ("%s")',
                                            c.name, a.chapter_number, fb.book_number, fb.title)
                                ELSE format('%s appears in chapter %s, but their last appearance is recorded as book %s ("%s")',
                                            c.name, a.chapter_number, lb.book_number, lb.title) END
                    FROM (SELECT DISTINCT ON (ap.character_id) ap.character_id, ap.chapter_id, ch.chapter_number
                          FROM appear ap JOIN ch ON ch.id = ap.chapter_id
                          ORDER BY ap.character_id, ch.chapter_number) a
                    JOIN characters c ON c.id = a.character_id
                    CROSS JOIN book
                    LEFT JOIN books fb ON fb.id = c.first_appearance_book_id
                    LEFT JOIN books lb ON lb.id = c.last_appearance_book_id
                    WHERE fb.book_number > book.book_number OR lb.book_number < book.book_number"""));

    static final StructureCheck MISSING_SUMMARY = add(ValidationLevel.COMPREHENSIVE,
            List.of(),
            new StructureCheck("missing_summary", INFO, "Every chapter and scene has a summary", """
                    SELECT ch.id, NULL, NULL, format('Chapter %s has no summary', ch.chapter_number)
                    FROM ch WHERE coalesce(trim(ch.summary), '') = ''
                    UNION ALL
                    SELECT sc.chapter_id, sc.id, NULL,
                           format('Scene %s of chapter %s has no summary', sc.scene_number, sc.chapter_number)
                    FROM sc WHERE coalesce(trim(sc.summary), '') = ''"""));

    // ---- story time ---------------------------------------------------------------------------------------

    static final StructureCheck STORY_TIME_ORDER = add(ValidationLevel.COMPREHENSIVE,
            List.of(ViolationType.TIMELINE_CONSISTENCY),
            new StructureCheck("story_time_order", WARNING,
                    "Chapters whose story times are dates (YYYY-MM-DD) start no earlier than the chapter before and "
                            + "end no earlier than they start", """
                    WITH t AS (SELECT ch.id, ch.chapter_number, ch.story_time_start, ch.story_time_end,
                                      story_date(ch.story_time_start) AS starts, story_date(ch.story_time_end) AS ends
                               FROM ch),
                    d AS (SELECT t.*, lag(t.starts) OVER w AS prev_starts, lag(t.chapter_number) OVER w AS prev_chapter,
                                 lag(t.story_time_start) OVER w AS prev_text
                          FROM t WHERE t.starts IS NOT NULL WINDOW w AS (ORDER BY t.chapter_number))
                    SELECT d.id, NULL, NULL,
                           format('Chapter %s starts at %s, before chapter %s (%s) although it comes later; mark it as a flashback or check the dates',
                                  d.chapter_number, d.story_time_start, d.prev_chapter, d.prev_text)
                    FROM d WHERE d.starts < d.prev_starts
                    UNION ALL
                    SELECT t.id, NULL, NULL,
                           format('Chapter %s ends (%s) before it starts (%s)', t.chapter_number, t.story_time_end,
                                  t.story_time_start)
                    FROM t WHERE t.ends < t.starts"""));

    static final StructureCheck TIMELINE_ORDER = add(null, List.of(ViolationType.TIMELINE_CONSISTENCY),
            new StructureCheck("timeline_order", WARNING,
                    "Timeline events shown as direct scenes appear in story order: an event does not follow, in the "
                            + "text, a directly shown event that happens after it (compared when both dates are "
                            + "YYYY-MM-DD, or the dates are equal and sort_order differs)", """
                    WITH m AS (
                        SELECT ecm.chapter_id, ch.chapter_number, coalesce(ecm.scene_number, 0) AS scene_number,
                               (SELECT s.id FROM chapter_scenes s
                                WHERE s.chapter_id = ecm.chapter_id AND s.scene_number = ecm.scene_number) AS scene_id,
                               e.event_name, e.event_date, story_date(e.event_date) AS day, e.sort_order
                        FROM event_chapter_mappings ecm
                        JOIN ch ON ch.id = ecm.chapter_id
                        JOIN timeline_events e ON e.id = ecm.event_id
                        WHERE coalesce(ecm.presentation_type, 'direct_scene') = 'direct_scene')
                    SELECT later.chapter_id, later.scene_id, NULL,
                           format('Event "%s" (%s) is shown directly in chapter %s after event "%s" (%s) in chapter %s, although it happens earlier; present it as a flashback or memory, or reorder',
                                  later.event_name, later.event_date, later.chapter_number,
                                  prior.event_name, prior.event_date, prior.chapter_number)
                    FROM m later
                    CROSS JOIN LATERAL (
                        SELECT e.* FROM m e
                        WHERE (e.chapter_number, e.scene_number) < (later.chapter_number, later.scene_number)
                          AND ((e.day IS NOT NULL AND later.day IS NOT NULL
                                AND (e.day, e.sort_order) > (later.day, later.sort_order))
                               OR (e.event_date = later.event_date AND e.sort_order > later.sort_order))
                        ORDER BY e.chapter_number DESC, e.scene_number DESC LIMIT 1) prior"""));

    static final StructureCheck EVENT_OTHER_BOOK = add(null, List.of(ViolationType.TIMELINE_CONSISTENCY),
            new StructureCheck("event_other_book", WARNING,
                    "Events shown directly in this book's chapters belong to this book (or to no book)", """
                    SELECT ecm.chapter_id, NULL, NULL,
                           format('Event "%s" belongs to book %s ("%s") but is shown directly in chapter %s of this book',
                                  e.event_name, eb.book_number, eb.title, ch.chapter_number)
                    FROM event_chapter_mappings ecm
                    JOIN ch ON ch.id = ecm.chapter_id
                    JOIN timeline_events e ON e.id = ecm.event_id
                    JOIN books eb ON eb.id = e.book_id
                    CROSS JOIN book
                    WHERE eb.id <> book.id AND coalesce(ecm.presentation_type, 'direct_scene') = 'direct_scene'"""));

    static final StructureCheck EVENT_MISSING_SCENE = add(null, List.of(ViolationType.TIMELINE_CONSISTENCY),
            new StructureCheck("event_mapping_missing_scene", WARNING,
                    "Events mapped to a scene number are mapped to a scene the chapter has", """
                    SELECT ecm.chapter_id, NULL, NULL,
                           format('Event "%s" is mapped to scene %s of chapter %s, which does not exist',
                                  e.event_name, ecm.scene_number, ch.chapter_number)
                    FROM event_chapter_mappings ecm
                    JOIN ch ON ch.id = ecm.chapter_id
                    JOIN timeline_events e ON e.id = ecm.event_id
                    WHERE ecm.scene_number IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM chapter_scenes s
                                      WHERE s.chapter_id = ecm.chapter_id AND s.scene_number = ecm.scene_number)"""));

    // ---- locations ----------------------------------------------------------------------------------------

    static final StructureCheck SCENE_LOCATION_OUTSIDE_CHAPTER = add(null,
            List.of(ViolationType.LOCATION_CONSISTENCY),
            new StructureCheck("scene_location_outside_chapter", INFO,
                    "A scene's location is its chapter's primary location or one of its secondary locations", """
                    SELECT sc.chapter_id, sc.id, NULL,
                           format('Scene %s of chapter %s is set in "%s", which is neither the chapter''s primary location ("%s") nor one of its secondary locations',
                                  sc.scene_number, sc.chapter_number, sc.location, ch.primary_location)
                    FROM sc JOIN ch ON ch.id = sc.chapter_id
                    WHERE coalesce(trim(sc.location), '') <> '' AND coalesce(trim(ch.primary_location), '') <> ''
                      AND lower(trim(sc.location)) <> lower(trim(ch.primary_location))
                      AND NOT EXISTS (SELECT 1 FROM unnest(ch.secondary_locations) AS l(name)
                                      WHERE lower(trim(l.name)) = lower(trim(sc.location)))"""));

    static final StructureCheck UNKNOWN_LOCATION = add(null, List.of(ViolationType.LOCATION_CONSISTENCY),
            new StructureCheck("unknown_location", INFO,
                    "Scene and chapter locations name locations of the series (when the series records any)", """
                    WITH known AS (SELECT lower(trim(l.name)) AS name FROM locations l JOIN book ON l.series_id = book.series_id)
                    SELECT sc.chapter_id, sc.id, NULL,
                           format('Scene %s of chapter %s is set in "%s", which is not a location of the series',
                                  sc.scene_number, sc.chapter_number, sc.location)
                    FROM sc
                    WHERE coalesce(trim(sc.location), '') <> '' AND EXISTS (SELECT 1 FROM known)
                      AND lower(trim(sc.location)) NOT IN (SELECT name FROM known)
                    UNION ALL
                    SELECT ch.id, NULL, NULL,
                           format('The primary location of chapter %s, "%s", is not a location of the series',
                                  ch.chapter_number, ch.primary_location)
                    FROM ch
                    WHERE coalesce(trim(ch.primary_location), '') <> '' AND EXISTS (SELECT 1 FROM known)
                      AND lower(trim(ch.primary_location)) NOT IN (SELECT name FROM known)"""));

    static final StructureCheck MISSING_LOCATION = add(null, List.of(ViolationType.LOCATION_CONSISTENCY),
            new StructureCheck("missing_location", INFO,
                    "Every scene has a location, its own or its chapter's primary location", """
                    SELECT sc.chapter_id, sc.id, NULL,
                           format('Scene %s of chapter %s has no location, and its chapter has no primary location',
                                  sc.scene_number, sc.chapter_number)
                    FROM sc JOIN ch ON ch.id = sc.chapter_id
                    WHERE coalesce(trim(sc.location), '') = '' AND coalesce(trim(ch.primary_location), '') = ''"""));

    // ---- plot holes ---------------------------------------------------------------------------------------

    static final StructureCheck FORESHADOWING_AFTER_REVEAL = add(null, List.of(ViolationType.PLOT_HOLES),
            new StructureCheck("foreshadowing_after_reveal", ERROR,
                    "Information revealed in this book is foreshadowed only in chapters before the reveal", """
                    SELECT rc.id, NULL, NULL,
                           format('Reveal %s ("%s") happens in chapter %s but lists chapter %s%s as its foreshadowing, which comes later',
                                  r.id, left(r.information_content, 80), rc.chapter_number, fc.chapter_number,
                                  CASE WHEN fb.id <> book.id THEN format(' of book %s', fb.book_number) ELSE '' END)
                    FROM information_reveals r
                    JOIN ch rc ON rc.id = r.revealed_in_chapter
                    CROSS JOIN book
                    CROSS JOIN LATERAL unnest(r.foreshadowing_chapters) AS f(id)
                    JOIN chapters fc ON fc.id = f.id
                    JOIN books fb ON fb.id = fc.book_id
                    WHERE fb.series_id = book.series_id
                      AND (fb.book_number, fc.chapter_number) > (book.book_number, rc.chapter_number)"""));

    static final StructureCheck LEARNED_BEFORE_REVEAL = add(null, List.of(ViolationType.PLOT_HOLES),
            new StructureCheck("learned_before_reveal", WARNING,
                    "No character learns a piece of information in a chapter before the chapter that reveals it", """
                    SELECT CASE WHEN lc.book_id = book.id THEN lc.id ELSE rc.id END, NULL, fl.learned_by_character_id,
                           format('%s learns "%s" in chapter %s of book %s, before it is revealed in chapter %s of book %s',
                                  c.name, left(r.information_content, 80), lc.chapter_number, lb.book_number,
                                  rc.chapter_number, rb.book_number)
                    FROM information_flow fl
                    JOIN information_reveals r ON r.id = fl.reveal_id
                    JOIN chapters lc ON lc.id = fl.learned_in_chapter
                    JOIN books lb ON lb.id = lc.book_id
                    JOIN chapters rc ON rc.id = r.revealed_in_chapter
                    JOIN books rb ON rb.id = rc.book_id
                    JOIN characters c ON c.id = fl.learned_by_character_id
                    CROSS JOIN book
                    WHERE (lc.book_id = book.id OR rc.book_id = book.id) AND lb.series_id = rb.series_id
                      AND (lb.book_number, lc.chapter_number) < (rb.book_number, rc.chapter_number)"""));

    static final StructureCheck EVIDENCE_AFTER_REVEAL = add(null, List.of(ViolationType.PLOT_HOLES),
            new StructureCheck("evidence_after_reveal", WARNING,
                    "Evidence for a reveal is discovered no later than the chapter of the reveal", """
                    SELECT CASE WHEN dc.book_id = book.id THEN dc.id ELSE rc.id END, NULL, NULL,
                           format('Evidence "%s" for reveal %s is discovered in chapter %s of book %s, after the reveal in chapter %s of book %s',
                                  left(ev.evidence_description, 80), r.id, dc.chapter_number, db.book_number,
                                  rc.chapter_number, rb.book_number)
                    FROM reveal_evidence ev
                    JOIN information_reveals r ON r.id = ev.reveal_id
                    JOIN chapters dc ON dc.id = ev.discovery_chapter
                    JOIN books db ON db.id = dc.book_id
                    JOIN chapters rc ON rc.id = r.revealed_in_chapter
                    JOIN books rb ON rb.id = rc.book_id
                    CROSS JOIN book
                    WHERE (dc.book_id = book.id OR rc.book_id = book.id) AND db.series_id = rb.series_id
                      AND (db.book_number, dc.chapter_number) > (rb.book_number, rc.chapter_number)"""));

    static final StructureCheck THREAD_UNRESOLVED = add(null, List.of(ViolationType.PLOT_HOLES),
            new StructureCheck("thread_unresolved", WARNING,
                    "Plot threads planned to end in this book are resolved (or abandoned)", """
                    SELECT NULL, NULL, NULL,
                           format('Plot thread "%s" (%s) is planned to end in book %s but is still %s',
                                  pt.title, pt.id, pt.end_book, st.status_name)
                    FROM plot_threads pt
                    CROSS JOIN book
                    JOIN plot_thread_statuses st ON st.id = pt.current_status_id
                    WHERE pt.series_id = book.series_id AND pt.end_book = book.book_number
                      AND st.status_name NOT IN ('resolved', 'abandoned')"""));

    static final StructureCheck SETUP_WITHOUT_PAYOFF = add(null, List.of(ViolationType.PLOT_HOLES),
            new StructureCheck("setup_without_payoff", INFO,
                    "What this book's plot points set up is paid off by some plot point of the series (same wording)",
                    """
                    SELECT pp.chapter_id, pp.scene_id, NULL,
                           format('Chapter %s sets up "%s", which no plot point of the series pays off',
                                  ch.chapter_number, u.item)
                    FROM chapter_plot_points pp
                    JOIN ch ON ch.id = pp.chapter_id
                    CROSS JOIN LATERAL unnest(pp.sets_up_future_events) AS u(item)
                    CROSS JOIN book
                    WHERE NOT EXISTS (
                        SELECT 1 FROM chapter_plot_points q
                        JOIN chapters qc ON qc.id = q.chapter_id
                        JOIN books qb ON qb.id = qc.book_id
                        CROSS JOIN LATERAL unnest(q.pays_off_previous_setup) AS v(item)
                        WHERE qb.series_id = book.series_id AND lower(trim(v.item)) = lower(trim(u.item)))"""));

    private StructureChecks() {
    }

    private static StructureCheck add(ValidationLevel level, List<ViolationType> types, StructureCheck check) {
        ALL.add(new Entry(check, level, types));
        return check;
    }

    /** The checks of a validation level: its own and those of the levels below it. */
    static List<StructureCheck> forLevel(ValidationLevel level) {
        return ALL.stream().filter(e -> e.level() != null && e.level().compareTo(level) <= 0)
                .map(Entry::check).toList();
    }

    /** The checks that look for any of the violation types. */
    static List<StructureCheck> forViolations(List<ViolationType> types) {
        return ALL.stream().filter(e -> e.types().stream().anyMatch(types::contains)).map(Entry::check).toList();
    }

    /** The violation types a check belongs to, the one it mainly looks for first. */
    static List<ViolationType> typesOf(StructureCheck check) {
        return ALL.stream().filter(e -> e.check() == check).findFirst().map(Entry::types).orElse(List.of());
    }
}
