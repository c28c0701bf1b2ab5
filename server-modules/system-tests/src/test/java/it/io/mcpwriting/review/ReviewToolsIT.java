package it.io.mcpwriting.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.McpSession;
import it.io.mcpwriting.support.Outcome;
import it.io.mcpwriting.support.TestDb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The review server's own tools (export, world consistency, goals, analytics), happy and error paths. */
class ReviewToolsIT {

    private static McpSession review;

    @BeforeAll
    static void connect() {
        review = McpSession.open("review");
    }

    @AfterAll
    static void disconnect() {
        review.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    /** A book of two chapters: the first with two written scenes and a cut one, the second unwritten. */
    private static long bookToExport(String title) {
        long author = TestDb.insertReturningId("INSERT INTO authors (name, email) VALUES ('Ada Quill', ?) RETURNING id",
                TestDb.unique("ada").replace(' ', '-') + "@example.com");
        long series = TestDb.insertReturningId("INSERT INTO series (author_id, title) VALUES (?, ?) RETURNING id",
                author, TestDb.unique("Salt Roads"));
        long book = TestDb.newStoryBook(series, 1, title);
        long first = TestDb.newStoryChapter(book, 1, "Harbor", null);
        TestDb.newStoryChapter(book, 2, "Road", null);
        TestDb.newWrittenScene(first, 1, "Mara walked to the {harbor} \\ alone.\n\nThe naïve gull cried — “home”.",
                null, null);
        TestDb.newWrittenScene(first, 2, "Second scene.", null, null);
        TestDb.newWrittenScene(first, 3, "Removed text.", null, "cut");
        TestDb.value("UPDATE chapters SET summary = 'Mara reaches the harbor.' WHERE id = ? RETURNING id", first);
        return book;
    }

    private static String readAndDelete(Outcome export) throws IOException {
        Path file = Path.of((String) export.get("file_path"));
        assertTrue(Files.isRegularFile(file), "the export file exists at the returned path");
        assertEquals(Files.size(file), export.number("file_size_bytes"));
        String content = Files.readString(file, StandardCharsets.UTF_8);
        Files.delete(file);
        return content;
    }

    @Test
    void exportManuscriptWritesEveryFormatFromTheStoredScenes() throws IOException {
        long book = bookToExport("Salt and Ash");

        Outcome txt = review.call("export_manuscript", "book_id", book).ok();
        String text = readAndDelete(txt);
        assertTrue(text.contains("Chapter 1: Harbor\n\nSummary: Mara reaches the harbor."), "include_metadata defaults to true");
        assertTrue(text.contains("Mara walked to the {harbor} \\ alone."));
        assertTrue(text.contains("* * *\n\nSecond scene."), "scenes are separated by a scene break");
        assertFalse(text.contains("Removed text."), "cut scenes are left out");
        assertTrue(text.contains("[Chapter 2 has no written scenes yet]"));
        assertEquals("txt", txt.get("export_format"));
        assertEquals(List.of(2), txt.get("chapters_without_content"));
        assertEquals(13, txt.number("total_word_count"));
        assertEquals(1L, TestDb.count("SELECT count(*) FROM manuscript_exports WHERE id = ? AND book_id = ? "
                + "AND file_size = ? AND total_word_count = 13 AND intended_use = 'backup'", txt.number("export_id"),
                book, txt.number("file_size_bytes")));
        Map<String, Object> listed = review.call("word_count_tracking", "book_id", book, "include_exports", true).ok()
                .list("exports").get(0);
        assertEquals(txt.get("filename"), listed.get("filename"), "word_count_tracking lists the export");
        assertEquals("writing://exports/" + txt.get("filename"), listed.get("uri"));

        Outcome md = review.call("export_manuscript", "book_id", book, "export_format", "md", "chapters_to_include",
                List.of(1), "export_purpose", "beta_review").ok();
        String markdown = readAndDelete(md);
        assertTrue(markdown.startsWith("---\ntitle: \"Salt and Ash\"\n"));
        assertTrue(markdown.contains("## Chapter 1: Harbor\n\n*Summary: Mara reaches the harbor.*"), markdown);
        assertFalse(markdown.contains("Chapter 2"));
        assertEquals(List.of(1), md.get("chapters_included"));
        assertEquals("selected_chapters", md.get("export_type"));

        Outcome rtf = review.call("export_manuscript", "book_id", book, "export_format", "rtf", "include_metadata",
                false).ok();
        String richText = readAndDelete(rtf);
        assertTrue(richText.startsWith("{\\rtf1\\ansi"));
        assertTrue(richText.contains("Mara walked to the \\{harbor\\} \\\\ alone."), "braces and backslashes escaped");
        assertTrue(richText.contains("na\\u239?ve") && richText.contains("\\u8212?") && richText.contains("\\u8220?home"));
        assertTrue(richText.chars().allMatch(c -> c < 128), "RTF output is 7-bit");
        assertFalse(richText.contains("Word count:"), "no metadata block when include_metadata is false");
        assertFalse(richText.contains("Summary:"), "no chapter summaries when include_metadata is false");
        assertEquals(0, balance(richText), "braces balance");

        Outcome manuscript = review.call("export_manuscript", "book_id", book, "export_format", "standard_manuscript",
                "export_purpose", "submission").ok();
        String standard = readAndDelete(manuscript);
        assertTrue(standard.contains("Courier New"));
        assertTrue(standard.contains("\\sl480\\slmult1"), "double-spaced");
        assertTrue(standard.contains("about 100 words"));
        assertTrue(standard.contains("Quill / SALT / \\chpgn"), "running header: surname / title keyword / page");
        assertTrue(standard.contains(" END\\par"));
        assertTrue(((String) manuscript.get("filename")).endsWith("_manuscript.rtf"));
        assertEquals(0, balance(standard));
    }

    private static int balance(String rtf) {
        int depth = 0;
        for (int i = 0; i < rtf.length(); i++) {
            char c = rtf.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            }
        }
        return depth;
    }

