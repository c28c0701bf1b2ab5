package io.mcpwriting.domain.admin.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.domain.testing.DomainTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** db_get_schema, db_list_tables, db_get_relationships, db_list_table_columns over the migrated schema. */
class SchemaToolsTest extends DomainTest {

    @Test
    void tablesColumnsKeysAndRelationshipsAreDescribed() {
        author();
        JsonNode schema = ok("db_get_schema", "table", "books", "refresh_cache", true);
        assertEquals("read_write", schema.get("access").asText());
        assertTrue(schema.get("foreign_keys").toString().contains("series"), schema::toString);
        JsonNode tables = ok("db_list_tables", "pattern", "auth%");
        assertEquals(1, tables.get("count").asInt());
        assertEquals(1, tables.at("/tables/0/row_count").asInt());
        JsonNode all = ok("db_list_tables", "include_system_tables", true);
        assertTrue(all.toString().contains("flyway_schema_history"));
        assertTrue(!ok("db_list_tables").toString().contains("flyway_schema_history"));
        JsonNode relationships = ok("db_get_relationships", "table", "series", "depth", 2);
        assertTrue(relationships.toString().contains("authors") && relationships.toString().contains("chapters"),
                relationships::toString);
        JsonNode columns = ok("db_list_table_columns", "table", "authors", "include_metadata", true);
        assertTrue(columns.toString().contains("birth_year"), columns::toString);
    }

    @Test
    void errorsNameTheArgument() {
        invalid("table", "db_get_schema", "table", "nope");
        invalid("include_system_tables", "db_list_tables", "include_system_tables", "all");
        invalid("table", "db_get_schema", "table", "Books; DROP TABLE books");
        invalid("depth", "db_get_relationships", "table", "books", "depth", 4);
        invalid("table", "db_get_relationships", "table", "nope");
        invalid("table", "db_list_table_columns", "table", "nope");
    }
}
