package io.mcpwriting.mcp.observe;

import io.mcpwriting.mcp.tool.ErrorKind;

/** Told about every finished tool call and every database connection failure. */
public interface CallObserver {

    void toolCalled(String tool, long durationNanos, ErrorKind failure, String message);
}
