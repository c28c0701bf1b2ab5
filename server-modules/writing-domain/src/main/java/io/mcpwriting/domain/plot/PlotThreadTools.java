package io.mcpwriting.domain.plot;

import io.mcpwriting.domain.Checks;
import io.mcpwriting.mcp.db.Changes;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.ErrorKind;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;

/** Plot threads: the story lines that run through a series, their nesting and resolution. */
@ApplicationScoped
public class PlotThreadTools {

    /** A thread row with its type and status names in place of their ids (plot_thread_list, migration V74, repeats it). */
    public static final String THREAD_JSON = """
            to_jsonb(pt) || jsonb_build_object(
                'thread_type', (SELECT type_name FROM plot_thread_types WHERE id = pt.thread_type_id),
                'current_status', (SELECT status_name FROM plot_thread_statuses WHERE id = pt.current_status_id))""";

    @Inject
    Db db;

    @Tool(name = "create_plot_thread", description = "Create a plot thread in a series. thread_type is one of the "
            + "plot thread types (series_arc, mini_arc, main_case, subplot, character_arc, mystery_element, romance_arc, "
            + "world_building); the thread starts active.")
    public JsonText createPlotThread(
            @Arg(value = "series_id", required = true, description = "Series the thread runs in") int seriesId,
            @Arg(value = "title", required = true, description = "Thread title") String title,
            @Arg(value = "description", required = true, description = "What the thread is about") String description,
            @Arg(value = "thread_type", required = true, description = "Plot thread type name") String threadType,
            @Arg(value = "importance_level", min = 1, max = 10, defaultValue = "5", description = "1 (minor) to 10 (central)")
            int importanceLevel,
            @Arg(value = "complexity_level", min = 1, max = 10, defaultValue = "5", description = "1 (simple) to 10 (intricate)")
            int complexityLevel,
            @Arg(value = "start_book", description = "Book number where the thread starts") Integer startBook,
            @Arg(value = "end_book", description = "Book number where the thread ends") Integer endBook,
            @Arg(value = "related_characters", description = "Ids of characters involved") List<Integer> relatedCharacters,
            @Arg(value = "parent_thread_id", description = "Thread this one is part of") Integer parentThreadId) {
        Checks.notBlank("title", title);
        checkBooks(startBook, endBook);
        return new JsonText(db.write(sql -> {
            sql.requireRow("series", seriesId, "series");
            Long typeId = sql.number("SELECT id FROM plot_thread_types WHERE type_name = lower(trim(?))", threadType);
            if (typeId == null) {
                throw ToolException.invalid("thread_type", "unknown type '" + threadType + "'; known types: "
                        + sql.text("SELECT string_agg(type_name, ', ' ORDER BY id) FROM plot_thread_types"));
            }
            if (parentThreadId != null && !sql.exists("SELECT 1 FROM plot_threads WHERE id = ? AND series_id = ?",
                    parentThreadId, seriesId)) {
                throw new ToolException(ErrorKind.NOT_FOUND, "parent plot thread " + parentThreadId
                        + " does not exist in series " + seriesId);
            }
            requireCharacters(sql, seriesId, relatedCharacters);
            long id = sql.number("""
                    INSERT INTO plot_threads (series_id, title, description, thread_type_id, importance_level,
                                              complexity_level, start_book, end_book, related_characters,
                                              parent_thread_id, current_status_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::int[], ?, (SELECT id FROM plot_thread_statuses WHERE status_name = 'active'))
                    RETURNING id""", seriesId, title.strip(), description, typeId, importanceLevel, complexityLevel,
                    startBook, endBook, relatedCharacters, parentThreadId);
            return thread(sql, id);
        }));
    }

    @Tool(name = "update_plot_thread", description = "Change a plot thread's title, description, status, end book or "
            + "resolution; only the fields given change.", idempotent = true)
    public JsonText updatePlotThread(
            @Arg(value = "thread_id", required = true, description = "Thread to change") int threadId,
            @Arg(value = "title", description = "New title") String title,
            @Arg(value = "description", description = "New description") String description,
            @Arg(value = "current_status", description = "New status") PlotThreadStatus currentStatus,
            @Arg(value = "end_book", description = "Book number where the thread ends") Integer endBook,
            @Arg(value = "resolution_notes", description = "How the thread was resolved") String resolutionNotes,
            @Arg(value = "resolution_book", description = "Book number where it was resolved") Integer resolutionBook) {
        if (title != null) {
            Checks.notBlank("title", title);
        }
        Checks.atLeast("end_book", endBook, 1);
        Checks.atLeast("resolution_book", resolutionBook, 1);
        return new JsonText(db.write(sql -> {
            Changes changes = new Changes().set("title", title == null ? null : title.strip())
                    .set("description", description).set("end_book", endBook)
                    .set("resolution_notes", resolutionNotes).set("resolution_book", resolutionBook);
            if (currentStatus != null) {
                changes.set("current_status_id", sql.number(
                        "SELECT id FROM plot_thread_statuses WHERE status_name = ?", currentStatus));
            }
            changes.requireAny("title, description, current_status, end_book, resolution_notes, resolution_book");
            if (changes.applyTo(sql, "plot_threads", threadId) == null) {
                throw ToolException.notFound("plot thread", threadId);
            }
            return thread(sql, threadId);
        }));
    }

    private static String thread(Sql sql, long id) throws SQLException {
        return sql.text("SELECT " + THREAD_JSON + " FROM plot_threads pt WHERE pt.id = ?", id);
    }

    private static void checkBooks(Integer startBook, Integer endBook) {
        Checks.atLeast("start_book", startBook, 1);
        Checks.atLeast("end_book", endBook, 1);
        if (startBook != null && endBook != null && endBook < startBook) {
            throw ToolException.invalid("end_book", "must not be before start_book (" + startBook + ")");
        }
    }

    /** Fails naming the ids that are not characters of the series. */
    public static void requireCharacters(Sql sql, int seriesId, List<Integer> characterIds) throws SQLException {
        if (characterIds == null || characterIds.isEmpty()) {
            return;
        }
        String missing = sql.text("SELECT string_agg(w.id::text, ', ') FROM unnest(?::bigint[]) AS w(id) "
                + "WHERE NOT EXISTS (SELECT 1 FROM characters c WHERE c.id = w.id AND c.series_id = ?)",
                characterIds, seriesId);
        if (missing != null) {
            throw new ToolException(ErrorKind.NOT_FOUND, "character(s) " + missing + " do not exist in series " + seriesId);
        }
    }
}
