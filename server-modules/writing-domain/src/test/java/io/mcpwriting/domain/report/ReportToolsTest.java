package io.mcpwriting.domain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.domain.testing.DomainTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** generate_report for a series and for a book, chosen by id or by name. */
class ReportToolsTest extends DomainTest {

    @Test
    void aSeriesAndABookAreReportedWithMarkdown() {
        long series = series();
        String title = ok("get_series", "series_id", series).get("title").asText();
        long book = book(series, 1);
        chapter(book, 1);
        long hero = character(series);
        ok("create_location", "series_id", series, "name", "Gont", "location_type", "island");
        JsonNode whole = ok("generate_report", "series_id", series);
        assertEquals("series", whole.at("/scope/type").asText());
        assertEquals(1, whole.at("/summary/books").asInt());
        assertEquals(1, whole.at("/summary/locations").asInt());
        assertEquals(hero, whole.at("/sections/characters/0/id").asLong());
        assertTrue(whole.get("markdown").asText().contains("Gont"));
        JsonNode byName = ok("generate_report", "series_name", title.toUpperCase(), "include_sections",
                List.of("books"));
        assertEquals(series, byName.at("/scope/series_id").asLong());
        assertEquals(List.of("books"), List.of(byName.at("/sections_included/0").asText()));
        JsonNode oneBook = ok("generate_report", "book_id", book, "include_sections", List.of("books", "characters"));
        assertEquals("book", oneBook.at("/scope/type").asText());
        assertEquals(1, oneBook.at("/sections/books/0/chapters").size());
    }

    @Test
    void errorsNameTheArgumentOrTheMissingRow() {
        long series = series();
        fails("validation", List.of("give exactly one of series_id, book_id, series_name, book_name; got none"),
                "generate_report");
        fails("validation", List.of("give exactly one of series_id, book_id, series_name, book_name; "
                + "got series_id and book_id"), "generate_report", "series_id", series, "book_id", book(series, 1));
        fails("validation", List.of("got series_id, series_name and book_name"), "generate_report",
                "series_id", series, "series_name", "s", "book_name", "b");
        notFound(MISSING, "generate_report", "series_id", MISSING);
        notFound(MISSING, "generate_report", "book_id", MISSING);
        fails("not_found", List.of("no series"), "generate_report", "series_name", "No Such Series Anywhere");
        invalid("book_name", "generate_report", "book_name", " ");
        invalid("include_sections", "generate_report", "series_id", series, "include_sections", List.of());
        invalid("include_sections", "generate_report", "series_id", series, "include_sections", List.of("gossip"));
        long author = author();
        ok("create_series", "title", "Twin One", "author_id", author);
        ok("create_series", "title", "Twin Two", "author_id", author);
        invalid("series_name", "generate_report", "series_name", "twin");
    }
}
