package io.mcpwriting.domain.structure;

import static io.mcpwriting.domain.structure.Severity.ERROR;
import static io.mcpwriting.domain.structure.Severity.INFO;
import static io.mcpwriting.domain.structure.Severity.WARNING;

import java.util.List;

/**
 * Checks of a book's characters: every character named exists in the book's series, presence records agree with
 * the chapter's scenes, participants are present, appearances stay within the recorded books; and every chapter
 * and scene has a summary.
 */
final class CharacterChecks {

    /** Characters. */
    static final StructureChecks.Section CHARACTERS = new StructureChecks.Section();

    static final StructureCheck FOREIGN_CHARACTER = CHARACTERS.add(ValidationLevel.COMPREHENSIVE,
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

    static final StructureCheck PRESENCE_SCENE_ELSEWHERE = CHARACTERS.add(ValidationLevel.COMPREHENSIVE,
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

    static final StructureCheck PRESENCE_ENTRY_EXIT = CHARACTERS.add(ValidationLevel.COMPREHENSIVE,
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

    static final StructureCheck PARTICIPANT_NOT_PRESENT = CHARACTERS.add(ValidationLevel.COMPREHENSIVE,
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

    static final StructureCheck APPEARANCE_OUTSIDE_RANGE = CHARACTERS.add(null,
            List.of(ViolationType.CHARACTER_CONTINUITY),
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

    static final StructureCheck MISSING_SUMMARY = CHARACTERS.add(ValidationLevel.COMPREHENSIVE,
            List.of(),
            new StructureCheck("missing_summary", INFO, "Every chapter and scene has a summary", """
                    SELECT ch.id, NULL, NULL, format('Chapter %s has no summary', ch.chapter_number)
                    FROM ch WHERE coalesce(trim(ch.summary), '') = ''
                    UNION ALL
                    SELECT sc.chapter_id, sc.id, NULL,
                           format('Scene %s of chapter %s has no summary', sc.scene_number, sc.chapter_number)
                    FROM sc WHERE coalesce(trim(sc.summary), '') = ''"""));

    private CharacterChecks() {
    }
}
