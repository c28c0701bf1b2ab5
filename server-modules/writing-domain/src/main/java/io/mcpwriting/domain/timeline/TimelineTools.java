package io.mcpwriting.domain.timeline;

import io.mcpwriting.domain.Checks;
import io.mcpwriting.domain.plot.PlotThreadTools;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.ErrorKind;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** The in-story timeline of a series: dated events and who took part. */
@ApplicationScoped
public class TimelineTools {

    public static final String EVENT_JSON = """
            to_jsonb(e) || jsonb_build_object('participants', coalesce((
                SELECT jsonb_agg(jsonb_build_object('character_id', c.id, 'name', c.name, 'role_in_event', ep.role_in_event)
                                 ORDER BY c.name)
                FROM event_participants ep JOIN characters c ON c.id = ep.character_id
                WHERE ep.event_id = e.id), '[]'::jsonb))""";

    @Inject
    Db db;

    @Tool(name = "create_timeline_event", description = "Add an event to a series' in-story timeline, with the "
            + "characters who take part. event_date is free text in the story's own calendar.")
    public JsonText createTimelineEvent(
            @Arg(value = "series_id", required = true, description = "Series the event belongs to") int seriesId,
            @Arg(value = "event_name", required = true, description = "Short name of the event") String eventName,
            @Arg(value = "event_description", description = "What happens") String eventDescription,
            @Arg(value = "event_date", required = true, description = "When it happens, in story time") String eventDate,
            @Arg(value = "book_id", description = "Book in which it happens") Integer bookId,
            @Arg(value = "sort_order", description = "Order among events with the same date") Integer sortOrder,
            @Arg(value = "time_period", description = "Era or period label") String timePeriod,
            @Arg(value = "participants", description = "Ids of characters taking part") List<Integer> participants,
            @Arg(value = "significance", description = "How much it matters (default minor)") Significance significance,
            @Arg(value = "is_public_knowledge", description = "Whether characters in general know of it (default true)")
            Boolean isPublicKnowledge) {
        Checks.notBlank("event_name", eventName);
        Checks.notBlank("event_date", eventDate);
        return new JsonText(db.write(sql -> {
            sql.requireRow("series", seriesId, "series");
            if (bookId != null && !sql.exists("SELECT 1 FROM books WHERE id = ? AND series_id = ?", bookId, seriesId)) {
                throw new ToolException(ErrorKind.NOT_FOUND, "book " + bookId + " does not exist in series " + seriesId);
            }
            PlotThreadTools.requireCharacters(sql, seriesId, participants);
            long id = sql.number("""
                    INSERT INTO timeline_events (series_id, event_name, event_description, event_date, book_id,
                                                 sort_order, time_period, significance, is_public_knowledge)
                    VALUES (?, ?, ?, ?, ?, coalesce(?, 0), ?, coalesce(?, 'minor'), coalesce(?, true)) RETURNING id""",
                    seriesId, eventName.strip(), eventDescription, eventDate, bookId, sortOrder, timePeriod,
                    significance, isPublicKnowledge);
            if (participants != null && !participants.isEmpty()) {
                sql.update("INSERT INTO event_participants (event_id, character_id) SELECT ?, unnest(?::bigint[]) "
                        + "ON CONFLICT (event_id, character_id) DO NOTHING", id, participants);
            }
            return sql.text("SELECT " + EVENT_JSON + " FROM timeline_events e WHERE e.id = ?", id);
        }));
    }
}
