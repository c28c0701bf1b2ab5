package io.mcpwriting.mcp.tool;

/** A JSON object already serialized (typically built by PostgreSQL), returned from a tool as is. */
public record JsonText(String json) {
}
