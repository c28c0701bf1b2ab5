package io.mcpwriting.domain.structure;

import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Writing progress of a book over a period, aggregated from its logged writing sessions. The report is the
 * database function {@code writing_progress} (migration V70), whose plan each backend keeps.
 */
@ApplicationScoped
public class WritingProgressTools {



    @Inject
    Db db;

    @Tool(name = "get_writing_progress", description = "Writing progress of a book from its logged writing sessions "
            + "(log_writing_session) over the period ending today: week = last 7 days, month = last 30, quarter = "
            + "last 90, all_time = since the first session. Totals (sessions, words written/edited, minutes, writing "
            + "days, average words per day), words per day (days with sessions), per week (weeks start Monday) and per "
            + "month, streaks of consecutive writing days (current, longest in period, longest ever), pace to the "
            + "book's target (words so far = chapter word counts, else the book's recorded count; days and date to "
            + "target at the period's rate), active writing goals with progress. include_analytics adds best day, "
            + "consistency, session length, words per hour, mood, words by weekday, trend and chapters worked on.",
            readOnly = true)
    public JsonText getWritingProgress(
            @Arg(value = "book_id", required = true, description = "Book to report on") int bookId,
            @Arg(value = "time_period", defaultValue = "month", description = "Period ending today") TimePeriod timePeriod,
            @Arg(value = "include_analytics", defaultValue = "true", description = "Add productivity analytics")
            boolean includeAnalytics) {
        return new JsonText(db.read(sql -> {
            BookScope.requireBook(sql, bookId);
            return sql.text("SELECT writing_progress(?, ?, ?, ?)", bookId, timePeriod.days(), timePeriod, includeAnalytics);
        }));
    }
}