    @Test
    void exportManuscriptFailsForMissingBooksChaptersOrEmptyBooks() {
        long book = bookToExport("Errors");
        review.call("export_manuscript", "book_id", 987654321).error("book 987654321 does not exist");
        review.call("export_manuscript", "book_id", book, "chapters_to_include", List.of(1, 7))
                .error("chapters_to_include", "7");
        review.call("export_manuscript", "book_id", book, "chapters_to_include", List.of()).error("chapters_to_include");
        review.call("export_manuscript", "book_id", book, "export_format", "pdf").error("export_format");
        long empty = TestDb.newStoryBook(TestDb.newSeries(), 1, "Empty");
        review.call("export_manuscript", "book_id", empty).error("no chapters");
        assertEquals(0L, TestDb.count("SELECT count(*) FROM manuscript_exports WHERE book_id IN (?, ?)", empty,
                987654321));
    }

    @Test
    void checkWorldConsistencyReportsRealWorldInconsistencies() {
        long series = TestDb.newSeries();
        long other = TestDb.newSeries();
        long book1 = TestDb.newStoryBook(series, 1, "First");
        long book2 = TestDb.newStoryBook(series, 2, "Second");
        long chapter1 = TestDb.newStoryChapter(book1, 1, "One", "Glass Tower");
        long chapter21 = TestDb.newStoryChapter(book2, 1, "Later", null);
        TestDb.newWrittenScene(chapter1, 1, "She drew the Moonblade from its sheath.", null, null);
        long tower = TestDb.insertReturningId("INSERT INTO locations (series_id, name, location_type) "
                + "VALUES (?, 'Glass Tower', 'building') RETURNING id", series);
        long city = TestDb.insertReturningId("INSERT INTO locations (series_id, name, location_type, parent_location_id) "
                + "VALUES (?, 'Sel', 'city', ?) RETURNING id", series, tower);
        TestDb.value("UPDATE locations SET parent_location_id = ? WHERE id = ? RETURNING id", city, tower);
        long blade = TestDb.insertReturningId("INSERT INTO world_elements (series_id, name, element_type) "
                + "VALUES (?, 'Moonblade', 'artifact') RETURNING id", series);
        long foreign = TestDb.insertReturningId("INSERT INTO world_elements (series_id, name, element_type) "
                + "VALUES (?, 'Sky Engine', 'machine') RETURNING id", other);
        TestDb.value("INSERT INTO world_element_usage (element_type, element_id, book_id, chapter_id) VALUES "
                + "('world_element', ?, ?, ?), ('world_element', ?, ?, NULL), ('location', ?, ?, NULL) RETURNING id",
                blade, book2, chapter21, foreign, book1, tower, book1);
        long jon = TestDb.insertReturningId("INSERT INTO characters (series_id, name, first_appearance_book_id) "
                + "VALUES (?, 'Jon', ?) RETURNING id", series, book2);
        TestDb.newPresenceRecord(jon, chapter1, "present", null, null, new String[] {}, new String[] {});

        Outcome result = review.call("check_world_consistency", "series_id", series).ok();
        assertEquals(false, result.get("consistent"));
        List<String> messages = result.list("findings").stream().map(f -> (String) f.get("message")).toList();
        assertTrue(messages.stream().anyMatch(m -> m.contains("\"Moonblade\" appears in book 1, chapter 1 (scene text), "
                + "before its first tracked usage in book 2, chapter 1")), messages::toString);
        assertTrue(messages.stream().anyMatch(m -> m.contains("\"Sky Engine\" of series " + other)), messages::toString);
        assertTrue(messages.stream().anyMatch(m -> m.contains("Glass Tower\" is inside itself")), messages::toString);
        assertTrue(messages.stream().anyMatch(m -> m.contains("Character \"Jon\" is on the page in book 1, chapter 1, "
                + "but first appears in book 2")), messages::toString);
        assertTrue(messages.stream().anyMatch(m -> m.contains("Location \"Sel\" is defined but no usage")));
        assertEquals(4, result.list("checks").size());
        assertTrue(number(map(result.get("summary")).get("errors")) >= 3);

        Outcome errorsOnly = review.call("check_world_consistency", "series_id", series, "check_type", "references",
                "severity_threshold", "error").ok();
        assertEquals(1, errorsOnly.list("findings").size());
        assertEquals("references", errorsOnly.list("checks").get(0).get("check"));
    }

