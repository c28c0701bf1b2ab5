package io.mcpwriting.mcp.server;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Whether the MCP endpoints are up, whether the server is draining (readiness DOWN, no new sessions), and
 * how many tool calls are in progress, so that a drain can wait for them.
 */
@ApplicationScoped
public class Lifecycle {

    private volatile boolean started;
    private volatile boolean draining;
    private final Object calls = new Object();
    private int callsInProgress;

    public boolean started() {
        return started;
    }

    public boolean draining() {
        return draining;
    }

    void markStarted() {
        started = true;
    }

    void drain() {
        draining = true;
    }

    void resume() {
        draining = false;
    }

    /** Runs a tool call, counted as in progress until it returns. */
    <T> T call(Supplier<T> call) {
        synchronized (calls) {
            callsInProgress++;
        }
        try {
            return call.get();
        } finally {
            synchronized (calls) {
                if (--callsInProgress == 0) {
                    calls.notifyAll();
                }
            }
        }
    }

    int callsInProgress() {
        synchronized (calls) {
            return callsInProgress;
        }
    }

    /** Waits until no tool call is in progress, or the timeout passes; returns the calls still running. */
    int awaitNoCalls(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (calls) {
            while (callsInProgress > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                calls.wait(Math.max(1, left / 1_000_000));
            }
            return callsInProgress;
        }
    }
}
