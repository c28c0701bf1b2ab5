package it.io.mcpwriting.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.McpSession;
import it.io.mcpwriting.support.Outcome;
import it.io.mcpwriting.support.TestDb;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The book-planning server's eight tools, happy and error paths, through a real MCP client. */
class BookPlanningToolsIT {

    private static McpSession books;

    @BeforeAll
    static void connect() {
        books = McpSession.open("book-planning");
    }

    @AfterAll
    static void disconnect() {
        books.close();
    }

    private static Outcome newBook(long seriesId, int number) {
        return books.call("create_book", "title", TestDb.unique("Book"), "series_id", seriesId, "book_number", number).ok();
    }

    @Test
    void createBookAppliesDefaultsAndGenres() {
        long series = TestDb.newSeries();
        Outcome book = books.call("create_book", "title", "The Left Hand", "series_id", series, "book_number", 1,
                "target_word_count", 90000, "genre_names", List.of("science_fiction", "Literary_Fiction")).ok();
        assertEquals("planned", book.get("status"));
        assertEquals(0, book.number("actual_word_count"));
        assertEquals(List.of("literary_fiction", "science_fiction"), book.get("genres"));
        assertEquals(2L, TestDb.count("SELECT count(*) FROM book_genres WHERE book_id = ?", book.id()));
    }

    @Test
    void createBookRetriedForTheSameNumberIsAConflictNotADuplicate() {
        long series = TestDb.newSeries();
        long first = newBook(series, 1).id();
        Outcome again = books.call("create_book", "title", "Again", "series_id", series, "book_number", 1)
                .error("already has book number 1", "book " + first);
        assertEquals("conflict", again.errorType());
        assertEquals(1L, TestDb.count("SELECT count(*) FROM books WHERE series_id = ?", series));
    }

    @Test
    void createBookValidatesBeforeWriting() {
        long series = TestDb.newSeries();
        books.call("create_book", "title", "No number", "series_id", series).error("book_number");
        books.call("create_book", "title", "Bad status", "series_id", series, "book_number", 1, "status", "done")
                .error("status");
        books.call("create_book", "title", "Nowhere", "series_id", 987654321, "book_number", 1)
                .error("series 987654321 does not exist");
        Outcome genre = books.call("create_book", "title", "Odd genre", "series_id", series, "book_number", 2,
                "genre_names", List.of("fantasy", "cookbook")).error("genre_names", "cookbook");
        assertEquals("validation", genre.errorType());
        assertEquals(0L, TestDb.count("SELECT count(*) FROM books WHERE series_id = ?", series),
                "a failed create leaves nothing behind");
    }

    @Test
    void updateBookChangesOnlyGivenFieldsAndReplacesGenres() {
        long series = TestDb.newSeries();
        Outcome book = books.call("create_book", "title", "Draft title", "series_id", series, "book_number", 1,
                "description", "kept", "genre_names", List.of("fantasy")).ok();
        Outcome updated = books.call("update_book", "book_id", book.id(), "status", "draft", "actual_word_count",
                1200, "genre_names", List.of("mystery")).ok();
        assertEquals("Draft title", updated.get("title"));
        assertEquals("kept", updated.get("description"));
        assertEquals("draft", updated.get("status"));
        assertEquals(List.of("mystery"), updated.get("genres"));
    }

    @Test
    void updateBookFailsForMissingBookTakenNumberOrNothingToChange() {
        books.call("update_book", "book_id", 987654321, "title", "x").error("book 987654321 does not exist");
        long series = TestDb.newSeries();
        newBook(series, 1);
        long second = newBook(series, 2).id();
        Outcome taken = books.call("update_book", "book_id", second, "book_number", 1).error("Already exists");
        assertEquals("conflict", taken.errorType());
        books.call("update_book", "book_id", second).error("nothing to change");
        books.call("update_book", "book_id", second, "series_id", series).error("series_id");
    }

