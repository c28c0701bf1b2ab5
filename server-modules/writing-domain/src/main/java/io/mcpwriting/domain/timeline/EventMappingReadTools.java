package io.mcpwriting.domain.timeline;

import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Where a timeline event is shown in the manuscript: its chapter mappings, in story order. */
@ApplicationScoped
public class EventMappingReadTools {

    @Inject
    Db db;

    @Tool(name = "get_event_mappings", description = "Get a timeline event with its participants and every chapter "
            + "that presents it (direct scene, flashback, memory, reference, foreshadowing, ...), in story order (book, "
            + "chapter, scene), with the book and chapter, the POV character, the aspect shown and how completely.",
            readOnly = true)
    public JsonText getEventMappings(@Arg(value = "event_id", required = true, description = "Timeline event id")
                                     int eventId) {
        String json = db.read(sql -> sql.text("""
                SELECT jsonb_build_object(
                    'event', """ + TimelineTools.EVENT_JSON + """
                    ,
                    'mappings', coalesce((
                        SELECT jsonb_agg(to_jsonb(m) || jsonb_build_object(
                                   'chapter_number', ch.chapter_number, 'chapter_title', ch.title,
                                   'book_id', b.id, 'book_number', b.book_number, 'book_title', b.title,
                                   'pov_character_name', pc.name)
                               ORDER BY b.book_number NULLS LAST, ch.chapter_number NULLS LAST,
                                        m.scene_number NULLS FIRST, m.id)
                        FROM event_chapter_mappings m
                        LEFT JOIN chapters ch ON ch.id = m.chapter_id
                        LEFT JOIN books b ON b.id = ch.book_id
                        LEFT JOIN characters pc ON pc.id = m.pov_character_id
                        WHERE m.event_id = e.id), '[]'::jsonb),
                    'count', (SELECT count(*) FROM event_chapter_mappings m WHERE m.event_id = e.id),
                    'chapter_count', (SELECT count(DISTINCT m.chapter_id) FROM event_chapter_mappings m
                                      WHERE m.event_id = e.id),
                    'presentation_types', coalesce((
                        SELECT jsonb_object_agg(g.presentation_type, g.n)
                        FROM (SELECT coalesce(m.presentation_type, 'unspecified') AS presentation_type, count(*) AS n
                              FROM event_chapter_mappings m WHERE m.event_id = e.id GROUP BY 1) g), '{}'::jsonb))
                FROM timeline_events e WHERE e.id = ?""", eventId));
        if (json == null) {
            throw ToolException.notFound("timeline event", eventId);
        }
        return new JsonText(json);
    }
}
