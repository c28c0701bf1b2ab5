package io.mcpwriting.domain.admin.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mcpwriting.domain.testing.DomainTest;
import io.mcpwriting.mcp.tool.ToolCaller;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The audit actor (user_id) of a write is the caller's authenticated identity: an anonymous local client, or the
 * token's configured principal. The client's self-declared name stays in client_info and never becomes the actor.
 */
class AuditActorTest extends DomainTest {

    /** The audit entry of one insert made by {@code caller}, found by the actor it was recorded under. */
    private static JsonNode auditedInsertBy(ToolCaller caller) {
        String name = unique("Actor");
        ToolCaller.during(caller, () -> ok("db_insert_record", "table", "authors", "data", Map.of("name", name)));
        JsonNode logs = ok("db_query_audit_logs", "table", "authors", "user_id", caller.identity()).get("logs");
        for (JsonNode log : logs) {
            if (log.get("changes").toString().contains(name)) {
                return log;
            }
        }
        throw new AssertionError("no audit entry of the insert under " + caller.identity() + ": " + logs);
    }

    @Test
    void aCallerWithoutTokenIsRecordedAsAnAnonymousLocalClient() {
        JsonNode log = auditedInsertBy(new ToolCaller("anonymous-local", "0123456789abcdef", "root", "1.0"));
        assertEquals("anonymous-local", log.get("user_id").asText());
        JsonNode client = log.get("client_info");
        assertEquals("root", client.get("client_name").asText(), "the declared name is client information only");
        assertEquals("0123456789abcdef", client.get("session_ref").asText());
    }

    @Test
    void aTokenWithAConfiguredPrincipalIsRecordedUnderThatPrincipal() {
        JsonNode log = auditedInsertBy(new ToolCaller("editor@example.org", "fedcba9876543210", "claude-code", "2.1"));
        assertEquals("editor@example.org", log.get("user_id").asText());
        assertEquals("claude-code", log.get("client_info").get("client_name").asText());
    }
}
