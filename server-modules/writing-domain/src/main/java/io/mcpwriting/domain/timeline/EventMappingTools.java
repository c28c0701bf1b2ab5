package io.mcpwriting.domain.timeline;

import io.mcpwriting.domain.Checks;
import io.mcpwriting.domain.chapter.ChapterRefs;
import io.mcpwriting.domain.plot.PlotThreadTools;
import io.mcpwriting.mcp.db.Changes;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;

/** Where and how timeline events are told in chapters, and changes to the events themselves. */
@ApplicationScoped
public class EventMappingTools {

    /** How an event appears in a chapter. */
    public enum PresentationType {
        DIRECT_SCENE, FLASHBACK, MEMORY, REFERENCE, FORESHADOWING, DREAM, RETELLING
    }

    /** How much of the event the chapter shows. */
    public enum Completeness {
        FULL, PARTIAL, GLIMPSE
    }

    /**
     * A mapping (alias {@code m}) with its event, chapter, point-of-view character, and every other chapter the
     * same event is told in.
     */
    private static final String MAPPING_JSON = """
            to_jsonb(m) || jsonb_build_object(
                'event_name', e.event_name, 'event_date', e.event_date,
                'chapter_number', c.chapter_number, 'chapter_title', c.title, 'book_id', c.book_id,
                'book_number', b.book_number,
                'pov_character_name', (SELECT ch.name FROM characters ch WHERE ch.id = m.pov_character_id),
                'other_mappings', coalesce((
                    SELECT jsonb_agg(jsonb_build_object('mapping_id', o.id, 'chapter_id', o.chapter_id,
                                     'chapter_number', oc.chapter_number, 'book_number', ob.book_number,
                                     'scene_number', o.scene_number, 'presentation_type', o.presentation_type)
                                     ORDER BY ob.book_number, oc.chapter_number, o.scene_number NULLS FIRST, o.id)
                    FROM event_chapter_mappings o JOIN chapters oc ON oc.id = o.chapter_id
                    JOIN books ob ON ob.id = oc.book_id
                    WHERE o.event_id = m.event_id AND o.id <> m.id), '[]'::jsonb))""";

    @Inject
    Db db;

