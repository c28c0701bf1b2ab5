package io.mcpwriting.domain.session;

import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;

/** Productivity analytics over a book's logged writing sessions. */
@ApplicationScoped
public class ProductivityTools {

    /** What get_productivity_analytics computes. */
    public enum AnalysisType {
        DAILY_PATTERNS, WEEKLY_TRENDS, GOAL_PROGRESS, PRODUCTIVITY_FACTORS
    }

    /** An inclusive range of session dates; either end may be left open. */
    public record DateRange(
            @Arg(value = "start_date", description = "First session date included, YYYY-MM-DD") String startDate,
            @Arg(value = "end_date", description = "Last session date included, YYYY-MM-DD") String endDate) {
    }

    /**
     * The book's sessions in the range (params: book id, start, start, end, end), with the session length in
     * minutes (recorded, else from start and end time) and the part of the day it started in.
     */
    private static final String SESSIONS = """
            WITH s AS (
                SELECT ws.*, coalesce(ws.words_written, 0) AS words,
                       coalesce(ws.duration_minutes,
                                CASE WHEN ws.end_time > ws.start_time
                                     THEN (extract(epoch FROM ws.end_time - ws.start_time) / 60)::int END) AS minutes,
                       CASE WHEN ws.start_time IS NULL THEN 'unknown'
                            WHEN ws.start_time < '05:00' THEN 'night'
                            WHEN ws.start_time < '12:00' THEN 'morning'
                            WHEN ws.start_time < '17:00' THEN 'afternoon'
                            WHEN ws.start_time < '22:00' THEN 'evening'
                            ELSE 'night' END AS time_of_day
                FROM writing_sessions ws
                WHERE ws.book_id = ? AND (?::date IS NULL OR ws.session_date >= ?::date)
                  AND (?::date IS NULL OR ws.session_date <= ?::date)),
            totals AS (
                SELECT count(*) AS sessions, coalesce(sum(words), 0) AS words, coalesce(sum(minutes), 0) AS minutes,
                       count(DISTINCT session_date) AS writing_days, min(session_date) AS first_date,
                       max(session_date) AS last_date
                FROM s)
            """;

    private static final String DAILY_PATTERNS = """
            , days AS (SELECT session_date, sum(words) AS words, count(*) AS sessions FROM s GROUP BY session_date),
            runs AS (
                SELECT min(session_date) AS first_day, max(session_date) AS last_day, count(*) AS days
                FROM (SELECT session_date, session_date - (row_number() OVER (ORDER BY session_date))::int AS grp
                      FROM days WHERE words > 0) d GROUP BY grp),
            weekdays AS (
                SELECT w.n, w.name, count(s.id) AS sessions, coalesce(sum(s.words), 0) AS words,
                       round(avg(s.words), 1) AS average_words_per_session
                FROM (VALUES (1, 'Monday'), (2, 'Tuesday'), (3, 'Wednesday'), (4, 'Thursday'), (5, 'Friday'),
                             (6, 'Saturday'), (7, 'Sunday')) AS w(n, name)
                LEFT JOIN s ON extract(isodow FROM s.session_date) = w.n
                GROUP BY w.n, w.name),
            parts AS (
                SELECT time_of_day, count(*) AS sessions, sum(words) AS words,
                       round(avg(words), 1) AS average_words_per_session,
                       round(sum(words)::numeric / nullif(sum(minutes) FILTER (WHERE minutes > 0), 0), 2) AS words_per_minute
                FROM s GROUP BY time_of_day)
            SELECT jsonb_build_object(
                'by_weekday', (SELECT jsonb_agg(jsonb_build_object('weekday', name, 'sessions', sessions, 'words', words,
                                   'average_words_per_session', average_words_per_session) ORDER BY n) FROM weekdays),
                'by_time_of_day', coalesce((SELECT jsonb_agg(to_jsonb(parts) ORDER BY words DESC) FROM parts), '[]'::jsonb),
                'most_productive_weekday', (SELECT name FROM weekdays WHERE words > 0 ORDER BY words DESC, n LIMIT 1),
                'average_words_per_writing_day', (SELECT round(avg(words), 1) FROM days),
                'best_day', (SELECT jsonb_build_object('date', session_date, 'words', words, 'sessions', sessions)
                             FROM days ORDER BY words DESC, session_date LIMIT 1),
                'longest_streak', (SELECT jsonb_build_object('days', days, 'from', first_day, 'to', last_day)
                                   FROM runs ORDER BY days DESC, last_day DESC LIMIT 1),
                'current_streak_days', coalesce((SELECT days FROM runs
                                                 WHERE first_day <= current_date AND last_day >= current_date - 1
                                                 ORDER BY first_day DESC LIMIT 1), 0))
            """;

