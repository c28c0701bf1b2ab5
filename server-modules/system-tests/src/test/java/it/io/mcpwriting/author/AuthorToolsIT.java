package it.io.mcpwriting.author;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.McpSession;
import it.io.mcpwriting.support.Outcome;
import it.io.mcpwriting.support.Pages;
import it.io.mcpwriting.support.TestDb;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The author server's four tools, each on its happy path and its error path, through a real MCP client. */
class AuthorToolsIT {

    private static McpSession author;

    @BeforeAll
    static void connect() {
        author = McpSession.open("author");
    }

    @AfterAll
    static void disconnect() {
        author.close();
    }

    @Test
    void createAuthorStoresTheAuthorAndReturnsIt() {
        String name = TestDb.unique("Ursula");
        Outcome created = author.call("create_author", "name", name, "bio", "Writes of Earthsea", "birth_year", 1929).ok();
        assertEquals(name, created.get("name"));
        assertEquals(1929, created.number("birth_year"));
        assertEquals(1L, TestDb.count("SELECT count(*) FROM authors WHERE id = ? AND name = ?", created.id(), name));
    }

    @Test
    void createAuthorWithoutNameNamesTheMissingArgument() {
        Outcome outcome = author.call("create_author", "bio", "nameless").error("name");
        assertEquals("validation", outcome.errorType());
    }

    @Test
    void createAuthorRejectsUnknownArgumentsAndWrongTypes() {
        author.call("create_author", "name", "X", "nickname", "Y").error("nickname");
        author.call("create_author", "name", "X", "birth_year", "nineteen").error("birth_year", "integer");
        author.call("create_author", "name", "X", "email", "not-an-address").error("email");
    }

    @Test
    void createAuthorWithATakenEmailIsAConflict() {
        String email = TestDb.unique("dup").replace(' ', '-') + "@example.com";
        author.call("create_author", "name", "First", "email", email).ok();
        Outcome second = author.call("create_author", "name", "Second", "email", email.toUpperCase()).error("Already exists");
        assertEquals("conflict", second.errorType());
    }

    @Test
    void getAuthorReturnsTheAuthorWithTheirSeries() {
        long seriesId = TestDb.newSeries();
        long authorId = ((Number) TestDb.value("SELECT author_id FROM series WHERE id = ?", seriesId)).longValue();
        Outcome got = author.call("get_author", "author_id", authorId).ok();
        assertEquals(authorId, got.id());
        assertEquals(seriesId, ((Number) got.list("series").get(0).get("id")).longValue());
    }

    @Test
    void getAuthorOfAMissingIdSaysItDoesNotExist() {
        Outcome missing = author.call("get_author", "author_id", 987654321).error("author 987654321 does not exist");
        assertEquals("not_found", missing.errorType());
    }

    @Test
    void listAuthorsListsEveryAuthorWithSeriesCounts() {
        long seriesId = TestDb.newSeries();
        long authorId = ((Number) TestDb.value("SELECT author_id FROM series WHERE id = ?", seriesId)).longValue();
        List<Map<String, Object>> listed = Pages.all(author, "list_authors", "authors", 40);
        assertEquals(TestDb.count("SELECT count(*) FROM authors"), listed.size());
        assertEquals(listed.size(), listed.stream().map(a -> a.get("id")).distinct().count(), "no author twice");
        Map<String, Object> row = listed.stream()
                .filter(a -> ((Number) a.get("id")).longValue() == authorId).findFirst().orElseThrow();
        assertEquals(1, ((Number) row.get("series_count")).intValue());
    }

    @Test
    void listAuthorsTakesOnlyPagingArguments() {
        author.call("list_authors", "author_id", 5).error("author_id");
        author.call("list_authors", "limit", 0).error("limit");
        author.call("list_authors", "limit", 501).error("limit");
        author.call("list_authors", "offset", -1).error("offset");
    }

    @Test
    void updateAuthorChangesOnlyTheGivenFieldsAndTouchesUpdatedAt() throws InterruptedException {
        Outcome created = author.call("create_author", "name", TestDb.unique("Before"), "bio", "kept").ok();
        Thread.sleep(5);
        Outcome updated = author.call("update_author", "author_id", created.id(), "birth_year", 1970).ok();
        assertEquals(created.get("name"), updated.get("name"));
        assertEquals("kept", updated.get("bio"));
        assertEquals(1970, updated.number("birth_year"));
        assertNotEquals(created.get("updated_at"), updated.get("updated_at"));
    }

    @Test
    void updateAuthorOfAMissingIdOrWithNothingToChangeFails() {
        author.call("update_author", "author_id", 987654321, "bio", "x").error("author 987654321 does not exist");
        long id = author.call("create_author", "name", TestDb.unique("Unchanged")).ok().id();
        Outcome nothing = author.call("update_author", "author_id", id).error("nothing to change");
        assertEquals("validation", nothing.errorType());
        author.call("update_author", "author_id", id, "email", "x@example.com").error("email");
        assertTrue(author.call("get_author", "author_id", id).ok().get("email") == null);
    }
}
