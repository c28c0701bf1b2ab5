package it.io.mcpwriting.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/** A tool result as a test reads it: error flag, text, structured content. */
public record Outcome(boolean isError, String text, Map<String, Object> structured) {

    static Outcome of(McpSchema.CallToolResult result) {
        String text = result.content().isEmpty() ? "" : ((McpSchema.TextContent) result.content().get(0)).text();
        @SuppressWarnings("unchecked")
        Map<String, Object> structured = (Map<String, Object>) result.structuredContent();
        return new Outcome(Boolean.TRUE.equals(result.isError()), text, structured == null ? Map.of() : structured);
    }

    /** Asserts success and returns this, for chaining. */
    public Outcome ok() {
        assertFalse(isError, () -> "expected success, got error: " + text);
        return this;
    }

    /** Asserts an error whose text contains every fragment given. */
    public Outcome error(String... fragments) {
        assertTrue(isError, () -> "expected an error, got: " + text);
        for (String fragment : fragments) {
            assertTrue(text.contains(fragment), () -> "error '" + text + "' lacks '" + fragment + "'");
        }
        return this;
    }

    public String errorType() {
        return (String) structured.get("error_type");
    }

    public Object get(String key) {
        return structured.get(key);
    }

    public long id() {
        return ((Number) structured.get("id")).longValue();
    }

    public long number(String key) {
        return ((Number) structured.get(key)).longValue();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String key) {
        return (Map<String, Object>) structured.get(key);
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list(String key) {
        return (List<Map<String, Object>>) structured.get(key);
    }
}