    @Test
    void getBookIncludesChaptersOnRequest() {
        long series = TestDb.newSeries();
        long bookId = newBook(series, 1).id();
        TestDb.value("INSERT INTO chapters (book_id, chapter_number, title, word_count) VALUES (?, 1, 'Opening', 2500), "
                + "(?, 2, 'Turn', 1800) RETURNING id", bookId, bookId);
        Outcome without = books.call("get_book", "book_id", bookId).ok();
        assertNull(without.get("chapters"));
        Outcome with = books.call("get_book", "book_id", bookId, "include_chapters", true).ok();
        List<Map<String, Object>> chapters = with.list("chapters");
        assertEquals(2, chapters.size());
        assertEquals("Opening", chapters.get(0).get("title"));
    }

    @Test
    void getBookOfAMissingIdSaysItDoesNotExist() {
        assertEquals("not_found", books.call("get_book", "book_id", 987654321).error("book 987654321 does not exist")
                .errorType());
        books.call("get_book").error("book_id");
    }

    @Test
    void listBooksFiltersBySeriesAndStatusWithStats() {
        long series = TestDb.newSeries();
        long first = newBook(series, 1).id();
        long second = newBook(series, 2).id();
        books.call("update_book", "book_id", second, "status", "editing", "target_word_count", 1000,
                "actual_word_count", 250).ok();
        TestDb.value("INSERT INTO chapters (book_id, chapter_number, word_count) VALUES (?, 1, 300) RETURNING id", second);
        Outcome all = books.call("list_books", "series_id", series).ok();
        assertEquals(2, all.number("count"));
        assertEquals(first, ((Number) all.list("books").get(0).get("id")).longValue());
        Outcome editing = books.call("list_books", "series_id", series, "status", "editing", "include_stats", true).ok();
        assertEquals(1, editing.number("count"));
        Map<String, Object> row = editing.list("books").get(0);
        assertEquals(1, ((Number) row.get("chapter_count")).intValue());
        assertEquals(300, ((Number) row.get("chapter_word_count")).intValue());
        assertEquals(25.0, ((Number) row.get("progress_percent")).doubleValue());
    }

    @Test
    void listBooksOfAMissingSeriesOrBadStatusFails() {
        books.call("list_books", "series_id", 987654321).error("series 987654321 does not exist");
        books.call("list_books", "status", "shelved").error("status");
    }

    @Test
    void assignBookGenresAddsGenresIdempotently() {
        long bookId = newBook(TestDb.newSeries(), 1).id();
        long fantasy = ((Number) TestDb.value("SELECT id FROM genres WHERE genre_name = 'fantasy'")).longValue();
        long romance = ((Number) TestDb.value("SELECT id FROM genres WHERE genre_name = 'romance'")).longValue();
        books.call("assign_book_genres", "book_id", bookId, "genre_ids", List.of(fantasy)).ok();
        Outcome twice = books.call("assign_book_genres", "book_id", bookId, "genre_ids", List.of(fantasy, romance)).ok();
        assertEquals(List.of("fantasy", "romance"), twice.get("genres"));
        assertEquals(2L, TestDb.count("SELECT count(*) FROM book_genres WHERE book_id = ?", bookId));
    }

    @Test
    void assignBookGenresWithUnknownGenreChangesNothing() {
        long bookId = newBook(TestDb.newSeries(), 1).id();
        books.call("assign_book_genres", "book_id", bookId, "genre_ids", List.of(1, 987654)).error("987654");
        assertEquals(0L, TestDb.count("SELECT count(*) FROM book_genres WHERE book_id = ?", bookId));
        books.call("assign_book_genres", "book_id", bookId, "genre_ids", List.of("fantasy")).error("genre_ids");
    }

