package io.mcpwriting.domain.admin.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.domain.testing.DomainTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * db_query_records, db_insert_record, db_update_records, db_delete_records, db_batch_insert, db_batch_update,
 * db_batch_delete over the migrated schema, called by name as database-admin serves them.
 */
class RecordToolsTest extends DomainTest {

    @Test
    void rowsAreInsertedQueriedChangedAndDeleted() {
        String name = unique("Record");
        JsonNode inserted = ok("db_insert_record", "table", "authors", "data", Map.of("name", name, "birth_year", 1950));
        assertTrue(inserted.toString().contains(name), inserted::toString);
        JsonNode found = ok("db_query_records", "table", "authors", "where", Map.of("name", name),
                "columns", List.of("id", "name", "birth_year"));
        assertEquals(1, found.get("total").asInt());
        long id = found.at("/records/0/id").asLong();
        assertEquals(1950, found.at("/records/0/birth_year").asInt());
        ok("db_update_records", "table", "authors", "data", Map.of("birth_year", 1951), "where", Map.of("id", id));
        assertEquals(1951, ok("get_author", "author_id", id).get("birth_year").asInt());
        JsonNode sorted = ok("db_query_records", "table", "authors", "where",
                Map.of("birth_year", Map.of("$gte", 1900)), "order_by",
                List.of(Map.of("column", "birth_year", "direction", "DESC")), "limit", 1);
        assertEquals(1, sorted.get("count").asInt());
        ok("db_delete_records", "table", "authors", "where", Map.of("id", id), "soft_delete", false);
        notFound(id, "get_author", "author_id", id);
    }

    @Test
    void batchesApplyAllOrNothing() {
        String a = unique("Batch");
        String b = unique("Batch");
        ok("db_batch_insert", "table", "authors", "records", List.of(Map.of("name", a), Map.of("name", b)));
        JsonNode both = ok("db_query_records", "table", "authors", "where", Map.of("name", List.of(a, b)));
        assertEquals(2, both.get("total").asInt());
        long first = both.at("/records/0/id").asLong();
        long second = both.at("/records/1/id").asLong();
        JsonNode updated = ok("db_batch_update", "table", "authors", "updates",
                List.of(Map.of("where", Map.of("id", first), "data", Map.of("bio", "one")),
                        Map.of("where", Map.of("id", second), "data", Map.of("bio", "two"))), "return_records", true);
        assertEquals(2, updated.get("updated").asInt());
        fails("validation", List.of(), "db_batch_insert", "table", "authors", "records",
                List.of(Map.of("name", unique("Ok")), Map.of("nickname", "no such column")));
        assertEquals(2, ok("db_query_records", "table", "authors", "where", Map.of("bio", List.of("one", "two")))
                .get("total").asInt(), "nothing of the failed batch was written");
        JsonNode deleted = ok("db_batch_delete", "table", "authors", "conditions",
                List.of(Map.of("id", first), Map.of("id", second)), "soft_delete", false);
        assertEquals(2, deleted.get("deleted").asInt());
    }

    @Test
    void errorsNameTheArgument() {
        invalid("table", "db_query_records", "table", "no_such_table");
        invalid("table", "db_query_records", "table", "flyway_schema_history");
        invalid("where", "db_query_records", "table", "authors", "where", Map.of("no_such_column", 1));
        invalid("limit", "db_query_records", "table", "authors", "limit", 0);
        invalid("table", "db_insert_record", "table", "audit_logs", "data", Map.of("operation", "CREATE"));
        invalid("data", "db_insert_record", "table", "authors", "data", Map.of());
        fails("validation", List.of("name"), "db_insert_record", "table", "authors", "data", Map.of("bio", "no name"));
        invalid("where", "db_update_records", "table", "authors", "data", Map.of("bio", "b"), "where", Map.of());
        invalid("where", "db_delete_records", "table", "authors", "where", Map.of());
        long author = author();
        ok("create_series", "title", unique("S"), "author_id", author);
        fails("conflict", List.of("series"), "db_delete_records", "table", "authors", "where", Map.of("id", author),
                "soft_delete", false);
        invalid("records", "db_batch_insert", "table", "authors", "records", List.of());
        invalid("updates", "db_batch_update", "table", "authors", "updates", List.of());
        invalid("conditions", "db_batch_delete", "table", "authors", "conditions", List.of());
    }
}
