package io.mcpwriting.domain.structure;

import static io.mcpwriting.domain.structure.Severity.INFO;
import static io.mcpwriting.domain.structure.Severity.WARNING;

import java.util.List;

/**
 * Checks of story time (chapter dates in order, timeline events shown in story order, in this book and mapped to
 * scenes that exist) and of locations (set, known to the series, within the chapter's).
 */
final class TimeAndPlaceChecks {

    /** Story time. */
    static final StructureChecks.Section STORY_TIME = new StructureChecks.Section();

    /** Locations. */
    static final StructureChecks.Section LOCATIONS = new StructureChecks.Section();

    static final StructureCheck STORY_TIME_ORDER = STORY_TIME.add(ValidationLevel.COMPREHENSIVE,
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

    static final StructureCheck TIMELINE_ORDER = STORY_TIME.add(null, List.of(ViolationType.TIMELINE_CONSISTENCY),
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

    static final StructureCheck EVENT_OTHER_BOOK = STORY_TIME.add(null, List.of(ViolationType.TIMELINE_CONSISTENCY),
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

    static final StructureCheck EVENT_MISSING_SCENE = STORY_TIME.add(null, List.of(ViolationType.TIMELINE_CONSISTENCY),
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

    static final StructureCheck SCENE_LOCATION_OUTSIDE_CHAPTER = LOCATIONS.add(null,
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

    static final StructureCheck UNKNOWN_LOCATION = LOCATIONS.add(null, List.of(ViolationType.LOCATION_CONSISTENCY),
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

    static final StructureCheck MISSING_LOCATION = LOCATIONS.add(null, List.of(ViolationType.LOCATION_CONSISTENCY),
            new StructureCheck("missing_location", INFO,
                    "Every scene has a location, its own or its chapter's primary location", """
                    SELECT sc.chapter_id, sc.id, NULL,
                           format('Scene %s of chapter %s has no location, and its chapter has no primary location',
                                  sc.scene_number, sc.chapter_number)
                    FROM sc JOIN ch ON ch.id = sc.chapter_id
                    WHERE coalesce(trim(sc.location), '') = '' AND coalesce(trim(ch.primary_location), '') = ''"""));

    private TimeAndPlaceChecks() {
    }
}