    @Test
    void createPlotThreadResolvesTypeAndStartsActive() {
        long series = TestDb.newSeries();
        long hero = TestDb.newCharacter(series, "Genly");
        Outcome thread = books.call("create_plot_thread", "series_id", series, "title", "The envoy's mission",
                "description", "Bring Gethen into the Ekumen", "thread_type", "series_arc", "related_characters",
                List.of(hero), "start_book", 1, "end_book", 3).ok();
        assertEquals("series_arc", thread.get("thread_type"));
        assertEquals("active", thread.get("current_status"));
        assertEquals(5, thread.number("importance_level"));
        Outcome child = books.call("create_plot_thread", "series_id", series, "title", "Winter crossing",
                "description", "The ice", "thread_type", "mini_arc", "parent_thread_id", thread.id()).ok();
        assertEquals(thread.id(), child.number("parent_thread_id"));
    }

    @Test
    void createPlotThreadRejectsUnknownTypeLevelsAndForeignCharacters() {
        long series = TestDb.newSeries();
        books.call("create_plot_thread", "series_id", series, "title", "t", "description", "d", "thread_type", "saga")
                .error("thread_type", "series_arc");
        books.call("create_plot_thread", "series_id", series, "title", "t", "description", "d", "thread_type",
                "subplot", "importance_level", 11).error("importance_level");
        long stranger = TestDb.newCharacter(TestDb.newSeries(), "Stranger");
        books.call("create_plot_thread", "series_id", series, "title", "t", "description", "d", "thread_type",
                "subplot", "related_characters", List.of(stranger)).error(String.valueOf(stranger), "series " + series);
        books.call("create_plot_thread", "series_id", series, "title", "t", "description", "d", "thread_type",
                "subplot", "start_book", 3, "end_book", 2).error("end_book");
        assertEquals(0L, TestDb.count("SELECT count(*) FROM plot_threads WHERE series_id = ?", series));
    }

    @Test
    void updatePlotThreadResolvesTheThread() {
        long series = TestDb.newSeries();
        long id = books.call("create_plot_thread", "series_id", series, "title", "Case", "description", "d",
                "thread_type", "main_case").ok().id();
        Outcome resolved = books.call("update_plot_thread", "thread_id", id, "current_status", "resolved",
                "resolution_notes", "Solved in the lighthouse", "resolution_book", 1).ok();
        assertEquals("resolved", resolved.get("current_status"));
        assertEquals("Case", resolved.get("title"));
    }

    @Test
    void updatePlotThreadFailsForMissingThreadOrInvalidStatus() {
        books.call("update_plot_thread", "thread_id", 987654321, "title", "x").error("plot thread 987654321 does not exist");
        books.call("update_plot_thread", "thread_id", 1, "current_status", "planning").error("current_status");
    }

    @Test
    void createTimelineEventRecordsParticipants() {
        long series = TestDb.newSeries();
        long a = TestDb.newCharacter(series, "Estraven");
        long b = TestDb.newCharacter(series, "Ai");
        long bookId = newBook(series, 1).id();
        Outcome event = books.call("create_timeline_event", "series_id", series, "event_name", "The crossing",
                "event_date", "Year One, Winter", "book_id", bookId, "participants", List.of(a, b), "significance",
                "major").ok();
        assertEquals("major", event.get("significance"));
        assertEquals(true, event.get("is_public_knowledge"));
        assertEquals(2, event.list("participants").size());
    }

    @Test
    void createTimelineEventNeedsADateAndKnownParticipants() {
        long series = TestDb.newSeries();
        books.call("create_timeline_event", "series_id", series, "event_name", "Undated").error("event_date");
        books.call("create_timeline_event", "series_id", series, "event_name", "Ghosts", "event_date", "today",
                "participants", List.of(987654321)).error("987654321");
        books.call("create_timeline_event", "series_id", series, "event_name", "Loud", "event_date", "today",
                "significance", "huge").error("significance");
        assertTrue(TestDb.count("SELECT count(*) FROM timeline_events WHERE series_id = ?", series) == 0);
    }
}
