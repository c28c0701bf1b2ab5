package io.mcpwriting.mcp.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A call log line is one line of JSON with the fields the operators' jq filters select on. */
class CallLogTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aSuccessIsAnInfoLineWithoutError() {
        String line = CallLog.line("author", "create_author", 12.34567, null, null);
        assertTrue(line.startsWith("{\"timestamp\":\""), line);
        assertTrue(line.contains(",\"level\":\"INFO\",\"service\":\"author\",\"event\":\"tool_call\","
                + "\"tool\":\"create_author\",\"durationMs\":12.346,\"outcome\":\"ok\"}"), line);
        assertFalse(JSON.readTree(line).has("error"));
    }

    @Test
    void aFailureCarriesItsTypeAndAnyMessageIntact() {
        String message = "say \"no\" \\ twice\nthen\tstop \u0001 \u2028 é";
        String line = CallLog.line("author", "get_author", 3, "not_found", message);
        assertFalse(line.contains("\n"), "one line");
        JsonNode parsed = JSON.readTree(line);
        assertEquals(List.of("timestamp", "level", "service", "event", "tool", "durationMs", "outcome", "error"),
                List.copyOf(parsed.propertyNames()));
        assertEquals("WARN", parsed.get("level").asString());
        assertEquals("not_found", parsed.get("error").get("name").asString());
        assertEquals(message, parsed.get("error").get("message").asString());
        assertEquals("ERROR", JSON.readTree(CallLog.line("author", "get_author", 3, "internal", null)).get("level").asString());
        assertEquals("", JSON.readTree(CallLog.line("author", "get_author", 3, "internal", null)).get("error").get("message")
                .asString());
    }
}
