package io.mcpwriting.domain.testing;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a tool call answered: its JSON on success; on failure the error type a client sees ({@code validation},
 * {@code not_found}, {@code conflict}, {@code internal}, ...) and the message. {@code contents} are all the result's
 * content items (files come as resource links after the JSON text).
 */
public record ToolReply(String tool, boolean isError, String text, String errorType, List<McpSchema.Content> contents) {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    static ToolReply of(String tool, McpSchema.CallToolResult result) {
        String text = result.content().isEmpty() ? null
                : result.content().get(0) instanceof McpSchema.TextContent t ? t.text() : null;
        String type = null;
        if (Boolean.TRUE.equals(result.isError()) && result.structuredContent() instanceof Map<?, ?> body) {
            type = String.valueOf(body.get("error_type"));
        }
        return new ToolReply(tool, Boolean.TRUE.equals(result.isError()), text, type, result.content());
    }

    /** The answer as JSON; fails (with the error) when the call failed. */
    public JsonNode json() {
        if (isError) {
            throw new AssertionError(tool + " failed (" + errorType + "): " + text);
        }
        return MAPPER.readTree(text);
    }

    /** The error message; fails when the call succeeded. */
    public String message() {
        if (!isError) {
            throw new AssertionError(tool + " succeeded where it should fail: " + text);
        }
        return text;
    }
}
