package io.mcpwriting.domain.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mcpwriting.domain.Answers;
import io.mcpwriting.domain.testing.DomainTest;
import io.mcpwriting.mcp.tool.ToolException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * list_books against real PostgreSQL (the list is the database function book_list, paged by Paging.page): with and
 * without statistics, by status, page by page. The expected answers are the ones the tool gave before the list
 * became a function.
 */
class BookListTest extends DomainTest {

    private static final BookTools BOOKS = new BookTools();
    /** What the fixture's rows are called, by "table:id". */
    private static final Map<String, String> NAMES = new HashMap<>();
    private static int series;

    @BeforeAll
    static void fixture() {
        BOOKS.db = DB.db();
        int author = DB.insert("INSERT INTO authors (name) VALUES ('Book author') RETURNING id");
        series = DB.insert("INSERT INTO series (title, author_id) VALUES ('Book series', ?) RETURNING id", author);
        int other = DB.insert("INSERT INTO series (title, author_id) VALUES ('Other books', ?) RETURNING id", author);
        NAMES.put("series:" + series, "Book series");
        NAMES.put("series:" + other, "Other books");
        int first = book(series, 1, "published", 80000, 81000);
        int second = book(series, 2, "draft", 90000, 30000);
        book(series, 3, "planned", null, 0);
        book(other, 1, "published", 50000, 50000);
        for (int c = 1; c <= 3; c++) {
            DB.insert("INSERT INTO chapters (book_id, chapter_number, word_count) VALUES (?, ?, ?) RETURNING id", first, c,
                    1000 * c);
        }
        DB.insert("INSERT INTO chapters (book_id, chapter_number, word_count) VALUES (?, 1, 2500) RETURNING id", second);
        DB.insert("INSERT INTO book_genres (book_id, genre_id) SELECT ?, id FROM genres "
                + "WHERE genre_name IN ('mystery', 'fantasy') RETURNING id", first);
    }

    private static int book(int seriesId, int number, String status, Integer target, int actual) {
        int id = DB.insert("INSERT INTO books (series_id, title, book_number, status, target_word_count, actual_word_count) "
                + "VALUES (?, ?, ?, ?, ?, ?) RETURNING id", seriesId, NAMES.get("series:" + seriesId) + " " + number,
                number, status, target, actual);
        NAMES.put("books:" + id, NAMES.get("series:" + seriesId) + " " + number);
        return id;
    }

    /** The call and its answer, the fixture's ids as the names of their rows. */
    private static String books(Integer seriesId, BookStatus status, boolean stats, int limit, int offset) {
        Object answer = Answers.read(BOOKS.listBooks(seriesId, status, stats, limit, offset).json());
        return "## list_books(" + NAMES.get("series:" + seriesId) + ", " + status + ", " + stats + ", " + limit + ", "
                + offset + ")\n" + Answers.pretty(Answers.relabel(answer, (path, value) -> switch (path) {
                    case "books.id" -> NAMES.get("books:" + value);
                    case "books.series_id" -> NAMES.get("series:" + value);
                    default -> value;
                })) + "\n";
    }

    @Test
    void aSeriesBooksInOrderWithAndWithoutStatisticsByStatusPageByPage() {
        assertEquals(Answers.expected(getClass(), "list_books.txt"), books(series, null, false, 100, 0)
                + books(series, null, true, 100, 0) + books(series, BookStatus.PUBLISHED, true, 100, 0)
                + books(series, BookStatus.EDITING, false, 100, 0) + books(series, null, true, 2, 0)
                + books(series, null, true, 2, 2) + books(series, null, false, 1, 5));
    }

    @Test
    void anUnknownSeriesIsRefused() {
        ToolException e = assertThrows(ToolException.class, () -> BOOKS.listBooks(-1, null, false, 100, 0));
        assertEquals("series -1 does not exist", e.getMessage());
    }
}
