package io.mcpwriting.domain.session;

import io.mcpwriting.domain.structure.BookScope;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Writing sessions: when the author wrote, how much, on which chapters. get_writing_progress reads them. */
@ApplicationScoped
public class WritingSessionTools {

    /** A session row with the chapters worked on. */
    static final String SESSION_JSON = """
            to_jsonb(ws) || jsonb_build_object('chapters', coalesce((
                SELECT jsonb_agg(jsonb_build_object('chapter_id', c.id, 'chapter_number', c.chapter_number,
                                 'title', c.title, 'words_written_on_chapter', sc.words_written_on_chapter)
                                 ORDER BY c.chapter_number)
                FROM session_chapters sc JOIN chapters c ON c.id = sc.chapter_id
                WHERE sc.session_id = ws.id), '[]'::jsonb))""";

    @Inject
    Db db;

    @Tool(name = "log_writing_session", description = "Record a writing session for a book: its date, optional start "
            + "and end time (the duration is computed; an end before the start means the session ran past midnight), "
            + "words written and edited, the chapters worked on. The session and its chapters are stored together. "
            + "Logging a session that is already recorded (same book, date and start_time; or, without start_time, "
            + "the same date, counts and notes) fails naming the existing session.")
    public JsonText logWritingSession(
            @Arg(value = "book_id", required = true, description = "Book written on") int bookId,
            @Arg(value = "chapter_ids", description = "Chapters of the book worked on; with one chapter, all "
                    + "words_written are credited to it") List<Integer> chapterIds,
            @Arg(value = "session_date", required = true, description = "Date of the session, YYYY-MM-DD; not in the "
                    + "future") String sessionDate,
            @Arg(value = "start_time", description = "Start time of day, HH:MM (24-hour) or HH:MM:SS") String startTime,
            @Arg(value = "end_time", description = "End time of day, HH:MM (24-hour) or HH:MM:SS; needs start_time")
            String endTime,
            @Arg(value = "words_written", required = true, description = "New words written (net new text)")
            int wordsWritten,
            @Arg(value = "words_edited", defaultValue = "0", description = "Existing words revised, not counted as new")
            int wordsEdited,
            @Arg(value = "session_notes", description = "What was done, obstacles, ideas") String sessionNotes,
            @Arg(value = "mood_rating", min = 1, max = 10, description = "How the session felt, 1 (bad) to 10 (great)")
            Integer moodRating) {
        LocalDate date = date(sessionDate);
        LocalTime start = time("start_time", startTime);
        LocalTime end = time("end_time", endTime);
        if (end != null && start == null) {
            throw ToolException.invalid("end_time", "needs start_time to compute the session's duration");
        }
        Integer minutes = null;
        if (start != null && end != null) {
            if (start.equals(end)) {
                throw ToolException.invalid("end_time", "equals start_time; a session lasts at least a minute");
            }
            Duration length = Duration.between(start, end);
            minutes = (int) (length.isNegative() ? length.plusDays(1) : length).toMinutes();
        }
        if (wordsWritten < 0) {
            throw ToolException.invalid("words_written", "must not be negative");
        }
        if (wordsEdited < 0) {
            throw ToolException.invalid("words_edited", "must not be negative");
        }
        List<Integer> chapters = chapterIds == null ? List.of() : new ArrayList<>(new LinkedHashSet<>(chapterIds));
        Integer sessionMinutes = minutes;
        return new JsonText(db.write(sql -> {
            BookScope.requireBook(sql, bookId);
            BookScope.requireChapters(sql, bookId, chapters);
            Long existing = start != null
                    ? sql.number("SELECT id FROM writing_sessions WHERE book_id = ? AND session_date = ? AND start_time = ?",
                            bookId, date, start)
                    : sql.number("""
                            SELECT id FROM writing_sessions
                            WHERE book_id = ? AND session_date = ? AND start_time IS NULL AND words_written = ?
                              AND words_edited = ? AND session_notes IS NOT DISTINCT FROM ?::text
                            ORDER BY id LIMIT 1""", bookId, date, wordsWritten, wordsEdited, sessionNotes);
            if (existing != null) {
                throw ToolException.conflict("Book " + bookId + " already has this session on " + date
                        + (start != null ? " starting at " + start : " (same counts and notes)") + ": session "
                        + existing + ". Give a different start_time to log another session.");
            }
            long id = sql.number("""
                    INSERT INTO writing_sessions (book_id, chapter_id, session_date, start_time, end_time, duration_minutes,
                                                  words_written, words_edited, net_words, mood_rating, session_notes)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                    bookId, chapters.size() == 1 ? chapters.get(0) : null, date, start, end, sessionMinutes,
                    wordsWritten, wordsEdited, wordsWritten, moodRating, sessionNotes);
            if (!chapters.isEmpty()) {
                // with several chapters the split of the words is unknown, so it is not invented
                sql.update("""
                        INSERT INTO session_chapters (session_id, chapter_id, words_written_on_chapter)
                        SELECT ?, u.id, CASE WHEN cardinality(?::int[]) = 1 THEN ? END FROM unnest(?::int[]) AS u(id)""",
                        id, chapters, wordsWritten, chapters);
            }
            return sql.text("SELECT " + SESSION_JSON + " || jsonb_build_object('words_written_that_day', "
                    + "(SELECT sum(d.words_written) FROM writing_sessions d WHERE d.book_id = ws.book_id "
                    + "AND d.session_date = ws.session_date)) FROM writing_sessions ws WHERE ws.id = ?", id);
        }));
    }

    private static LocalDate date(String value) {
        LocalDate date;
        try {
            date = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ToolException.invalid("session_date", "'" + value + "' is not a date in the form YYYY-MM-DD");
        }
        // one day of slack: the client's day may already be tomorrow in the server's time zone
        if (date.isAfter(LocalDate.now().plusDays(1))) {
            throw ToolException.invalid("session_date", date + " is in the future");
        }
        return date;
    }

    private static LocalTime time(String argument, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ToolException.invalid(argument, "'" + value + "' is not a time of day in the form HH:MM or HH:MM:SS");
        }
    }
}
