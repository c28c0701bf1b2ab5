package io.mcpwriting.domain.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.domain.testing.DomainTest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** log_writing_session, set_writing_goals, get_productivity_analytics. */
class SessionToolsTest extends DomainTest {

    private static final String TODAY = today();

    @Test
    void aSessionIsLoggedWithItsChaptersAndAnalysed() {
        long book = book();
        long chapter = chapter(book, 1);
        JsonNode session = ok("log_writing_session", "book_id", book, "chapter_ids", List.of(chapter),
                "session_date", TODAY, "start_time", "23:30", "end_time", "00:15", "words_written", 400,
                "mood_rating", 8);
        assertEquals(45, session.get("duration_minutes").asInt(), "past midnight");
        assertEquals(400, session.at("/chapters/0/words_written_on_chapter").asInt());
        ok("log_writing_session", "book_id", book, "session_date", TODAY, "words_written", 100);
        assertEquals(500, ok("log_writing_session", "book_id", book, "session_date", TODAY, "start_time", "08:00",
                "words_written", 0, "words_edited", 50).get("words_written_that_day").asInt());
        JsonNode daily = ok("get_productivity_analytics", "book_id", book);
        assertEquals(3, daily.get("session_count").asInt());
        assertEquals(500, daily.get("total_words").asInt());
        JsonNode factors = ok("get_productivity_analytics", "book_id", book, "analysis_type", "productivity_factors");
        assertTrue(factors.at("/factors/mood_rating").isObject(), factors::toString);
        JsonNode weekly = ok("get_productivity_analytics", "book_id", book, "analysis_type", "weekly_trends",
                "date_range", Map.of("start_date", TODAY, "end_date", TODAY));
        assertEquals(500, weekly.at("/weeks/0/words").asInt());
    }

    @Test
    void aGoalIsSetReplacedAndMeasured() {
        long book = book();
        String until = LocalDate.now().plusDays(30).toString();
        JsonNode goal = ok("set_writing_goals", "book_id", book, "goal_type", "daily_words", "target_value", 300,
                "target_date", until, "description", "steady");
        assertEquals("created", goal.get("action").asText());
        assertEquals(0, goal.get("current_progress").asInt());
        ok("log_writing_session", "book_id", book, "session_date", TODAY, "words_written", 350);
        JsonNode replaced = ok("set_writing_goals", "book_id", book, "goal_type", "daily_words", "target_value", 400,
                "target_date", until);
        assertEquals("updated", replaced.get("action").asText());
        assertEquals(id(goal), id(replaced));
        assertEquals("steady", replaced.get("description").asText(), "an omitted description is kept");
        JsonNode progress = ok("get_productivity_analytics", "book_id", book, "analysis_type", "goal_progress");
        assertEquals(1, progress.get("active_goals").asInt());
        assertEquals(350, progress.at("/goals/0/current_progress").asInt());
        assertEquals(400, progress.at("/goals/0/target_value").asInt());
        assertEquals(400, ok("get_writing_progress", "book_id", book).at("/goals/0/target_value").asInt());
    }

    @Test
    void errorsNameTheArgumentOrTheMissingRow() {
        long book = book();
        String tomorrowPlusOne = LocalDate.now().plusDays(2).toString();
        invalid("session_date", "log_writing_session", "book_id", book, "session_date", "06/12/2026", "words_written", 1);
        invalid("session_date", "log_writing_session", "book_id", book, "session_date", tomorrowPlusOne,
                "words_written", 1);
        invalid("end_time", "log_writing_session", "book_id", book, "session_date", TODAY, "end_time", "10:00",
                "words_written", 1);
        invalid("start_time", "log_writing_session", "book_id", book, "session_date", TODAY, "start_time", "25:00",
                "words_written", 1);
        invalid("words_written", "log_writing_session", "book_id", book, "session_date", TODAY, "words_written", -1);
        invalid("mood_rating", "log_writing_session", "book_id", book, "session_date", TODAY, "words_written", 1,
                "mood_rating", 0);
        notFound(MISSING, "log_writing_session", "book_id", MISSING, "session_date", TODAY, "words_written", 1);
        notFound(MISSING, "log_writing_session", "book_id", book, "session_date", TODAY, "words_written", 1,
                "chapter_ids", List.of(MISSING));
        long session = id(ok("log_writing_session", "book_id", book, "session_date", TODAY, "start_time", "07:00",
                "words_written", 1));
        fails("conflict", List.of("session " + session), "log_writing_session", "book_id", book, "session_date", TODAY,
                "start_time", "07:00", "words_written", 2);
        invalid("target_date", "set_writing_goals", "book_id", book, "goal_type", "weekly_words", "target_value", 1,
                "target_date", "2000-01-01");
        invalid("target_date", "set_writing_goals", "book_id", book, "goal_type", "weekly_words", "target_value", 1,
                "target_date", "soon");
        invalid("target_value", "set_writing_goals", "book_id", book, "goal_type", "weekly_words", "target_value", 0,
                "target_date", tomorrowPlusOne);
        invalid("goal_type", "set_writing_goals", "book_id", book, "goal_type", "yearly_words", "target_value", 1,
                "target_date", tomorrowPlusOne);
        notFound(MISSING, "set_writing_goals", "book_id", MISSING, "goal_type", "weekly_words", "target_value", 1,
                "target_date", tomorrowPlusOne);
        notFound(MISSING, "get_productivity_analytics", "book_id", MISSING);
        invalid("date_range.end_date", "get_productivity_analytics", "book_id", book, "date_range",
                Map.of("start_date", TODAY, "end_date", "2000-01-01"));
        invalid("analysis_type", "get_productivity_analytics", "book_id", book, "analysis_type", "moods");
    }
}