    private static final String WEEKLY_TRENDS = """
            , weeks AS (
                SELECT w.week_start::date AS week_start, count(s.id) AS sessions, coalesce(sum(s.words), 0) AS words,
                       coalesce(sum(s.minutes), 0) AS minutes, row_number() OVER (ORDER BY w.week_start) AS idx
                FROM generate_series(date_trunc('week', (SELECT first_date FROM totals)),
                                     date_trunc('week', (SELECT last_date FROM totals)), interval '1 week') AS w(week_start)
                LEFT JOIN s ON date_trunc('week', s.session_date) = w.week_start
                GROUP BY w.week_start),
            changes AS (
                SELECT weeks.*, lag(words) OVER (ORDER BY week_start) AS previous_words FROM weeks),
            fit AS (SELECT regr_slope(words, idx) AS slope, avg(words) AS mean, count(*) AS n FROM weeks)
            SELECT jsonb_build_object(
                'weeks', coalesce((SELECT jsonb_agg(jsonb_build_object(
                             'week_start', week_start, 'sessions', sessions, 'words', words, 'minutes', minutes,
                             'change_percent', CASE WHEN previous_words > 0
                                                    THEN round(100.0 * (words - previous_words) / previous_words, 1) END)
                             ORDER BY week_start) FROM changes), '[]'::jsonb),
                'average_words_per_week', (SELECT round(mean, 1) FROM fit),
                'trend_words_per_week', (SELECT round(slope::numeric, 1) FROM fit),
                'trend', (SELECT CASE WHEN n < 2 OR slope IS NULL THEN 'insufficient_data'
                                      WHEN slope > 0.05 * mean THEN 'rising'
                                      WHEN slope < -0.05 * mean THEN 'falling'
                                      ELSE 'steady' END FROM fit),
                'best_week', (SELECT jsonb_build_object('week_start', week_start, 'words', words)
                              FROM weeks WHERE words > 0 ORDER BY words DESC, week_start LIMIT 1))
            """;

    private static final String PRODUCTIVITY_FACTORS = """
            , grouped AS (
                SELECT 'mood_rating' AS factor,
                       CASE WHEN mood_rating <= 3 THEN 'low (1-3)' WHEN mood_rating <= 7 THEN 'medium (4-7)'
                            ELSE 'high (8-10)' END AS value, words, minutes FROM s WHERE mood_rating IS NOT NULL
                UNION ALL
                SELECT 'energy_level', CASE WHEN energy_level <= 3 THEN 'low (1-3)' WHEN energy_level <= 7 THEN 'medium (4-7)'
                                            ELSE 'high (8-10)' END, words, minutes FROM s WHERE energy_level IS NOT NULL
                UNION ALL
                SELECT 'focus_quality', focus_quality, words, minutes FROM s WHERE focus_quality IS NOT NULL
                UNION ALL
                SELECT 'writing_location', writing_location, words, minutes FROM s WHERE writing_location IS NOT NULL
                UNION ALL
                SELECT 'session_type', session_type, words, minutes FROM s WHERE session_type IS NOT NULL
                UNION ALL
                SELECT 'time_of_day', time_of_day, words, minutes FROM s WHERE time_of_day <> 'unknown'
                UNION ALL
                SELECT 'session_length', CASE WHEN minutes < 30 THEN 'under 30 min' WHEN minutes < 60 THEN '30-59 min'
                                              WHEN minutes < 120 THEN '60-119 min' ELSE '120+ min' END, words, minutes
                FROM s WHERE minutes IS NOT NULL),
            factor_values AS (
                SELECT factor, value, count(*) AS sessions, round(avg(words), 1) AS average_words_per_session,
                       round(sum(words)::numeric / nullif(sum(minutes) FILTER (WHERE minutes > 0), 0), 2) AS words_per_minute
                FROM grouped GROUP BY factor, value),
            factors AS (
                SELECT factor, jsonb_agg(to_jsonb(factor_values) - 'factor' ORDER BY average_words_per_session DESC) AS values,
                       max(average_words_per_session) - min(average_words_per_session) AS spread,
                       (array_agg(value ORDER BY average_words_per_session DESC))[1] AS best_value,
                       count(*) AS value_count
                FROM factor_values GROUP BY factor)
            SELECT jsonb_build_object(
                'factors', coalesce((SELECT jsonb_object_agg(factor, jsonb_build_object(
                               'values', values, 'best', best_value, 'spread_words_per_session', spread)) FROM factors),
                               '{}'::jsonb),
                'correlations', jsonb_build_object(
                    'mood_rating_vs_words', (SELECT CASE WHEN count(*) >= 3 THEN round(corr(mood_rating, words)::numeric, 3) END
                                             FROM s WHERE mood_rating IS NOT NULL),
                    'energy_level_vs_words', (SELECT CASE WHEN count(*) >= 3
                                                          THEN round(corr(energy_level, words)::numeric, 3) END
                                              FROM s WHERE energy_level IS NOT NULL),
                    'minutes_vs_words', (SELECT CASE WHEN count(*) >= 3 THEN round(corr(minutes, words)::numeric, 3) END
                                         FROM s WHERE minutes IS NOT NULL),
                    'note', 'Pearson correlation (-1..1) over sessions that record the factor; null below 3 sessions.'),
                'strongest_factor', (SELECT jsonb_build_object('factor', factor, 'best', best_value,
                                                               'spread_words_per_session', spread)
                                     FROM factors WHERE value_count > 1 ORDER BY spread DESC LIMIT 1))
            """;