    @Test
    void checkWorldConsistencyRejectsUnknownChecksSeveritiesAndSeries() {
        long series = TestDb.newSeries();
        review.call("check_world_consistency", "series_id", series, "check_type", "magic")
                .error("check_type", "first_appearance");
        review.call("check_world_consistency", "series_id", series, "severity_threshold", "fatal")
                .error("severity_threshold");
        review.call("check_world_consistency", "series_id", 987654321).error("series 987654321 does not exist");
    }

    @Test
    void setWritingGoalsCreatesThenReplacesTheActiveGoalOfAType() {
        long book = TestDb.newStoryBook(TestDb.newSeries(), 1, "Goals");
        String today = LocalDate.now().toString();
        TestDb.newLoggedSession(book, today, "08:00", 60, 600, null);
        String until = LocalDate.now().plusDays(30).toString();

        Outcome created = review.call("set_writing_goals", "book_id", book, "goal_type", "daily_words", "target_value",
                500, "target_date", until, "description", "steady pace").ok();
        assertEquals("created", created.get("action"));
        assertEquals(600, created.number("current_progress"));
        assertEquals(true, created.get("met"));

        Outcome replaced = review.call("set_writing_goals", "book_id", book, "goal_type", "daily_words", "target_value",
                800, "target_date", until).ok();
        assertEquals("updated", replaced.get("action"));
        assertEquals(created.id(), replaced.id());
        assertEquals("steady pace", replaced.get("description"), "an omitted description is kept");
        assertEquals(75.0, ((Number) replaced.get("completion_percentage")).doubleValue());
        assertEquals(1L, TestDb.count("SELECT count(*) FROM writing_goals WHERE book_id = ? AND goal_type = 'daily_words' "
                + "AND target_value = 800 AND current_progress = 600 AND NOT completed", book));

        Outcome chapters = review.call("set_writing_goals", "book_id", book, "goal_type", "chapter_completion",
                "target_value", 10, "target_date", until).ok();
        assertEquals("chapters", chapters.get("progress_unit"));
        assertNotEquals(created.id(), chapters.id());
    }

    @Test
    void setWritingGoalsValidatesDatesTargetsAndBook() {
        long book = TestDb.newStoryBook(TestDb.newSeries(), 1, "Bad goals");
        String until = LocalDate.now().plusDays(7).toString();
        review.call("set_writing_goals", "book_id", book, "goal_type", "daily_words", "target_value", 500,
                "target_date", "2001-01-01").error("target_date", "past");
        review.call("set_writing_goals", "book_id", book, "goal_type", "daily_words", "target_value", 500,
                "target_date", "next week").error("target_date", "YYYY-MM-DD");
        review.call("set_writing_goals", "book_id", book, "goal_type", "daily_words", "target_value", 0,
                "target_date", until).error("target_value");
        review.call("set_writing_goals", "book_id", book, "goal_type", "yearly_words", "target_value", 5,
                "target_date", until).error("goal_type");
        review.call("set_writing_goals", "book_id", 987654321, "goal_type", "daily_words", "target_value", 5,
                "target_date", until).error("book 987654321 does not exist");
        assertEquals(0L, TestDb.count("SELECT count(*) FROM writing_goals WHERE book_id = ?", book));
    }

