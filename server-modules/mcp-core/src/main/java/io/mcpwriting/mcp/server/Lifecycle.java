package io.mcpwriting.mcp.server;

import io.mcpwriting.mcp.http.RequestsInProgress;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Whether the MCP endpoints are up, whether the server is draining (readiness DOWN, no new sessions), and
 * how many MCP messages are being handled (a tool call counts until its answer is written), so that a drain
 * can wait for them.
 */
@ApplicationScoped
public class Lifecycle implements RequestsInProgress {

    private volatile boolean started;
    private volatile boolean draining;
    private volatile boolean closingSessions;
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

    /**
     * Whether the drain is closing the sessions: from then on a request naming a session is answered 404 before it
     * reaches the SDK (the client initializes anew, elsewhere), so none can slip into a session being closed and
     * wait for an answer that never comes.
     */
    public boolean closingSessions() {
        return closingSessions;
    }

    void drain() {
        draining = true;
    }

    void closeSessions() {
        closingSessions = true;
    }

    void resume() {
        closingSessions = false;
        draining = false;
    }

    @Override
    public void messageStarted() {
        synchronized (calls) {
            callsInProgress++;
        }
    }

    @Override
    public void messageEnded() {
        synchronized (calls) {
            if (--callsInProgress == 0) {
                calls.notifyAll();
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
