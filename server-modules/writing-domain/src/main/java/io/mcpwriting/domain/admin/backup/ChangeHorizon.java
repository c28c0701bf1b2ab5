package io.mcpwriting.domain.admin.backup;

import io.mcpwriting.domain.admin.schema.Identifiers;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a backup's snapshot stands in its cluster's history of transactions: every change the snapshot does not
 * hold was made by a transaction whose id is at least {@code xmin} (the oldest transaction still running when the
 * snapshot was taken), on cluster {@code systemIdentifier}, timeline {@code timeline}. An incremental backup finds
 * the rows written since by the transaction id of their row version ({@code xmin}), whoever wrote them: tools,
 * imports, restores (which keep old timestamps) or plain SQL, in tables with or without timestamps.
 */
record ChangeHorizon(String systemIdentifier, long timeline, long xmin) {

    /** jsonb_build_object arguments for the horizon of the statement's snapshot. */
    static final String SQL_FIELDS = "'system_identifier', (SELECT system_identifier::text FROM pg_control_system()), "
            + "'timeline', (SELECT timeline_id FROM pg_control_checkpoint()), "
            + "'xmin', pg_snapshot_xmin(pg_current_snapshot())::text";

    /**
     * Row versions are compared with age(), modulo 2^32; a base further back than this many transactions is not
     * compared (its tables are captured whole).
     */
    static final long MAX_DISTANCE = 1L << 30;

    /** The horizon recorded in a manifest or printed by {@link #SQL_FIELDS}, or null when there is none. */
    static ChangeHorizon of(Object fields) {
        if (!(fields instanceof Map<?, ?> m) || m.get("system_identifier") == null || m.get("xmin") == null) {
            return null;
        }
        return new ChangeHorizon(m.get("system_identifier").toString(), Long.parseLong(m.get("timeline").toString()),
                Long.parseLong(m.get("xmin").toString()));
    }

    Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("system_identifier", systemIdentifier);
        m.put("timeline", timeline);
        m.put("xmin", xmin);
        return m;
    }

    /**
     * Why the rows changed since this horizon cannot be told by transaction id in the live cluster, whose
     * horizon is {@code live} and next transaction id {@code nextXid}; null when they can.
     */
    String notComparableWith(ChangeHorizon live, long nextXid) {
        if (!systemIdentifier.equals(live.systemIdentifier) || timeline != live.timeline) {
            return "the base backup was made on another PostgreSQL cluster or timeline (cluster "
                    + systemIdentifier + " timeline " + timeline + ", now " + live.systemIdentifier + " timeline "
                    + live.timeline + "), so transaction ids cannot be compared";
        }
        long distance = nextXid - xmin;
        if (distance < 0 || distance > MAX_DISTANCE) {
            return "the base backup is " + distance + " transactions away, beyond the " + MAX_DISTANCE
                    + " within which transaction ids are compared";
        }
        return null;
    }

    /** SQL: the row of table alias {@code t} was written by a transaction at or after this horizon. */
    String writtenSince(String alias) {
        return "age(" + alias + ".xmin) <= age(xid(" + Identifiers.literal(Long.toString(xmin)) + "::xid8))";
    }
}