    @Tool(name = "timeline_map_event_to_chapter", description = "Record that a timeline event is told in a chapter "
            + "(optionally at a scene number), how (direct scene, flashback, memory, ...), from whose point of view "
            + "and how completely. The event and chapter must be of the same series. Mapping the same event to the "
            + "same chapter, scene and presentation twice fails naming the existing mapping (use "
            + "update_event_mapping). The result lists the other chapters that tell the event.")
    public JsonText mapEventToChapter(
            @Arg(value = "event_id", required = true, description = "Timeline event id") int eventId,
            @Arg(value = "chapter_id", required = true, description = "Chapter that tells the event") int chapterId,
            @Arg(value = "scene_number", description = "Scene number within the chapter, from 1") Integer sceneNumber,
            @Arg(value = "presentation_type", description = "How the event appears in the chapter")
            PresentationType presentationType,
            @Arg(value = "pov_character_id", description = "Character through whose eyes it is told") Integer povCharacterId,
            @Arg(value = "event_aspect", description = "Which part or side of the event this chapter covers")
            String eventAspect,
            @Arg(value = "completeness", defaultValue = "full", description = "How much of the event is shown")
            Completeness completeness,
            @Arg(value = "narrative_function", description = "What telling it here does for the story")
            String narrativeFunction) {
        Checks.atLeast("scene_number", sceneNumber, 1);
        return new JsonText(db.write(sql -> {
            long seriesId = ChapterRefs.seriesOf(sql, "timeline_events", "timeline event", eventId);
            ChapterRefs.requireChapterInSeries(sql, "chapter_id", chapterId, seriesId);
            if (povCharacterId != null) {
                ChapterRefs.requireInSeries(sql, "characters", "character", "pov_character_id", povCharacterId, seriesId);
            }
            requireNoTwin(sql, null, eventId, chapterId, sceneNumber, wire(presentationType));
            long id = sql.number("""
                    INSERT INTO event_chapter_mappings (event_id, chapter_id, scene_number, presentation_type,
                                                        pov_character_id, event_aspect, completeness, narrative_function)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                    eventId, chapterId, sceneNumber, presentationType, povCharacterId, eventAspect, completeness,
                    narrativeFunction);
            return mapping(sql, id);
        }));
    }

    @Tool(name = "update_event_mapping", description = "Change how an event-to-chapter mapping tells its event; only "
            + "the fields given change. The event and chapter of a mapping stay as they are.", idempotent = true)
    public JsonText updateEventMapping(
            @Arg(value = "mapping_id", required = true, description = "Mapping id") int mappingId,
            @Arg(value = "scene_number", description = "Scene number within the chapter, from 1") Integer sceneNumber,
            @Arg(value = "presentation_type", description = "How the event appears in the chapter")
            PresentationType presentationType,
            @Arg(value = "pov_character_id", description = "Character through whose eyes it is told") Integer povCharacterId,
            @Arg(value = "event_aspect", description = "Which part or side of the event this chapter covers")
            String eventAspect,
            @Arg(value = "completeness", description = "How much of the event is shown") Completeness completeness,
            @Arg(value = "narrative_function", description = "What telling it here does for the story")
            String narrativeFunction) {
        Checks.atLeast("scene_number", sceneNumber, 1);
        Changes changes = new Changes().set("scene_number", sceneNumber).set("presentation_type", presentationType)
                .set("pov_character_id", povCharacterId).set("event_aspect", eventAspect)
                .set("completeness", completeness).set("narrative_function", narrativeFunction)
                .requireAny("scene_number, presentation_type, pov_character_id, event_aspect, completeness, "
                        + "narrative_function");
        return new JsonText(db.write(sql -> {
            String current = sql.text("""
                    SELECT m.event_id || ' ' || m.chapter_id || ' ' || coalesce(m.scene_number::text, '-') || ' '
                           || coalesce(m.presentation_type, '-') || ' ' || e.series_id
                    FROM event_chapter_mappings m JOIN timeline_events e ON e.id = m.event_id WHERE m.id = ?""",
                    mappingId);
            if (current == null) {
                throw ToolException.notFound("event mapping", mappingId);
            }
            String[] parts = current.split(" ");
            long seriesId = Long.parseLong(parts[4]);
            if (povCharacterId != null) {
                ChapterRefs.requireInSeries(sql, "characters", "character", "pov_character_id", povCharacterId, seriesId);
            }
            Integer scene = sceneNumber != null ? sceneNumber : parts[2].equals("-") ? null : Integer.valueOf(parts[2]);
            String presentation = presentationType != null ? wire(presentationType)
                    : parts[3].equals("-") ? null : parts[3];
            requireNoTwin(sql, (long) mappingId, Long.parseLong(parts[0]), Long.parseLong(parts[1]), scene, presentation);
            changes.applyTo(sql, "event_chapter_mappings", mappingId);
            return mapping(sql, mappingId);
        }));
    }

    @Tool(name = "update_timeline_event", description = "Change a timeline event; only the fields given change. "
            + "participants, when given, replaces the event's participants (character ids of the event's series). "
            + "book_id must be a book of the event's series.", idempotent = true)
    public JsonText updateTimelineEvent(
            @Arg(value = "event_id", required = true, description = "Event to change") int eventId,
            @Arg(value = "event_name", description = "New short name") String eventName,
            @Arg(value = "event_description", description = "What happens") String eventDescription,
            @Arg(value = "event_date", description = "When it happens, in story time (free text)") String eventDate,
            @Arg(value = "book_id", description = "Book in which it happens") Integer bookId,
            @Arg(value = "sort_order", description = "Order among events with the same date") Integer sortOrder,
            @Arg(value = "time_period", description = "Era or period label") String timePeriod,
            @Arg(value = "participants", description = "Ids of the characters taking part (replaces the current list)")
            List<Integer> participants,
            @Arg(value = "significance", description = "How much it matters") Significance significance,
            @Arg(value = "is_public_knowledge", description = "Whether characters in general know of it")
            Boolean isPublicKnowledge) {
        Checks.notBlank("event_name", eventName);
        Checks.notBlank("event_date", eventDate);
        Changes changes = new Changes().set("event_name", eventName == null ? null : eventName.strip())
                .set("event_description", eventDescription).set("event_date", eventDate).set("book_id", bookId)
                .set("sort_order", sortOrder).set("time_period", timePeriod).set("significance", significance)
                .set("is_public_knowledge", isPublicKnowledge);
        if (participants == null) {
            changes.requireAny("event_name, event_description, event_date, book_id, sort_order, time_period, "
                    + "participants, significance, is_public_knowledge");
        }
        return new JsonText(db.write(sql -> {
            long seriesId = ChapterRefs.seriesOf(sql, "timeline_events", "timeline event", eventId);
            if (bookId != null) {
                ChapterRefs.requireInSeries(sql, "books", "book", "book_id", bookId, seriesId);
            }
            if (participants != null) {
                PlotThreadTools.requireCharacters(sql, (int) seriesId, participants);
                sql.update("DELETE FROM event_participants WHERE event_id = ? AND character_id <> ALL(?::int[])",
                        eventId, participants);
                sql.update("INSERT INTO event_participants (event_id, character_id) SELECT ?, unnest(?::int[]) "
                        + "ON CONFLICT (event_id, character_id) DO NOTHING", eventId, participants);
            }
            if (!changes.isEmpty()) {
                changes.applyTo(sql, "timeline_events", eventId);
            }
            return sql.text("SELECT " + TimelineTools.EVENT_JSON + " || jsonb_build_object('mapped_chapters', "
                    + "(SELECT count(*) FROM event_chapter_mappings m WHERE m.event_id = e.id)) "
                    + "FROM timeline_events e WHERE e.id = ?", eventId);
        }));
    }

    /** Fails naming the mapping that already tells this event at the same place in the same way. */
    private static void requireNoTwin(Sql sql, Long self, long eventId, long chapterId, Integer sceneNumber,
            String presentationType) throws SQLException {
        Long twin = sql.number("""
                SELECT id FROM event_chapter_mappings
                WHERE event_id = ? AND chapter_id = ? AND scene_number IS NOT DISTINCT FROM ?::int
                  AND presentation_type IS NOT DISTINCT FROM ?::text AND id IS DISTINCT FROM ?::int""",
                eventId, chapterId, sceneNumber, presentationType, self);
        if (twin != null) {
            throw ToolException.conflict("Event " + eventId + " is already mapped to chapter " + chapterId
                    + (sceneNumber == null ? "" : " scene " + sceneNumber)
                    + (presentationType == null ? "" : " as " + presentationType)
                    + ": mapping " + twin + "; use update_event_mapping to change it.");
        }
    }

    private static String wire(PresentationType type) {
        return type == null ? null : type.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String mapping(Sql sql, long id) throws SQLException {
        return sql.text("SELECT " + MAPPING_JSON + """
                 FROM event_chapter_mappings m JOIN timeline_events e ON e.id = m.event_id
                JOIN chapters c ON c.id = m.chapter_id JOIN books b ON b.id = c.book_id WHERE m.id = ?""", id);
    }
}
