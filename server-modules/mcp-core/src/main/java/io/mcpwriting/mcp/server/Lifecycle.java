package io.mcpwriting.mcp.server;

import jakarta.enterprise.context.ApplicationScoped;

/** Whether the MCP endpoints are up, and whether the server is draining before a stop. */
@ApplicationScoped
public class Lifecycle {

    private volatile boolean started;
    private volatile boolean draining;

    public boolean started() {
        return started;
    }

    public boolean draining() {
        return draining;
    }

    void markStarted() {
        started = true;
    }

    public void drain() {
        draining = true;
    }

    public void resume() {
        draining = false;
    }
}
