package io.mcpwriting.domain.session;

import io.mcpwriting.domain.Checks;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;

/** Writing goals of a book: word targets per day, week or month, chapters completed, the book's length. */
@ApplicationScoped
public class WritingGoalTools {

    /** Chapter statuses that count as completed for chapter_completion goals. */
    static final String COMPLETED_CHAPTER = " lower(ch.status) IN ('final', 'complete', 'completed', 'done', 'published')";

    /**
     * A goal row {@code g} with its measured progress: word goals count the words of the book's writing
     * sessions in the current period (day, ISO week or month, within the goal's dates; the last period once
     * the target date has passed); chapter goals count completed chapters; book goals the book's words.
     */
    static final String GOAL_WITH_PROGRESS = """
            SELECT g.*, p.progress, p.period_start, p.period_end, p.periods_met, p.window_words
            FROM writing_goals g
            CROSS JOIN LATERAL (SELECT least(current_date, g.target_date) AS ref,
                                       CASE g.goal_type WHEN 'daily_words' THEN 'day' WHEN 'weekly_words' THEN 'week'
                                                        WHEN 'monthly_words' THEN 'month' END AS unit) r
            CROSS JOIN LATERAL (SELECT CASE WHEN r.unit IS NULL OR r.ref < g.start_date THEN NULL
                                            ELSE greatest(date_trunc(r.unit, r.ref)::date, g.start_date) END AS period_start) ps
            CROSS JOIN LATERAL (
                SELECT CASE
                           WHEN r.unit IS NOT NULL THEN (
                               SELECT coalesce(sum(ws.words_written), 0) FROM writing_sessions ws
                               WHERE ws.book_id = g.book_id AND ws.session_date BETWEEN ps.period_start AND r.ref)
                           WHEN g.goal_type = 'chapter_completion' THEN (
                               SELECT count(*) FROM chapters ch WHERE ch.book_id = g.book_id AND """ + COMPLETED_CHAPTER + """
                               )
                           ELSE greatest((SELECT coalesce(sum(ch.word_count), 0) FROM chapters ch WHERE ch.book_id = g.book_id),
                                         (SELECT b.actual_word_count FROM books b WHERE b.id = g.book_id))
                       END AS progress,
                       ps.period_start, CASE WHEN ps.period_start IS NOT NULL THEN r.ref END AS period_end,
                       CASE WHEN r.unit IS NOT NULL THEN (
                           SELECT count(*) FROM (SELECT date_trunc(r.unit, ws.session_date) AS period
                                                 FROM writing_sessions ws
                                                 WHERE ws.book_id = g.book_id
                                                   AND ws.session_date BETWEEN g.start_date AND g.target_date
                                                 GROUP BY 1 HAVING sum(ws.words_written) >= g.target_value) met)
                       END AS periods_met,
                       (SELECT coalesce(sum(ws.words_written), 0) FROM writing_sessions ws
                        WHERE ws.book_id = g.book_id AND ws.session_date BETWEEN g.start_date AND g.target_date) AS window_words
            ) p""";

