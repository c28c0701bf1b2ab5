package io.mcpwriting.domain.author;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.domain.testing.DomainTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** create_author, update_author, get_author, list_authors against the scratch database. */
class AuthorToolsTest extends DomainTest {

    @Test
    void anAuthorIsCreatedChangedAndReadBack() {
        JsonNode created = ok("create_author", "name", "  Ursula  ", "email", "ursula@example.org", "bio", "Earthsea",
                "birth_year", 1929);
        long id = id(created);
        assertEquals("Ursula", created.get("name").asText(), "the name is stripped");
        JsonNode updated = ok("update_author", "author_id", id, "bio", "Earthsea and more");
        assertEquals("Earthsea and more", updated.get("bio").asText());
        assertEquals(1929, updated.get("birth_year").asInt(), "fields not given stay");
        long seriesId = id(ok("create_series", "title", "Earthsea", "author_id", id));
        JsonNode read = ok("get_author", "author_id", id);
        assertEquals("ursula@example.org", read.get("email").asText());
        assertEquals(seriesId, read.at("/series/0/id").asLong());
    }

    @Test
    void listAuthorsCountsSeriesAndPages() {
        long a = author();
        ok("create_series", "title", unique("S"), "author_id", a);
        JsonNode all = ok("list_authors", "limit", 500);
        boolean found = false;
        for (JsonNode author : all.get("authors")) {
            if (author.get("id").asLong() == a) {
                assertEquals(1, author.get("series_count").asInt());
                found = true;
            }
        }
        assertTrue(found, all::toString);
        JsonNode page = ok("list_authors", "limit", 1, "offset", 0);
        assertEquals(1, page.get("count").asInt());
        assertEquals(all.at("/page/total").asInt(), page.at("/page/total").asInt());
    }

    @Test
    void badArgumentsAreNamed() {
        invalid("email", "create_author", "name", "X", "email", "not-an-address");
        invalid("birth_year", "create_author", "name", "X", "birth_year", 0);
        invalid("name", "create_author", "name", "   ");
        invalid("name", "create_author");
        invalid("arguments", "update_author", "author_id", author());
        invalid("limit", "list_authors", "limit", 0);
        fails("validation", List.of("surprise"), "create_author", "name", "X", "surprise", 1);
    }

    @Test
    void aMissingAuthorIsNotFound() {
        notFound(MISSING, "get_author", "author_id", MISSING);
        notFound(MISSING, "update_author", "author_id", MISSING, "bio", "b");
    }

    @Test
    void anEmailIsUniqueWhateverItsCase() {
        ok("create_author", "name", "A", "email", "same@example.org");
        fails("conflict", List.of("Already exists"), "create_author", "name", "B", "email", "SAME@example.org");
    }
}
