package io.mcpwriting.domain.admin.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.domain.testing.DomainTest;
import io.mcpwriting.mcp.tool.ErrorKind;
import io.mcpwriting.mcp.tool.ToolException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * db_export_json, db_export_csv, db_import_json, db_import_csv called by name on the migrated schema (the COPY
 * round trips of awkward values are TransferToolsTest's): what they export, and the arguments they refuse.
 */
class TransferToolsByNameTest extends DomainTest {

    @Test
    void aFilteredExportImportsBackWithConflictsSkipped() {
        long a = id(ok("create_author", "name", "Exported A"));
        id(ok("create_author", "name", "Exported B"));
        JsonNode json = ok("db_export_json", "table", "authors", "where", Map.of("id", a));
        assertEquals(1, json.get("record_count").asInt());
        JsonNode csv = ok("db_export_csv", "table", "authors", "limit", 1);
        assertTrue(TOOLS.read("writing://admin/exports/" + csv.get("exportFile").asText()).text()
                .startsWith("id,"), "the file is a resource");
        assertEquals(1, csv.get("record_count").asInt());
        JsonNode skipped = ok("db_import_json", "table", "authors", "jsonFile", json.get("exportFile").asText(),
                "onConflict", "skip");
        assertEquals(0, skipped.get("imported").asInt(), skipped::toString);
        ok("update_author", "author_id", a, "name", "Renamed");
        ok("db_import_csv", "table", "authors", "csvFile", csv.get("exportFile").asText(), "onConflict", "update");
        assertEquals("Exported A", ok("get_author", "author_id", a).get("name").asText());
    }

    @Test
    void errorsNameTheArgumentOrTheMissingFile() {
        invalid("table", "db_export_json", "table", "no_such_table");
        invalid("table", "db_export_csv", "table", "flyway_schema_history");
        invalid("where", "db_export_json", "table", "authors", "where", Map.of("nope", 1));
        invalid("limit", "db_export_csv", "table", "authors", "limit", 0);
        fails("not_found", List.of("missing.json"), "db_import_json", "table", "authors", "jsonFile", "missing.json");
        invalid("csvFile", "db_import_csv", "table", "authors", "csvFile", "../outside.csv");
        invalid("onConflict", "db_import_json", "table", "authors", "jsonFile", "x.json", "onConflict", "replace");
        invalid("table", "db_import_csv", "table", "audit_logs", "csvFile", "x.csv");
        ToolException missing = assertThrows(ToolException.class, () -> TOOLS.read("writing://admin/exports/none.csv"));
        assertEquals(ErrorKind.NOT_FOUND, missing.kind());
    }
}
