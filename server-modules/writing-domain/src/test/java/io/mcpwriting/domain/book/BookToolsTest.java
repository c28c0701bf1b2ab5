package io.mcpwriting.domain.book;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mcpwriting.domain.testing.DomainTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** create_book, update_book, assign_book_genres, get_book, list_books. */
class BookToolsTest extends DomainTest {

    @Test
    void aBookIsCreatedWithGenresChangedAndReadBack() {
        long series = series();
        JsonNode created = ok("create_book", "title", "One", "series_id", series, "book_number", 1,
                "target_word_count", 90000, "genre_names", List.of("Fantasy", "mystery"), "isbn", "978-0");
        long id = id(created);
        assertEquals("planned", created.get("status").asText());
        assertEquals(List.of("fantasy", "mystery"), List.of(created.at("/genres/0").asText(),
                created.at("/genres/1").asText()));
        JsonNode updated = ok("update_book", "book_id", id, "status", "draft", "actual_word_count", 45000,
                "genre_names", List.of("romance"));
        assertEquals("draft", updated.get("status").asText());
        assertEquals(1, updated.get("genres").size());
        assertEquals(90000, updated.get("target_word_count").asInt());
        chapter(id, 1);
        JsonNode read = ok("get_book", "book_id", id, "include_chapters", true);
        assertEquals(1, read.get("chapters").size());
        assertEquals("978-0", read.get("isbn").asText());
    }

    @Test
    void assignBookGenresAddsById() {
        long id = book();
        long genre = ok("get_available_options", "option_type", "genres").at("/options/0/id").asLong();
        JsonNode book = ok("assign_book_genres", "book_id", id, "genre_ids", List.of(genre));
        assertEquals(1, book.get("genres").size());
        assertEquals(1, ok("assign_book_genres", "book_id", id, "genre_ids", List.of(genre)).get("genres").size());
    }

    @Test
    void listBooksFiltersBySeriesAndStatusWithStats() {
        long series = series();
        long one = book(series, 1);
        ok("create_book", "title", "Two", "series_id", series, "book_number", 2, "status", "draft");
        ok("update_book", "book_id", one, "target_word_count", 1000, "actual_word_count", 250);
        chapter(one, 1);
        JsonNode all = ok("list_books", "series_id", series, "include_stats", true);
        assertEquals(2, all.get("count").asInt());
        assertEquals(1, all.at("/books/0/chapter_count").asInt());
        assertEquals(25.0, all.at("/books/0/progress_percent").asDouble());
        JsonNode drafts = ok("list_books", "series_id", series, "status", "draft");
        assertEquals(1, drafts.get("count").asInt());
        assertEquals("Two", drafts.at("/books/0/title").asText());
    }

    @Test
    void errorsNameTheArgumentOrTheMissingRow() {
        long series = series();
        book(series, 1);
        fails("conflict", List.of("book number 1"), "create_book", "title", "Again", "series_id", series,
                "book_number", 1);
        notFound(MISSING, "create_book", "title", "T", "series_id", MISSING, "book_number", 1);
        invalid("book_number", "create_book", "title", "T", "series_id", series, "book_number", 0);
        invalid("genre_names", "create_book", "title", "T", "series_id", series, "book_number", 3,
                "genre_names", List.of("space opera western"));
        invalid("status", "create_book", "title", "T", "series_id", series, "book_number", 4, "status", "done");
        invalid("page_count", "update_book", "book_id", book(), "page_count", -1);
        invalid("arguments", "update_book", "book_id", book());
        notFound(MISSING, "update_book", "book_id", MISSING, "title", "x");
        notFound(MISSING, "get_book", "book_id", MISSING);
        notFound(MISSING, "list_books", "series_id", MISSING);
        notFound(MISSING, "assign_book_genres", "book_id", MISSING, "genre_ids", List.of(1));
        notFound(MISSING, "assign_book_genres", "book_id", book(), "genre_ids", List.of(MISSING));
    }
}
