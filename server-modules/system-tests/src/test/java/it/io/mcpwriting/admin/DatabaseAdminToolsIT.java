package it.io.mcpwriting.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.McpSession;
import it.io.mcpwriting.support.Outcome;
import it.io.mcpwriting.support.TestDb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database-admin server's 25 tools through a real MCP client: happy and error paths of each, SQL
 * injection attempts in table and column names (rejected) and in values (bound, harmless), the audit trail, and
 * the database state the calls leave. Backup round trips are in {@link BackupRestoreIT}.
 */
class DatabaseAdminToolsIT {

    private static final String SOFT_TABLE = "admin_it_notes";
    /** The audit actor of every call the tests make: the bearer token's fingerprint (no principal configured). */
    private static final String TOKEN_IDENTITY = "token:" + sha256Hex(it.io.mcpwriting.support.Servers.TOKEN).substring(0, 12);
    private static McpSession admin;

    @BeforeAll
    static void connect() {
        admin = McpSession.open("database-admin");
    }

    @AfterAll
    static void disconnect() {
        admin.close();
        AdminDb.ownerExecute("DROP TABLE IF EXISTS public." + SOFT_TABLE);
    }

    private static long newBook(long seriesId, int number, String title) {
        return ((Number) TestDb.value("INSERT INTO books (series_id, book_number, title) VALUES (?, ?, ?) RETURNING id",
                seriesId, number, title)).longValue();
    }

    private static long auditCount(String condition, Object... params) {
        return TestDb.count("SELECT count(*) FROM audit_logs WHERE " + condition, params);
    }

