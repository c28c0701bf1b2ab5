package io.mcpwriting.domain.admin.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.domain.testing.DomainTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** db_query_audit_logs and db_get_audit_summary over the writes of the record tools. */
class AuditToolsTest extends DomainTest {

    @Test
    void writesAndFailedWritesAreAudited() {
        ok("db_insert_record", "table", "authors", "data", Map.of("name", unique("Audited")));
        call("db_insert_record", "table", "authors", "data", Map.of("bio", "no name"));
        JsonNode created = ok("db_query_audit_logs", "table", "authors", "operation", "CREATE", "success", true);
        assertTrue(created.get("total").asInt() >= 1, created::toString);
        JsonNode failed = ok("db_query_audit_logs", "table", "authors", "success", false);
        assertTrue(failed.get("total").asInt() >= 1, failed::toString);
        JsonNode ofToday = ok("db_query_audit_logs", "start_date", today(), "end_date", today(), "limit", 1);
        assertEquals(1, ofToday.get("count").asInt());
        JsonNode summary = ok("db_get_audit_summary", "table", "authors");
        assertTrue(summary.get("succeeded").asInt() >= 1 && summary.get("failed").asInt() >= 1, summary::toString);
    }

    @Test
    void errorsNameTheArgument() {
        invalid("start_date", "db_query_audit_logs", "start_date", "yesterday");
        invalid("operation", "db_query_audit_logs", "operation", "DROP");
        invalid("limit", "db_query_audit_logs", "limit", 1.5);
        invalid("end_date", "db_get_audit_summary", "end_date", "31/01/2025");
        fails("validation", List.of("limit"), "db_query_audit_logs", "limit", 0);
    }
}
