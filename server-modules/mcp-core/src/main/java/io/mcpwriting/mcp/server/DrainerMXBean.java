package io.mcpwriting.mcp.server;

/**
 * Drain and resume one MCP server from a JMX console ({@code io.mcpwriting:type=McpServerControl,name=<server>}),
 * e.g. before maintenance behind a load balancer.
 */
public interface DrainerMXBean {

    boolean isDraining();

    int getCallsInProgress();

    /**
     * Readiness goes DOWN and new sessions are refused; calls in progress finish (bounded wait), then every
     * open session is closed. Returns what happened.
     */
    String drain();

    /** Readiness follows the database again and new sessions are accepted. */
    void resume();
}