    @Inject
    Db db;

    @Tool(name = "get_productivity_analytics", description = "Analyse a book's logged writing sessions, optionally "
            + "within a date range. daily_patterns: words and sessions per weekday and time of day, best day, "
            + "streaks of consecutive writing days. weekly_trends: words per week (Monday start, empty weeks "
            + "included), week-on-week change and the trend (least-squares slope). goal_progress: the book's "
            + "writing goals with measured progress and whether each is on track. productivity_factors: average "
            + "words per session and per minute by mood, energy, focus, location, session type, time of day and "
            + "session length, with correlations.", readOnly = true)
    public JsonText getProductivityAnalytics(
            @Arg(value = "book_id", required = true, description = "Book whose sessions are analysed") int bookId,
            @Arg(value = "analysis_type", defaultValue = "daily_patterns", description = "What to compute")
            AnalysisType analysisType,
            @Arg(value = "date_range", description = "Only sessions in this range (inclusive); all when omitted")
            DateRange dateRange) {
        LocalDate start = dateRange == null ? null : Dates.parse("date_range.start_date", dateRange.startDate());
        LocalDate end = dateRange == null ? null : Dates.parse("date_range.end_date", dateRange.endDate());
        if (start != null && end != null && end.isBefore(start)) {
            throw ToolException.invalid("date_range.end_date", end + " is before start_date " + start);
        }
        return new JsonText(db.read(sql -> {
            sql.requireRow("books", bookId, "book");
            String analysis = switch (analysisType) {
                case DAILY_PATTERNS -> sql.text(SESSIONS + DAILY_PATTERNS, bookId, start, start, end, end);
                case WEEKLY_TRENDS -> sql.text(SESSIONS + WEEKLY_TRENDS, bookId, start, start, end, end);
                case PRODUCTIVITY_FACTORS -> sql.text(SESSIONS + PRODUCTIVITY_FACTORS, bookId, start, start, end, end);
                case GOAL_PROGRESS -> sql.text("""
                        SELECT jsonb_build_object('goals', coalesce(jsonb_agg(""" + WritingGoalTools.GOAL_JSON + """
                                ORDER BY x.active DESC, x.target_date, x.id), '[]'::jsonb),
                            'active_goals', count(*) FILTER (WHERE x.active),
                            'goals_met', count(*) FILTER (WHERE x.progress >= x.target_value),
                            'note', CASE WHEN count(*) = 0 THEN 'No goals for this book; set_writing_goals sets one.' END)
                        FROM (""" + WritingGoalTools.GOAL_WITH_PROGRESS + " WHERE g.book_id = ?) x", bookId);
            };
            return sql.text(SESSIONS + """
                    SELECT jsonb_build_object(
                        'book_id', ?::int, 'analysis_type', ?::text,
                        'date_range', jsonb_build_object('start_date', ?::date, 'end_date', ?::date),
                        'session_count', t.sessions, 'total_words', t.words, 'total_minutes', t.minutes,
                        'writing_days', t.writing_days, 'first_session_date', t.first_date, 'last_session_date', t.last_date,
                        'note', CASE WHEN t.sessions = 0 THEN 'No writing sessions recorded for this book in the range; '
                                     || 'log_writing_session records them.' END)
                        || ?::jsonb
                    FROM totals t""", bookId, start, start, end, end, bookId, analysisType, start, end, analysis);
        }));
    }
}
