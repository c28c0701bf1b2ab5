package io.mcpwriting.domain.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.domain.testing.DomainTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** create_series, update_series, assign_series_genres, get_series, list_series. */
class SeriesToolsTest extends DomainTest {

    private static long genre(String name) {
        for (JsonNode g : ok("get_available_options", "option_type", "genres").get("options")) {
            if (g.get("name").asText().equals(name)) {
                return g.get("id").asLong();
            }
        }
        throw new AssertionError("no genre " + name);
    }

    @Test
    void aSeriesIsCreatedWithGenresAndCountsWhatIsPlannedInIt() {
        long author = author();
        long fantasy = genre("fantasy");
        JsonNode created = ok("create_series", "title", "The Long Road", "author_id", author, "description", "d",
                "genre_ids", List.of(fantasy), "start_year", 2024);
        long id = id(created);
        assertEquals("ongoing", created.get("status").asText());
        assertEquals("fantasy", created.at("/genres/0/genre_name").asText());
        book(id, 1);
        JsonNode read = ok("get_series", "series_id", id);
        assertEquals(1, read.at("/counts/books").asInt());
        assertEquals(1, read.get("books").size());
        assertEquals(2024, read.get("start_year").asInt());
    }

    @Test
    void updateChangesOnlyWhatIsGivenAndGenreIdsReplace() {
        long author = author();
        long id = id(ok("create_series", "title", unique("S"), "author_id", author, "genre_ids",
                List.of(genre("fantasy"), genre("mystery"))));
        JsonNode updated = ok("update_series", "series_id", id, "status", "hiatus", "genre_ids", List.of(genre("mystery")));
        assertEquals("hiatus", updated.get("status").asText());
        assertEquals(1, updated.get("genres").size());
        assertEquals("mystery", updated.at("/genres/0/genre_name").asText());
        assertEquals(0, ok("update_series", "series_id", id, "genre_ids", List.of()).get("genres").size());
    }

    @Test
    void assignSeriesGenresAddsAndKeeps() {
        long id = series();
        JsonNode first = ok("assign_series_genres", "series_id", id, "genre_ids", List.of(genre("fantasy")));
        assertEquals(1, first.get("added_count").asInt());
        JsonNode again = ok("assign_series_genres", "series_id", id, "genre_ids",
                List.of(genre("fantasy"), genre("romance")));
        assertEquals(1, again.get("added_count").asInt());
        assertEquals(2, again.get("genres").size());
    }

    @Test
    void listSeriesCountsBooksAndWords() {
        long id = series();
        ok("create_book", "title", "B", "series_id", id, "book_number", 1, "actual_word_count", 1200);
        boolean found = false;
        for (JsonNode s : ok("list_series", "limit", 500).get("series")) {
            if (s.get("id").asLong() == id) {
                assertEquals(1, s.get("book_count").asInt());
                assertEquals(1200, s.get("total_word_count").asInt());
                found = true;
            }
        }
        assertTrue(found);
    }

    @Test
    void errorsNameTheArgumentOrTheMissingRow() {
        long author = author();
        long twice = id(ok("create_series", "title", "Twice", "author_id", author));
        fails("conflict", List.of("series " + twice, "update_series"), "create_series", "title", "twice", "author_id", author);
        notFound(MISSING, "create_series", "title", "T", "author_id", MISSING);
        notFound(MISSING, "create_series", "title", "T2", "author_id", author, "genre_ids", List.of(MISSING));
        invalid("status", "create_series", "title", "T3", "author_id", author, "status", "finished");
        invalid("start_year", "create_series", "title", "T4", "author_id", author, "start_year", 0);
        invalid("title", "create_series", "title", " ", "author_id", author);
        long id = series();
        invalid("arguments", "update_series", "series_id", id);
        notFound(MISSING, "update_series", "series_id", MISSING, "title", "x");
        notFound(MISSING, "get_series", "series_id", MISSING);
        invalid("genre_ids", "assign_series_genres", "series_id", id, "genre_ids", List.of());
        notFound(MISSING, "assign_series_genres", "series_id", MISSING, "genre_ids", List.of(1));
        invalid("offset", "list_series", "offset", -1);
    }

    @Test
    void aTitleTakenByAnotherSeriesOfTheAuthorConflictsOnUpdate() {
        long author = author();
        long first = id(ok("create_series", "title", "First", "author_id", author));
        long second = id(ok("create_series", "title", "Second", "author_id", author));
        fails("conflict", List.of("series " + first), "update_series", "series_id", second, "title", "FIRST");
    }
}