    /** A goal with progress as JSON: the row with stored progress fields replaced by the measured ones. */
    static final String GOAL_JSON = """
            (to_jsonb(x) - 'progress' - 'period_start' - 'period_end' - 'periods_met' - 'window_words'
                         - 'current_progress' - 'completion_percentage') || jsonb_build_object(
                'current_progress', x.progress,
                'completion_percentage', round(100.0 * x.progress / x.target_value, 1),
                'met', x.progress >= x.target_value,
                'progress_unit', CASE x.goal_type WHEN 'chapter_completion' THEN 'chapters' ELSE 'words' END,
                'measured_over', CASE x.goal_type WHEN 'daily_words' THEN 'the current day'
                                                  WHEN 'weekly_words' THEN 'the current week'
                                                  WHEN 'monthly_words' THEN 'the current month'
                                                  WHEN 'chapter_completion' THEN 'chapters with a completed status'
                                                  ELSE 'the book''s word count' END,
                'period_start', x.period_start, 'period_end', x.period_end,
                'periods_met', x.periods_met, 'words_in_goal_window', x.window_words,
                'days_remaining', greatest(x.target_date - current_date, 0),
                'required_per_day', CASE WHEN x.goal_type IN ('chapter_completion', 'book_completion')
                                              AND x.progress < x.target_value
                                         THEN round((x.target_value - x.progress)::numeric
                                                    / greatest(x.target_date - current_date, 1), 1) END,
                'on_track', CASE
                    WHEN x.progress >= x.target_value THEN true
                    WHEN x.goal_type IN ('chapter_completion', 'book_completion') THEN
                        x.progress >= x.target_value * least(1.0, greatest(0, current_date - x.start_date)::numeric
                                                                  / greatest(x.target_date - x.start_date, 1))
                    ELSE NULL END)""";

    @Inject
    Db db;

    @Tool(name = "set_writing_goals", description = "Set a writing goal for a book. goal_type and target_value: "
            + "daily_words / weekly_words / monthly_words = words per day / week (Monday-Sunday) / month, "
            + "chapter_completion = number of chapters completed (status final, complete, completed, done or "
            + "published), book_completion = the book's total words. The goal runs from today to target_date "
            + "(YYYY-MM-DD). A book has one active goal per type: setting the same type again replaces its target, "
            + "date and description. Returns the goal with its measured progress.", idempotent = true)
    public JsonText setWritingGoals(
            @Arg(value = "book_id", required = true, description = "Book the goal is for") int bookId,
            @Arg(value = "goal_type", required = true, description = "What the goal measures") GoalType goalType,
            @Arg(value = "target_value", required = true, description = "Target in words, or in chapters for "
                    + "chapter_completion") int targetValue,
            @Arg(value = "target_date", required = true, description = "Date the goal runs until, YYYY-MM-DD")
            String targetDate,
            @Arg(value = "description", description = "What the goal is about, e.g. finish act two") String description) {
        Checks.atLeast("target_value", targetValue, 1);
        LocalDate until = Dates.parse("target_date", targetDate);
        if (until.isBefore(LocalDate.now())) {
            throw ToolException.invalid("target_date", targetDate + " is in the past; a goal runs from today");
        }
        return new JsonText(db.write(sql -> {
            sql.requireRow("books", bookId, "book");
            Long existing = sql.number("SELECT id FROM writing_goals WHERE book_id = ? AND goal_type = ? AND active",
                    bookId, goalType);
            long id = sql.number("""
                    INSERT INTO writing_goals (book_id, goal_type, target_value, target_date, description)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (book_id, goal_type) WHERE active DO UPDATE
                        SET target_value = EXCLUDED.target_value, target_date = EXCLUDED.target_date,
                            start_date = least(writing_goals.start_date, current_date),
                            description = coalesce(EXCLUDED.description, writing_goals.description)
                    RETURNING id""", bookId, goalType, targetValue, until, description);
            // store the measured progress with the goal, as its columns promise
            sql.update("""
                    UPDATE writing_goals w
                    SET current_progress = x.progress,
                        completion_percentage = round(100.0 * x.progress / x.target_value, 2),
                        completed = x.progress >= x.target_value,
                        completion_date = CASE WHEN x.progress >= x.target_value
                                               THEN coalesce(w.completion_date, current_date) END
                    FROM (""" + GOAL_WITH_PROGRESS + """
                          WHERE g.id = ?) x
                    WHERE w.id = x.id""", id);
            return sql.text("SELECT " + GOAL_JSON + " || jsonb_build_object('action', ?::text) FROM ("
                    + GOAL_WITH_PROGRESS + " WHERE g.id = ?) x", existing == null ? "created" : "updated", id);
        }));
    }
}
