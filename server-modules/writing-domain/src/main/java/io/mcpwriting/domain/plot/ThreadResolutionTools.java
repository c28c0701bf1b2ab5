package io.mcpwriting.domain.plot;

import io.mcpwriting.domain.Checks;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Closing plot threads: where and how a thread is resolved, and what it leaves open. */
@ApplicationScoped
public class ThreadResolutionTools {

    @Inject
    Db db;

    @Tool(name = "resolve_plot_thread", description = "Mark a plot thread resolved in a book of its series (by book "
            + "number), with notes on how. The thread's end_book becomes the resolution book unless it already ends "
            + "later. Resolving again with the same values changes nothing. The result lists sub-threads still open "
            + "and the thread's reveals not yet placed in a chapter.", idempotent = true)
    public JsonText resolvePlotThread(
            @Arg(value = "thread_id", required = true, description = "Plot thread id") int threadId,
            @Arg(value = "resolution_book", required = true, description = "Book number (in the thread's series) in "
                    + "which the thread is resolved") int resolutionBook,
            @Arg(value = "resolution_notes", required = true, description = "How the thread is resolved")
            String resolutionNotes) {
        Checks.atLeast("resolution_book", resolutionBook, 1);
        Checks.notBlank("resolution_notes", resolutionNotes);
        return new JsonText(db.write(sql -> {
            Long seriesId = sql.number("SELECT series_id FROM plot_threads WHERE id = ?", threadId);
            if (seriesId == null) {
                throw ToolException.notFound("plot thread", threadId);
            }
            if (!sql.exists("SELECT 1 FROM books WHERE series_id = ? AND book_number = ?", seriesId, resolutionBook)) {
                throw ToolException.invalid("resolution_book", "series " + seriesId + " has no book number "
                        + resolutionBook + " (books: " + sql.text("SELECT coalesce(string_agg(book_number::text, ', ' "
                        + "ORDER BY book_number), 'none') FROM books WHERE series_id = ?", seriesId) + ")");
            }
            Long startBook = sql.number("SELECT start_book FROM plot_threads WHERE id = ?", threadId);
            if (startBook != null && resolutionBook < startBook) {
                throw ToolException.invalid("resolution_book", "the thread starts in book " + startBook
                        + "; it cannot be resolved in book " + resolutionBook);
            }
            String previousStatus = sql.text("SELECT s.status_name FROM plot_threads pt "
                    + "JOIN plot_thread_statuses s ON s.id = pt.current_status_id WHERE pt.id = ?", threadId);
            sql.update("""
                    UPDATE plot_threads
                    SET current_status_id = (SELECT id FROM plot_thread_statuses WHERE status_name = 'resolved'),
                        resolution_book = ?, resolution_notes = ?,
                        end_book = greatest(coalesce(end_book, ?), ?)
                    WHERE id = ?""", resolutionBook, resolutionNotes.strip(), resolutionBook, resolutionBook, threadId);
            return sql.text("SELECT " + PlotThreadTools.THREAD_JSON + """
                     || jsonb_build_object(
                        'previous_status', ?::text,
                        'open_subthreads', coalesce((
                            SELECT jsonb_agg(jsonb_build_object('id', c.id, 'title', c.title, 'status', s.status_name)
                                             ORDER BY c.id)
                            FROM plot_threads c JOIN plot_thread_statuses s ON s.id = c.current_status_id
                            WHERE c.parent_thread_id = pt.id AND s.status_name NOT IN ('resolved', 'abandoned')),
                            '[]'::jsonb),
                        'unplaced_reveals', coalesce((
                            SELECT jsonb_agg(jsonb_build_object('id', r.id, 'information_content', r.information_content)
                                             ORDER BY r.id)
                            FROM information_reveals r WHERE r.plot_thread_id = pt.id AND r.revealed_in_chapter IS NULL),
                            '[]'::jsonb))
                    FROM plot_threads pt WHERE pt.id = ?""", previousStatus, threadId);
        }));
    }
}
