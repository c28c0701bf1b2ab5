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
            // the listing is the database function plot_thread_list (migration V74), whose plan each backend keeps
            String threads = sql.text("SELECT plot_thread_list(?::int, ?::int, ?::int, ?::int, ?::int, ?::text, ?::text)",
                    seriesId, typeId, statusId, bookNumber, importanceMin, threadType, currentStatus);
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