    private static Path exportsDir() {
        return Path.of(System.getProperty("backup.dir")).resolve("exports");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    // ---------------------------------------------------------------- db_query_records

    @Test
    void queryRecordsFiltersSortsAndPages() {
        long series = TestDb.newSeries();
        long b1 = newBook(series, 1, "Alpha dawn");
        newBook(series, 2, "Beta noon");
        long b3 = newBook(series, 3, "Gamma dusk");
        Outcome page = admin.call("db_query_records", "table", "books", "where", Map.of("series_id", series),
                "order_by", List.of(Map.of("column", "book_number", "direction", "DESC")), "limit", 2).ok();
        assertEquals(2, page.number("count"));
        assertEquals(3, page.number("total"));
        assertEquals(true, page.get("has_more"));
        assertEquals(b3, ((Number) page.list("records").get(0).get("id")).longValue());
        Outcome last = admin.call("db_query_records", "table", "books", "where", Map.of("series_id", series),
                "order_by", List.of(Map.of("column", "book_number", "direction", "DESC")), "limit", 2, "offset", 2).ok();
        assertEquals(List.of(b1), last.list("records").stream().map(r -> ((Number) r.get("id")).longValue()).toList());
        assertEquals(false, last.get("has_more"));

        Outcome columns = admin.call("db_query_records", "table", "books", "columns", List.of("title", "id"),
                "where", Map.of("series_id", series, "book_number", Map.of("$gte", 2, "$lt", 3))).ok();
        assertEquals(List.of(Map.of("title", "Beta noon", "id", ((Number) columns.list("records").get(0).get("id")).intValue())),
                columns.list("records"));
        assertEquals(2, admin.call("db_query_records", "table", "books", "where",
                Map.of("series_id", series, "title", Map.of("$ilike", "%A%N%"))).ok().number("count"));
        assertEquals(2, admin.call("db_query_records", "table", "books", "where",
                Map.of("id", List.of(b1, b3))).ok().number("count"));
        assertEquals(3, admin.call("db_query_records", "table", "books", "where",
                Map.of("series_id", series, "description", Map.of("$null", true))).ok().number("total"));
    }

    @Test
    void queryRecordsRejectsInjectedNamesAndBindsInjectedValues() {
        long before = TestDb.count("SELECT count(*) FROM authors");
        admin.call("db_query_records", "table", "authors; DROP TABLE authors; --").error("table", "no table");
        admin.call("db_query_records", "table", "authors\" WHERE 1=1 --").error("no table");
        admin.call("db_query_records", "table", "authors", "columns", List.of("name\" FROM authors; --"))
                .error("columns", "has no column");
        admin.call("db_query_records", "table", "authors", "where", Map.of("1=1 OR id", 1)).error("where", "has no column");
        admin.call("db_query_records", "table", "authors", "order_by", List.of(Map.of("column", "id; DELETE FROM authors")))
                .error("order_by", "has no column");
        admin.call("db_query_records", "table", "authors", "order_by", List.of(Map.of("column", "id", "direction", "UP")))
                .error("direction");
        admin.call("db_query_records", "table", "authors", "where", Map.of("name", Map.of("$regex", ".*")))
                .error("unknown operator");
        admin.call("db_query_records", "table", "authors", "limit", 1001).error("limit");
        Outcome denied = admin.call("db_query_records", "table", "flyway_schema_history").error("cannot be accessed");
        assertEquals("validation", denied.errorType());
        Outcome bound = admin.call("db_query_records", "table", "authors", "where",
                Map.of("name", "x' OR '1'='1")).ok();
        assertEquals(0, bound.number("total"), "the quote is part of the value, not of the SQL");
        admin.call("db_query_records", "table", "authors", "where", Map.of("birth_year", "1990; DROP TABLE authors"))
                .error("malformed");
        assertEquals(before, TestDb.count("SELECT count(*) FROM authors"));
        admin.call("db_query_records", "table", "audit_logs", "limit", 1).ok();
    }

    // ---------------------------------------------------------------- db_insert_record

    @Test
    void insertRecordStoresTheRowAndAuditsIt() {
        long series = TestDb.newSeries();
        String name = TestDb.unique("Kit");
        Outcome created = admin.call("db_insert_record", "table", "characters", "data",
                Map.of("series_id", series, "name", name, "aliases", List.of("Kit", "K. the Bold"))).ok();
        long id = created.id();
        assertEquals(List.of("Kit", "K. the Bold"), map(created.get("record")).get("aliases"));
        assertEquals("main", map(created.get("record")).get("character_type"), "left-out columns take defaults");
        assertEquals("{Kit,\"K. the Bold\"}", TestDb.value("SELECT aliases::text FROM characters WHERE id = ?", id));
        assertEquals(1, auditCount("operation = 'CREATE' AND table_name = 'characters' AND record_id = ? AND success "
                + "AND user_id = ? AND client_info->>'client_name' = 'system-tests' "
                + "AND client_info->>'session_ref' ~ '^[0-9a-f]{16}$' AND client_info->>'session_id' IS NULL "
                + "AND changes->'new'->>'name' = ? AND execution_time_ms >= 0", String.valueOf(id), TOKEN_IDENTITY, name),
                "the actor is the token's identity, never the client's self-declared name; no usable session id");
        assertEquals(1, admin.call("db_query_records", "table", "characters", "where",
                Map.of("aliases", List.of("Kit", "K. the Bold"), "series_id", series)).ok().number("total"),
                "an array column compares with a JSON array");
    }

    @Test
    void insertRecordRefusesBadNamesAndValuesAndAuditsTheFailure() {
        long failedBefore = auditCount("NOT success AND operation = 'CREATE'");
        String bogus = "nickname_" + System.nanoTime();
        admin.call("db_insert_record", "table", "authors", "data", Map.of("name", "X", bogus, "Y"))
                .error("data", "has no column '" + bogus + "'");
        admin.call("db_insert_record", "table", "authors", "data", Map.of("name) VALUES ('x'); DROP TABLE authors; --", "x"))
                .error("has no column");
        admin.call("db_insert_record", "table", "authors", "data", Map.of()).error("data", "at least one column");
        admin.call("db_insert_record", "table", "authors", "data", Map.of("name", "Y", "birth_year", "nineteen"))
                .error("malformed");
        admin.call("db_insert_record", "table", "series", "data", Map.of("title", "No author"))
                .error("author_id is required");
        Outcome fk = admin.call("db_insert_record", "table", "series", "data",
                Map.of("title", "Ghost", "author_id", 987654321)).error("Referenced record does not exist");
        assertEquals("not_found", fk.errorType());
        admin.call("db_insert_record", "table", "audit_logs", "data", Map.of("operation", "CREATE", "table_name", "x",
                "success", true)).error("read-only");
        admin.call("db_insert_record", "table", "books_with_genres", "data", Map.of("title", "x")).error("no table");
        admin.call("db_insert_record", "table", "authors").error("data");
        assertEquals(failedBefore + 8, auditCount("NOT success AND operation = 'CREATE'"),
                "every refused write is audited (the one without data never reached the tool)");
        assertEquals(1, auditCount("NOT success AND operation = 'CREATE' AND table_name = ? AND error_message LIKE ?",
                "authors", "%" + bogus + "%"));
    }

    @Test
    void insertingAnExplicitIdMovesTheSequencePastIt() {
        long high = AdminDb.maxId("authors") + 1000;
        admin.call("db_insert_record", "table", "authors", "data", Map.of("id", high, "name", TestDb.unique("Fixed"))).ok();
        long next = admin.call("db_insert_record", "table", "authors", "data", Map.of("name", TestDb.unique("Next")))
                .ok().id();
        assertTrue(next > high, "next id " + next + " comes after the explicit " + high);
    }

    // ---------------------------------------------------------------- db_update_records

    @Test
    void updateRecordsChangesMatchingRowsAndAuditsPreviousValues() {
        long series = TestDb.newSeries();
        long b1 = newBook(series, 1, "One");
        long b2 = newBook(series, 2, "Two");
        long b3 = newBook(series, 3, "Three");
        Outcome updated = admin.call("db_update_records", "table", "books", "data", Map.of("status", "draft"),
                "where", Map.of("series_id", series, "book_number", Map.of("$lte", 2))).ok();
        assertEquals(2, updated.number("updated"));
        assertEquals(2, TestDb.count("SELECT count(*) FROM books WHERE series_id = ? AND status = 'draft'", series));
        assertEquals("planned", TestDb.value("SELECT status FROM books WHERE id = ?", b3));
        assertEquals(1, auditCount("operation = 'UPDATE' AND table_name = 'books' AND success AND record_id IN (?, ?) "
                + "AND changes->'before' @> ?::jsonb", b1 + "," + b2, b2 + "," + b1,
                "[{\"values\": {\"status\": \"planned\"}}]"));
        assertEquals(0, admin.call("db_update_records", "table", "books", "data", Map.of("status", "final"),
                "where", Map.of("id", 987654321)).ok().number("updated"));
    }

    @Test
    void updateRecordsRefusesWholeTableUpdatesAndInjectedColumns() {
        long series = TestDb.newSeries();
        long book = newBook(series, 1, "Keep");
        admin.call("db_update_records", "table", "books", "data", Map.of("title", "All"), "where", Map.of())
                .error("where", "at least one condition");
        admin.call("db_update_records", "table", "books", "data", Map.of("title = 'pwned', status", "x"),
                "where", Map.of("id", book)).error("data", "has no column");
        admin.call("db_update_records", "table", "books", "data", Map.of("status", "lost"), "where", Map.of("id", book))
                .error("stored-data rule");
        admin.call("db_update_records", "table", "books", "data", Map.of("title", "x"), "where",
                Map.of("id", Map.of("$gt", 0), "title", Map.of())).error("empty object");
        assertEquals("Keep", TestDb.value("SELECT title FROM books WHERE id = ?", book));
        assertEquals(1, TestDb.count("SELECT count(*) FROM books WHERE title = 'Keep' AND id = ?", book));
    }

    // ---------------------------------------------------------------- db_delete_records

    @Test
    void deleteRecordsRemovesRowsAndRefusesSoftDeleteWithoutDeletedAt() {
        long series = TestDb.newSeries();
        long book = newBook(series, 1, "Doomed");
        admin.call("db_delete_records", "table", "books", "where", Map.of("id", book), "soft_delete", true)
                .error("soft_delete", "cannot be soft-deleted");
        assertEquals(1, TestDb.count("SELECT count(*) FROM books WHERE id = ?", book));
        Outcome deleted = admin.call("db_delete_records", "table", "books", "where", Map.of("id", book)).ok();
        assertEquals(1, deleted.number("deleted"));
        assertEquals(false, deleted.get("soft_delete"));
        assertEquals(0, TestDb.count("SELECT count(*) FROM books WHERE id = ?", book));
        assertEquals(1, auditCount("operation = 'DELETE' AND record_id = ? AND changes->'rows'->0->>'title' = 'Doomed'",
                String.valueOf(book)));
        Outcome referenced = admin.call("db_delete_records", "table", "series", "where", Map.of("id", series)).ok();
        assertEquals(1, referenced.number("deleted"), "the series has no books left");
        long other = TestDb.newSeries();
        newBook(other, 1, "Anchor");
        assertEquals("conflict", admin.call("db_delete_records", "table", "series", "where", Map.of("id", other))
                .error("still refer").errorType());
        admin.call("db_delete_records", "table", "series", "where", Map.of()).error("at least one condition");
    }

    @Test
    void softDeleteSetsDeletedAtOnTablesThatHaveIt() {
        AdminDb.ownerExecute("CREATE TABLE IF NOT EXISTS public." + SOFT_TABLE + " (id serial PRIMARY KEY, body text, "
                + "deleted_at timestamptz)", "GRANT SELECT, INSERT, UPDATE, DELETE ON public." + SOFT_TABLE + " TO mcp_app",
                "GRANT USAGE, SELECT ON SEQUENCE public." + SOFT_TABLE + "_id_seq TO mcp_app");
        Outcome schema = admin.call("db_get_schema", "table", SOFT_TABLE, "refresh_cache", true).ok();
        assertEquals(true, schema.get("supports_soft_delete"), "a new table is seen after refresh_cache");
        long id = admin.call("db_insert_record", "table", SOFT_TABLE, "data", Map.of("body", "note")).ok().id();
        Outcome soft = admin.call("db_delete_records", "table", SOFT_TABLE, "where", Map.of("id", id)).ok();
        assertEquals(true, soft.get("soft_delete"), "soft is the default where deleted_at exists");
        assertEquals(1, soft.number("deleted"));
        assertNotNull(TestDb.value("SELECT deleted_at FROM " + SOFT_TABLE + " WHERE id = ?", id));
        assertEquals(0, admin.call("db_delete_records", "table", SOFT_TABLE, "where", Map.of("id", id)).ok()
                .number("deleted"), "an already soft-deleted row is not deleted again");
        assertEquals(1, admin.call("db_delete_records", "table", SOFT_TABLE, "where", Map.of("id", id),
                "soft_delete", false).ok().number("deleted"));
        assertEquals(0, TestDb.count("SELECT count(*) FROM " + SOFT_TABLE + " WHERE id = ?", id));
    }

    // ---------------------------------------------------------------- batches

    @Test
    void batchInsertStoresAllRowsOrNone() {
        long series = TestDb.newSeries();
        Outcome ok = admin.call("db_batch_insert", "table", "books", "records", List.of(
                Map.of("series_id", series, "book_number", 1, "title", "B1"),
                Map.of("series_id", series, "book_number", 2, "title", "B2", "status", "draft"),
                Map.of("series_id", series, "book_number", 3, "title", "B3"))).ok();
        assertEquals(3, ok.number("inserted"));
        assertEquals(3, ((List<?>) ok.get("ids")).size());
        assertEquals(1, TestDb.count("SELECT count(*) FROM books WHERE series_id = ? AND status = 'draft'", series));
        assertEquals(1, auditCount("operation = 'BATCH_INSERT' AND table_name = 'books' AND success AND record_id = ?",
                String.join(",", ((List<?>) ok.get("ids")).stream().map(String::valueOf).toList())));
        long other = TestDb.newSeries();
        admin.call("db_batch_insert", "table", "books", "records", List.of(
                Map.of("series_id", other, "book_number", 1, "title", "Fine"),
                Map.of("series_id", other, "book_number", 0, "title", "Bad number"))).error("stored-data rule");
        admin.call("db_batch_insert", "table", "books", "records", List.of(
                Map.of("series_id", other, "book_number", 1, "title", "Fine"),
                Map.of("series_id", other, "book_number", 2, "titel", "Typo"))).error("records[1]", "titel");
        admin.call("db_batch_insert", "table", "books", "records", List.of()).error("records");
        assertEquals(0, TestDb.count("SELECT count(*) FROM books WHERE series_id = ?", other), "atomic: nothing stored");
    }

    @Test
    void batchUpdateAppliesEveryItemOrNone() {
        long series = TestDb.newSeries();
        long b1 = newBook(series, 1, "One");
        long b2 = newBook(series, 2, "Two");
        Outcome ok = admin.call("db_batch_update", "table", "books", "return_records", true, "updates", List.of(
                Map.of("where", Map.of("id", b1), "data", Map.of("title", "One revised")),
                Map.of("where", Map.of("id", b2), "data", Map.of("status", "editing", "actual_word_count", 5000)))).ok();
        assertEquals(2, ok.number("updated"));
        assertEquals(2, ok.list("records").size());
        assertEquals("One revised", TestDb.value("SELECT title FROM books WHERE id = ?", b1));
        assertEquals(5000, ((Number) TestDb.value("SELECT actual_word_count FROM books WHERE id = ?", b2)).intValue());
        admin.call("db_batch_update", "table", "books", "updates", List.of(
                Map.of("where", Map.of("id", b1), "data", Map.of("title", "Should not stay")),
                Map.of("where", Map.of("id", b2), "data", Map.of("actual_word_count", -1)))).error("stored-data rule");
        assertEquals("One revised", TestDb.value("SELECT title FROM books WHERE id = ?", b1), "atomic");
        Outcome sameShape = admin.call("db_batch_update", "table", "books", "updates", List.of(
                Map.of("where", Map.of("id", b1), "data", Map.of("title", "First")),
                Map.of("where", Map.of("id", b2), "data", Map.of("title", "Second")),
                Map.of("where", Map.of("id", b1), "data", Map.of("title", "First, again")),
                Map.of("where", Map.of("id", 987654321), "data", Map.of("title", "Nobody")))).ok();
        assertEquals(List.of(1L, 1L, 1L, 0L), sameShape.list("items").stream()
                .map(item -> ((Number) item.get("updated")).longValue()).toList());
        assertEquals("First, again", TestDb.value("SELECT title FROM books WHERE id = ?", b1), "applied in order");
        assertEquals("Second", TestDb.value("SELECT title FROM books WHERE id = ?", b2));
        TestDb.value("UPDATE books SET title = 'One revised' WHERE id = ? RETURNING 1", b1);
        admin.call("db_batch_update", "table", "books", "updates", List.of(
                Map.of("where", Map.of(), "data", Map.of("title", "x")))).error("updates[0].where");
        admin.call("db_batch_update", "table", "books", "updates", List.of(Map.of("data", Map.of("title", "x"))))
                .error("where");
        assertEquals(1, auditCount("operation = 'BATCH_UPDATE' AND NOT success AND table_name = 'books' "
                + "AND error_message LIKE '%stored-data rule%' AND changes->'attempted'->'updates'->0->'where'->>'id' = ?",
                String.valueOf(b1)));
    }

    @Test
    void batchDeleteRemovesRowsMatchingAnyCondition() {
        long series = TestDb.newSeries();
        long b1 = newBook(series, 1, "One");
        long b2 = newBook(series, 2, "Two");
        long b3 = newBook(series, 3, "Three");
        Outcome ok = admin.call("db_batch_delete", "table", "books", "conditions",
                List.of(Map.of("id", b1), Map.of("series_id", series, "title", "Three"))).ok();
        assertEquals(2, ok.number("deleted"));
        assertEquals(List.of(b2), List.of(((Number) TestDb.value("SELECT id FROM books WHERE series_id = ?", series))
                .longValue()));
        admin.call("db_batch_delete", "table", "books", "conditions", List.of(Map.of("id", b2), Map.of()))
                .error("conditions[1]", "at least one condition");
        admin.call("db_batch_delete", "table", "books", "conditions", List.of(Map.of("id) OR (1=1", 1)))
                .error("has no column");
        admin.call("db_batch_delete", "table", "books", "conditions", List.of(Map.of("id", b2)), "soft_delete", true)
                .error("soft-deleted");
        assertEquals(1, TestDb.count("SELECT count(*) FROM books WHERE id = ?", b2));
        assertEquals(0, TestDb.count("SELECT count(*) FROM books WHERE id IN (?, ?)", b1, b3));
    }

    // ---------------------------------------------------------------- schema introspection

    @Test
    void getSchemaDescribesTheLiveTable() {
        Outcome books = admin.call("db_get_schema", "table", "books").ok();
        assertEquals(List.of("id"), books.get("primary_key"));
        assertEquals("read_write", books.get("access"));
        assertEquals(false, books.get("supports_soft_delete"));
        Map<String, Object> title = books.list("columns").stream().filter(c -> c.get("name").equals("title"))
                .findFirst().orElseThrow();
        assertEquals("character varying(255)", title.get("type"));
        assertEquals(false, title.get("nullable"));
        assertTrue(books.list("foreign_keys").stream().anyMatch(f -> f.get("references").equals("series")));
        assertTrue(books.list("referenced_by").stream().anyMatch(f -> f.get("table").equals("chapters")));
        assertTrue(books.list("triggers").stream().anyMatch(t -> t.get("name").equals("books_touch")));
        assertEquals("read_only", admin.call("db_get_schema", "table", "audit_logs").ok().get("access"));
        assertEquals("denied", admin.call("db_get_schema", "table", "flyway_schema_history").ok().get("access"));
        admin.call("db_get_schema", "table", "Books").error("table");
        admin.call("db_get_schema", "table", "no_such_table").error("no table 'no_such_table'");
    }

    @Test
    void listTablesCountsRowsAndHidesInternalTablesUnlessAsked() {
        Outcome all = admin.call("db_list_tables").ok();
        Set<String> names = all.list("tables").stream().map(t -> (String) t.get("name")).collect(Collectors.toSet());
        assertTrue(names.contains("books") && names.contains("genres"));
        assertFalse(names.contains("flyway_schema_history") || names.contains("audit_logs"));
        Map<String, Object> genres = all.list("tables").stream().filter(t -> t.get("name").equals("genres")).findFirst()
                .orElseThrow();
        assertEquals(TestDb.count("SELECT count(*) FROM genres"), ((Number) genres.get("row_count")).longValue());
        Outcome internal = admin.call("db_list_tables", "include_system_tables", true, "pattern", "%_history").ok();
        assertEquals(List.of("flyway_schema_history"), internal.list("tables").stream().map(t -> t.get("name")).toList());
        assertEquals("denied", internal.list("tables").get(0).get("access"));
        Outcome book = admin.call("db_list_tables", "pattern", "book%").ok();
        assertTrue(book.list("tables").stream().allMatch(t -> ((String) t.get("name")).startsWith("book")));
        assertTrue(book.number("count") >= 2);
        assertEquals(0, admin.call("db_list_tables", "pattern", "x'; DROP TABLE books; --").ok().number("count"));
        admin.call("db_list_tables", "include_system_tables", "yes").error("include_system_tables");
    }

    @Test
    void getRelationshipsFollowsForeignKeysBothWays() {
        Outcome one = admin.call("db_get_relationships", "table", "books").ok();
        List<Map<String, Object>> rels = one.list("relationships");
        assertTrue(rels.stream().anyMatch(r -> r.get("direction").equals("outgoing") && r.get("to_table").equals("series")
                && r.get("level").equals(1)));
        assertTrue(rels.stream().anyMatch(r -> r.get("direction").equals("incoming") && r.get("from_table").equals("chapters")));
        assertTrue(rels.stream().noneMatch(r -> r.get("to_table").equals("authors")), "authors is two hops away");
        Outcome two = admin.call("db_get_relationships", "table", "books", "depth", 2).ok();
        assertTrue(two.list("relationships").stream().anyMatch(r -> r.get("to_table").equals("authors")
                && r.get("level").equals(2)));
        admin.call("db_get_relationships", "table", "books", "depth", 4).error("depth");
        admin.call("db_get_relationships", "table", "nothing_here").error("no table");
    }

    @Test
    void listTableColumnsGivesOrderAndOptionalMetadata() {
        Outcome plain = admin.call("db_list_table_columns", "table", "series").ok();
        assertEquals(List.of("id", "author_id", "title", "description", "target_audience", "status", "start_year",
                "created_at", "updated_at"), plain.list("columns").stream().map(c -> c.get("name")).toList());
        assertNull(plain.list("columns").get(0).get("nullable"));
        Outcome meta = admin.call("db_list_table_columns", "table", "series", "include_metadata", true).ok();
        Map<String, Object> author = meta.list("columns").get(1);
        assertEquals("authors(id)", author.get("references"));
        assertEquals(true, author.get("required_on_insert"));
        assertEquals(true, meta.list("columns").get(0).get("primary_key"));
        admin.call("db_list_table_columns", "table", "series; --").error("table");
        admin.call("db_list_table_columns", "table", "ghosts").error("no table");
    }

    // ---------------------------------------------------------------- audit

    @Test
    void queryAuditLogsFiltersByTableOperationOutcomeAndPeriod() {
        String name = TestDb.unique("Audited");
        long id = admin.call("db_insert_record", "table", "authors", "data", Map.of("name", name)).ok().id();
        admin.call("db_insert_record", "table", "authors", "data", Map.of("name", name, "shoe_size", 42)).error("shoe_size");
        Outcome created = admin.call("db_query_audit_logs", "table", "authors", "operation", "CREATE", "success", true,
                "start_date", java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString(), "limit", 50).ok();
        assertTrue(created.list("logs").stream().anyMatch(l -> String.valueOf(id).equals(l.get("record_id"))
                && l.get("user_id").equals(TOKEN_IDENTITY)));
        Outcome failed = admin.call("db_query_audit_logs", "table", "authors", "success", false, "limit", 5).ok();
        Map<String, Object> latest = failed.list("logs").get(0);
        assertEquals(false, latest.get("success"));
        assertTrue(((String) latest.get("error_message")).contains("shoe_size"));
        assertEquals(1, admin.call("db_query_audit_logs", "limit", 1).ok().number("count"));
        assertEquals(0, admin.call("db_query_audit_logs", "end_date", "2000-01-01").ok().number("total"));
        admin.call("db_query_audit_logs", "start_date", "yesterday").error("start_date", "ISO-8601");
        admin.call("db_query_audit_logs", "limit", 2.5).error("limit", "whole number");
        admin.call("db_query_audit_logs", "operation", "DROP").error("operation");
    }

    @Test
    void auditSummaryCountsOutcomesPerOperationAndTable() {
        admin.call("db_insert_record", "table", "authors", "data", Map.of("name", TestDb.unique("Summed"))).ok();
        long author = TestDb.newAuthor();
        admin.call("db_update_records", "table", "authors", "data", Map.of("birth_year", -5), "where", Map.of("id", author))
                .error("stored-data rule");
        Outcome summary = admin.call("db_get_audit_summary", "table", "authors").ok();
        long total = summary.number("total");
        assertEquals(auditCount("table_name = 'authors'"), total);
        assertEquals(total, summary.number("succeeded") + summary.number("failed"));
        assertTrue(summary.number("failed") >= 1);
        assertTrue(summary.list("by_operation").stream().anyMatch(o -> o.get("operation").equals("CREATE")));
        assertTrue(summary.list("recent_failures").stream().anyMatch(f -> "UPDATE".equals(f.get("operation"))));
        assertNotNull(map(summary.get("duration_ms")).get("max"));
        assertEquals(0, admin.call("db_get_audit_summary", "end_date", "1999-12-31").ok().number("total"));
        admin.call("db_get_audit_summary", "start_date", "2025-02-01", "end_date", "2025-01-01").error("end_date");
        admin.call("db_get_audit_summary", "start_date", "31/01/2025").error("start_date");
    }

    // ---------------------------------------------------------------- export / import

    @Test
    void jsonExportAndImportRoundTripWithConflictModes() {
        long series = TestDb.newSeries();
        long b1 = newBook(series, 1, "Exported one");
        long b2 = newBook(series, 2, "Exported two");
        Outcome export = admin.call("db_export_json", "table", "books", "where", Map.of("series_id", series)).ok();
        assertEquals(2, export.number("record_count"));
        String file = (String) export.get("exportFile");
        assertTrue(Files.exists(exportsDir().resolve(file)));
        String before = (String) TestDb.value("SELECT string_agg(b::text, '|' ORDER BY id) FROM books b WHERE series_id = ?",
                series);
        TestDb.value("DELETE FROM books WHERE series_id = ? RETURNING 1", series);

        Outcome imported = admin.call("db_import_json", "table", "books", "jsonFile", file).ok();
        assertEquals(2, imported.number("imported"));
        assertEquals(0, imported.number("rejected"));
        assertEquals(before, TestDb.value("SELECT string_agg(b::text, '|' ORDER BY id) FROM books b WHERE series_id = ?",
                series), "the rows came back exactly, ids and timestamps included");

        Outcome again = admin.call("db_import_json", "table", "books", "jsonFile", file).ok();
        assertEquals(0, again.number("imported"));
        assertEquals(2, again.number("rejected"));
        assertTrue(again.list("rejected_rows").get(0).get("reason").toString().contains("Already exists"));
        assertEquals(2, admin.call("db_import_json", "table", "books", "jsonFile", file, "onConflict", "skip").ok()
                .number("skipped"));
        TestDb.value("UPDATE books SET title = 'Changed' WHERE id = ? RETURNING 1", b1);
        Outcome update = admin.call("db_import_json", "table", "books", "jsonFile", file, "onConflict", "update").ok();
        assertEquals(2, update.number("updated"));
        assertEquals("Exported one", TestDb.value("SELECT title FROM books WHERE id = ?", b1));
        assertEquals(1, auditCount("operation = 'BATCH_INSERT' AND table_name = 'books' AND changes->>'kind' = 'import' "
                + "AND changes->>'on_conflict' = 'update' AND (changes->>'updated')::int = 2 AND record_id LIKE ?",
                "%" + b2 + "%"));

        admin.call("db_export_json", "table", "flyway_schema_history").error("cannot be accessed");
        admin.call("db_export_json", "table", "books", "where", Map.of("nope", 1)).error("has no column");
        admin.call("db_import_json", "table", "books", "jsonFile", "../../../etc/passwd").error("jsonFile", "plain file name");
        assertEquals("not_found", admin.call("db_import_json", "table", "books", "jsonFile", "missing.json")
                .error("does not exist").errorType());
    }

    @Test
    void jsonImportReportsEveryRejectedRowWithItsReason() throws IOException {
        long series = TestDb.newSeries();
        Files.createDirectories(exportsDir());
        String file = "rejects-" + System.nanoTime() + ".json";
        Files.writeString(exportsDir().resolve(file), """
                [{"series_id": %d, "book_number": 1, "title": "Good"},
                 {"series_id": %d, "book_number": 2, "title": "Odd", "colour": "red"},
                 {"series_id": %d, "book_number": 3},
                 {"series_id": 987654321, "book_number": 4, "title": "Orphan"},
                 {"series_id": %d, "book_number": "five", "title": "Word"},
                 "not a row",
                 {"series_id": %d, "book_number": 6, "title": "Also good"}]
                """.formatted(series, series, series, series, series), StandardCharsets.UTF_8);
        Outcome report = admin.call("db_import_json", "table", "books", "jsonFile", file).ok();
        assertEquals(7, report.number("total_rows"));
        assertEquals(2, report.number("imported"));
        assertEquals(5, report.number("rejected"));
        Map<Integer, String> reasons = new LinkedHashMap<>();
        report.list("rejected_rows").forEach(r -> reasons.put(((Number) r.get("row")).intValue(), (String) r.get("reason")));
        assertEquals(List.of(2, 3, 4, 5, 6), new ArrayList<>(reasons.keySet()));
        assertTrue(reasons.get(2).contains("unknown column 'colour'"));
        assertTrue(reasons.get(3).contains("missing required column title"));
        assertTrue(reasons.get(4).contains("Referenced record does not exist"));
        assertTrue(reasons.get(5).contains("malformed"));
        assertTrue(reasons.get(6).contains("not an object"));
        assertEquals(2, TestDb.count("SELECT count(*) FROM books WHERE series_id = ?", series));
        Files.writeString(exportsDir().resolve("broken-" + file), "[{", StandardCharsets.UTF_8);
        admin.call("db_import_json", "table", "books", "jsonFile", "broken-" + file).error("not valid JSON");
        admin.call("db_import_json", "table", "audit_logs", "jsonFile", file).error("read-only");
    }

    @Test
    void csvExportAndImportRoundTripNullsQuotesAndArrays() throws IOException {
        long series = TestDb.newSeries();
        long c1 = TestDb.newCharacter(series, "Ann, \"the\" Brave");
        long c2 = TestDb.newCharacter(series, "Bo");
        TestDb.value("UPDATE characters SET aliases = ARRAY['A', 'B c'], full_name = '' WHERE id = ? RETURNING 1", c1);
        Outcome export = admin.call("db_export_csv", "table", "characters", "where", Map.of("series_id", series)).ok();
        assertEquals(2, export.number("record_count"));
        String file = (String) export.get("exportFile");
        List<String> lines = Files.readAllLines(exportsDir().resolve(file), StandardCharsets.UTF_8);
        assertTrue(lines.get(0).startsWith("id,series_id,name,full_name,aliases,"));
        assertTrue(lines.get(1).contains(",\"Ann, \"\"the\"\" Brave\",\"\",\"{A,\"\"B c\"\"}\","), lines.get(1));
        String before = (String) TestDb.value("SELECT string_agg(c::text, '|' ORDER BY id) FROM characters c "
                + "WHERE series_id = ?", series);
        TestDb.value("DELETE FROM characters WHERE series_id = ? RETURNING 1", series);
        Outcome imported = admin.call("db_import_csv", "table", "characters", "csvFile", file).ok();
        assertEquals(2, imported.number("imported"));
        assertEquals(before, TestDb.value("SELECT string_agg(c::text, '|' ORDER BY id) FROM characters c "
                + "WHERE series_id = ?", series), "NULL stays NULL, '' stays '', arrays and quotes survive");
        assertEquals(2, admin.call("db_import_csv", "table", "characters", "csvFile", file, "onConflict", "skip").ok()
                .number("skipped"));
        assertNull(TestDb.value("SELECT full_name FROM characters WHERE id = ?", c2));

        String headerless = "plain-" + System.nanoTime() + ".csv";
        Files.writeString(exportsDir().resolve(headerless), "name,series_id\nCara," + series + "\nDan\n,"
                + series + "\n", StandardCharsets.UTF_8);
        Outcome partial = admin.call("db_import_csv", "table", "characters", "csvFile", headerless).ok();
        assertEquals(1, partial.number("imported"));
        assertEquals(2, partial.number("rejected"));
        assertEquals(List.of(3, 4), partial.list("rejected_rows").stream().map(r -> ((Number) r.get("row")).intValue())
                .toList());
        String badHeader = "header-" + System.nanoTime() + ".csv";
        Files.writeString(exportsDir().resolve(badHeader), "name,\"series_id; DROP TABLE characters\"\nX,1\n",
                StandardCharsets.UTF_8);
        admin.call("db_import_csv", "table", "characters", "csvFile", badHeader).error("csvFile", "not a column");
        admin.call("db_import_csv", "table", "characters", "csvFile", file, "hasHeaders", false).ok()
                .list("rejected_rows");
        admin.call("db_export_csv", "table", "no_table").error("no table");
        admin.call("db_import_csv", "table", "characters").error("csvFile");
    }

    // ---------------------------------------------------------------- backups (round trips: BackupRestoreIT)

    @Test
    void backupTableValidateListAndDelete() {
        Outcome backup = admin.call("db_backup_table", "table", "genres").ok();
        String file = (String) backup.get("backupFile");
        assertTrue(file.startsWith("table-genres-") && file.endsWith(".dump.pgp"), file);
        assertEquals(true, backup.get("encrypted"));
        assertTrue(((String) backup.get("checksum")).matches("[0-9a-f]{64}"));
        assertEquals(TestDb.count("SELECT count(*) FROM genres"), backup.number("total_rows"));
        Outcome valid = admin.call("db_validate_backup", "backupFile", file).ok();
        assertEquals(true, valid.get("valid"), valid.text());
        assertTrue(valid.list("checks").stream().anyMatch(c -> c.get("check").equals("restore_listing")
                && ((String) c.get("detail")).startsWith("pg_restore --list")));
        Outcome listed = admin.call("db_list_backups", "type", "table", "sortBy", "date").ok();
        assertEquals(file, listed.list("backups").get(0).get("backupFile"));
        assertEquals(1, admin.call("db_list_backups", "limit", 1).ok().list("backups").size());
        Outcome deleted = admin.call("db_delete_backup", "backupFile", file).ok();
        assertEquals(file, deleted.get("deleted"));
        assertEquals("not_found", admin.call("db_delete_backup", "backupFile", file).error("does not exist").errorType());
        admin.call("db_validate_backup", "backupFile", file).error("does not exist");
        admin.call("db_validate_backup", "backupFile", "../secrets").error("plain file name");
        admin.call("db_list_backups", "type", "weekly").error("type");
        admin.call("db_backup_table", "table", "genres", "dataOnly", true, "schemaOnly", true).error("exclude each other");
        admin.call("db_backup_table", "table", "genres\"; rm -rf /").error("no table");
        admin.call("db_backup_table", "table", "books_with_genres").error("no table");
    }

    @Test
    void backupFullAndIncrementalRecordWhatTheyHold() {
        Outcome full = admin.call("db_backup_full", "compress", false, "includeSchema", false).ok();
        assertEquals(false, full.get("schema_included"));
        assertEquals(false, full.get("compressed"));
        assertTrue(full.list("tables").size() >= 50);
        String base = (String) full.get("backupFile");
        long series = TestDb.newSeries();
        long book = newBook(series, 1, "Fresh");
        Outcome incremental = admin.call("db_backup_incremental", "baseBackup", base).ok();
        assertEquals("incremental", incremental.get("type"));
        assertEquals(base, incremental.get("base_backup"));
        assertTrue(incremental.list("tables").stream().anyMatch(t -> t.get("name").equals("books")
                && ((Number) t.get("rows")).longValue() >= 1));
        assertEquals(true, incremental.get("deletes_captured"));
        assertTrue(incremental.list("tables").stream().anyMatch(t -> t.get("name").equals("session_chapters")
                && t.get("capture").equals("changed_rows_and_keys")), "a table without timestamps is captured too");
        assertEquals(true, admin.call("db_validate_backup", "backupFile", incremental.get("backupFile")).ok().get("valid"));
        admin.call("db_backup_incremental", "baseBackup", "full-19990101T000000Z-0000.dump").error("does not exist");
        assertEquals(1, TestDb.count("SELECT count(*) FROM books WHERE id = ?", book));
    }

    @Test
    void restoresRefuseWhatTheyCannotDoAndChangeNothing() {
        long series = TestDb.newSeries();
        newBook(series, 1, "Stays");
        String table = (String) admin.call("db_backup_table", "table", "books", "dataOnly", true).ok().get("backupFile");
        Map<String, String> before = AdminDb.fingerprints();
        Outcome conflict = admin.call("db_restore_table", "backupFile", table, "table", "books").error("duplicate key");
        assertEquals("conflict", conflict.errorType());
        admin.call("db_restore_table", "backupFile", table, "table", "authors").error("holds no data for table authors");
        admin.call("db_restore_table", "backupFile", table, "table", "books", "onConflict", "merge").error("onConflict");
        admin.call("db_restore_full", "backupFile", table, "dropExisting", true).error("only full and incremental backups can replace");
        admin.call("db_restore_full", "backupFile", "nothing.dump").error("does not exist");
        Map<String, String> after = AdminDb.fingerprints();
        after.remove("audit_logs");
        before.remove("audit_logs");
        assertEquals(before, after, "a refused restore changes no table");
        assertTrue(auditCount("NOT success AND operation = 'BATCH_INSERT' AND changes->'attempted'->>'kind' = 'restore' "
                + "AND changes->'attempted'->>'backup_file' = ?", table) >= 3, "failed restores are audited");
        Outcome skip = admin.call("db_restore_table", "backupFile", table, "table", "books", "onConflict", "skip").ok();
        Map<String, Object> books = skip.list("tables").get(0);
        assertEquals(0, ((Number) books.get("inserted")).intValue());
        assertEquals(((Number) books.get("rows_in_backup")).longValue(), ((Number) books.get("skipped")).longValue());
    }

    private static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
