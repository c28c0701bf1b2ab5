package io.mcpwriting.mcp.http;

/**
 * Told of each MCP message (POST) from its arrival until its answer is written, so that a drain closes the
 * sessions only after the last answer has left: the SDK writes it after the tool returns, on the same thread.
 */
public interface RequestsInProgress {

    void messageStarted();

    void messageEnded();
}
