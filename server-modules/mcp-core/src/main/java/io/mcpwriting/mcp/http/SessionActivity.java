package io.mcpwriting.mcp.http;

/** Told when a request of a session starts and ends, so that idle sessions can be told from busy ones. */
public interface SessionActivity {

    void requestStarted(String sessionId);

    void requestEnded(String sessionId);
}