    @Test
    void getProductivityAnalyticsComputesPatternsTrendsFactorsAndGoals() {
        long book = TestDb.newStoryBook(TestDb.newSeries(), 1, "Sessions");
        TestDb.newLoggedSession(book, "2024-01-01", "08:00", 60, 1000, 9);
        TestDb.newLoggedSession(book, "2024-01-02", "09:00", 60, 800, 8);
        TestDb.newLoggedSession(book, "2024-01-03", "21:00", 60, 200, 2);
        TestDb.newLoggedSession(book, "2024-01-10", "22:30", 30, 100, 3);
        TestDb.newLoggedSession(book, "2023-06-01", "08:00", 30, 5000, 5);
        Map<String, Object> january = Map.of("start_date", "2024-01-01", "end_date", "2024-01-31");

        Outcome daily = review.call("get_productivity_analytics", "book_id", book, "date_range", january).ok();
        assertEquals(4, daily.number("session_count"));
        assertEquals(2100, daily.number("total_words"));
        assertEquals("Monday", daily.get("most_productive_weekday"));
        Map<String, Object> streak = map(daily.get("longest_streak"));
        assertEquals(3, number(streak.get("days")));
        assertEquals("2024-01-01", streak.get("from"));
        assertEquals("Wednesday", daily.list("by_weekday").get(2).get("weekday"));
        assertEquals(300, number(daily.list("by_weekday").get(2).get("words")), "Wednesday has the 3rd and the 10th");

        Outcome weekly = review.call("get_productivity_analytics", "book_id", book, "analysis_type", "weekly_trends",
                "date_range", january).ok();
        List<Map<String, Object>> weeks = weekly.list("weeks");
        assertEquals(List.of("2024-01-01", "2024-01-08"), weeks.stream().map(w -> w.get("week_start")).toList());
        assertEquals(-95.0, ((Number) weeks.get(1).get("change_percent")).doubleValue());
        assertEquals("falling", weekly.get("trend"));

        Outcome factors = review.call("get_productivity_analytics", "book_id", book, "analysis_type",
                "productivity_factors", "date_range", january).ok();
        Map<String, Object> mood = map(map(factors.get("factors")).get("mood_rating"));
        assertEquals("high (8-10)", mood.get("best"));
        assertTrue(((Number) map(factors.get("correlations")).get("mood_rating_vs_words")).doubleValue() > 0.9);

        review.call("set_writing_goals", "book_id", book, "goal_type", "book_completion", "target_value", 90000,
                "target_date", LocalDate.now().plusDays(90).toString()).ok();
        Outcome goals = review.call("get_productivity_analytics", "book_id", book, "analysis_type", "goal_progress").ok();
        assertEquals(1, goals.number("active_goals"));
        assertEquals("book_completion", goals.list("goals").get(0).get("goal_type"));
        assertEquals(5, goals.number("session_count"), "no date range: every session");
    }

    @Test
    void getProductivityAnalyticsRejectsBadRangesAndBooks() {
        long book = TestDb.newStoryBook(TestDb.newSeries(), 1, "Ranges");
        review.call("get_productivity_analytics", "book_id", book, "date_range",
                Map.of("start_date", "2024-02-01", "end_date", "2024-01-01")).error("date_range.end_date");
        review.call("get_productivity_analytics", "book_id", book, "date_range", Map.of("start_date", "01/02/2024"))
                .error("date_range.start_date", "YYYY-MM-DD");
        review.call("get_productivity_analytics", "book_id", book, "analysis_type", "hourly").error("analysis_type");
        review.call("get_productivity_analytics", "book_id", 987654321).error("book 987654321 does not exist");
        Outcome none = review.call("get_productivity_analytics", "book_id", book).ok();
        assertEquals(0, none.number("session_count"));
        assertTrue(((String) none.get("note")).contains("No writing sessions"));
    }
}
