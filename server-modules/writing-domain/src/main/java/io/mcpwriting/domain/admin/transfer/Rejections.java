package io.mcpwriting.domain.admin.transfer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The rows an import left out, and why: all are counted, the first {@link #KEPT} by row number are kept for the
 * result (an import of a million bad rows must not answer with a million reasons).
 */
final class Rejections {

    static final int KEPT = 100;

    /** A row that was not imported, and why. */
    record Rejected(long row, String reason) {
    }

    /** The kept rows with the last (highest row number) on top, so it goes first when a lower one arrives. */
    private final PriorityQueue<Rejected> kept = new PriorityQueue<>(
            Comparator.comparingLong(Rejected::row).reversed());
    private long count;

    void add(long row, String reason) {
        count++;
        if (kept.size() < KEPT || row < kept.peek().row()) {
            kept.add(new Rejected(row, reason));
            if (kept.size() > KEPT) {
                kept.poll();
            }
        }
    }

    /**
     * Counts rows that follow (by row number) the first {@link #KEPT} of the same kind just added: they could not be
     * among the rows kept.
     */
    void countUnlisted(long rows) {
        count += rows;
    }

    long count() {
        return count;
    }

    /** The first rejected rows by row number. */
    List<Rejected> first() {
        List<Rejected> rows = new ArrayList<>(kept);
        rows.sort(Comparator.comparingLong(Rejected::row));
        return rows;
    }

    boolean truncated() {
        return count > kept.size();
    }
}
