package io.mcpwriting.domain.plot;

import io.mcpwriting.domain.Checks;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;

/** Reading the plot threads of a series, filtered the way continuity checks need them. */
@ApplicationScoped
public class PlotThreadReadTools {

    private static final String THREAD_DETAIL_JSON = PlotThreadTools.THREAD_JSON + """
             || jsonb_build_object(
                'parent_thread_title', (SELECT p.title FROM plot_threads p WHERE p.id = pt.parent_thread_id),
                'related_character_names', coalesce((
                    SELECT jsonb_agg(jsonb_build_object('id', c.id, 'name', c.name) ORDER BY c.name)
                    FROM characters c WHERE c.id = ANY (pt.related_characters)), '[]'::jsonb),
                'relationships', coalesce((
                    SELECT jsonb_agg(jsonb_build_object(
                               'relationship_id', r.id, 'relationship_type', rt.type_name,
                               'other_thread_id', CASE WHEN r.thread_a_id = pt.id THEN r.thread_b_id ELSE r.thread_a_id END,
                               'other_thread_title', o.title, 'direction', CASE WHEN r.thread_a_id = pt.id THEN 'outgoing'
                                                                              ELSE 'incoming' END,
                               'strength', r.strength, 'description', r.relationship_description) ORDER BY r.id)
                    FROM plot_thread_relationships r
                    JOIN relationship_types rt ON rt.id = r.relationship_type_id
                    JOIN plot_threads o ON o.id = CASE WHEN r.thread_a_id = pt.id THEN r.thread_b_id ELSE r.thread_a_id END
                    WHERE pt.id IN (r.thread_a_id, r.thread_b_id)), '[]'::jsonb),
                'reveal_count', (SELECT count(*) FROM information_reveals ir WHERE ir.plot_thread_id = pt.id),
                'sub_thread_count', (SELECT count(*) FROM plot_threads s WHERE s.parent_thread_id = pt.id))""";

    @Inject
    Db db;

    @Tool(name = "get_plot_threads", description = "List the plot threads of a series, most important first, with "
            + "type, status, book span, parent thread, related characters, links to other threads and counts of "
            + "reveals and sub-threads. Filters: thread_type (a plot thread type name), current_status (a plot thread "
            + "status name), book_number (threads running in that book: started by it and not ended before it), "
            + "importance_min (1-10). get_available_options lists the type and status names. include_reveals adds "
            + "each thread's information reveals (plot_create_information_reveal) in reading order, each with its "
            + "evidence (plot_add_reveal_evidence).", readOnly = true)
    public JsonText getPlotThreads(
            @Arg(value = "series_id", required = true, description = "Series id") int seriesId,
            @Arg(value = "thread_type", description = "Only threads of this type, e.g. subplot, series_arc")
            String threadType,
            @Arg(value = "current_status", description = "Only threads with this status, e.g. active, resolved")
            String currentStatus,
            @Arg(value = "book_number", description = "Only threads running in this book (book number, from 1)")
            Integer bookNumber,
            @Arg(value = "importance_min", description = "Only threads at least this important (1-10)")
            Integer importanceMin,
            @Arg(value = "include_reveals", defaultValue = "false", description = "Add each thread's reveals, with "
                    + "their evidence, as reveals") boolean includeReveals) {
        Checks.atLeast("book_number", bookNumber, 1);
        Checks.range("importance_min", importanceMin, 1, 10);
        return new JsonText(db.read(sql -> {
            sql.requireRow("series", seriesId, "series");
            Long typeId = threadType == null ? null
                    : lookup(sql, "thread_type", threadType, "plot_thread_types", "type_name");
            Long statusId = currentStatus == null ? null
                    : lookup(sql, "current_status", currentStatus, "plot_thread_statuses", "status_name");
            String threads = sql.text("""
                    SELECT jsonb_build_object(
                        'series_id', ?::int,
                        'filters', jsonb_strip_nulls(jsonb_build_object('thread_type', ?::text, 'current_status', ?::text,
                                                                        'book_number', ?::int, 'importance_min', ?::int)),
                        'threads', coalesce(jsonb_agg(t.thread ORDER BY t.importance_level DESC, t.id), '[]'::jsonb),
                        'count', count(*))
                    FROM (SELECT pt.id, pt.importance_level, """ + THREAD_DETAIL_JSON + """
                           AS thread
                          FROM plot_threads pt
                          WHERE pt.series_id = ?
                            AND (?::int IS NULL OR pt.thread_type_id = ?)
                            AND (?::int IS NULL OR pt.current_status_id = ?)
                            AND (?::int IS NULL
                                 OR (coalesce(pt.start_book, 1) <= ? AND (pt.end_book IS NULL OR pt.end_book >= ?)))
                            AND (?::int IS NULL OR pt.importance_level >= ?)) t
                    """, seriesId, threadType, currentStatus, bookNumber, importanceMin, seriesId, typeId, typeId,
                    statusId, statusId, bookNumber, bookNumber, bookNumber, importanceMin, importanceMin);
            return includeReveals ? sql.text(RevealTools.WITH_REVEALS, threads) : threads;
        }));
    }

    /** The id of a lookup value by name; an unknown name fails listing the known ones. */
    private static Long lookup(Sql sql, String argument, String value, String table, String column) throws SQLException {
        Long id = sql.number("SELECT id FROM " + table + " WHERE " + column + " = lower(btrim(?))", value);
        if (id == null) {
            throw ToolException.invalid(argument, "unknown value '" + value + "'; known values: "
                    + sql.text("SELECT string_agg(" + column + ", ', ' ORDER BY id) FROM " + table));
        }
        return id;
    }
}
