package io.mcpwriting.domain.admin.transfer;

import io.mcpwriting.mcp.tool.Cancellation;
import io.mcpwriting.mcp.tool.ClientChannel;

/**
 * Rows done so far, told to the client of the call at most {@link #PER_SECOND} times a second: a transfer
 * handles rows by the hundred thousand, and each notification is a message on the client's stream. A call of
 * several steps (an import reads, then writes) counts on from step to step, as MCP wants progress to only grow.
 */
final class Progress {

    static final int PER_SECOND = 4;
    private static final long INTERVAL_NANOS = 1_000_000_000L / PER_SECOND;

    private final ClientChannel client;
    private long lastSent = System.nanoTime();
    private long stepStart;
    private long reached;

    Progress(ClientChannel client) {
        this.client = client;
    }

    /**
     * Tells {@code done} rows of this step (of {@code total}, when known) unless the last notice was too recent;
     * stops the transfer (a CANCELLED error, its transaction rolled back) when the client cancelled the call.
     */
    void rows(long done, Long total, String what) {
        Cancellation.current().check();
        long now = System.nanoTime();
        if (now - lastSent >= INTERVAL_NANOS) {
            lastSent = now;
            send(done, total, what);
        }
    }

    /** Tells the end of a step whatever the time; the next step counts on from here. */
    void stepDone(long done, Long total, String what) {
        lastSent = System.nanoTime();
        send(done, total, what);
        stepStart = reached;
    }

    private void send(long done, Long total, String what) {
        reached = stepStart + done;
        client.progress(reached, total == null ? null : (double) (stepStart + total),
                done + (total == null ? "" : " of " + total) + " rows " + what);
    }
}
