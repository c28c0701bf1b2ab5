package io.mcpwriting.domain.admin.audit;

import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.tool.Cancellation;
import io.mcpwriting.mcp.tool.ToolCaller;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit trail of every write the admin tools make, in {@code audit_logs}: who (the authenticated identity:
 * the bearer token's principal, else an anonymous local client; in {@code client_info} a reference to the MCP
 * session that cannot be used as one, and the client's self-declared name), what (operation,
 * table, record ids, changes), when, outcome and duration. A successful write and its audit row commit in the
 * same transaction; a failed write is audited afterwards in a transaction of its own, so its record survives
 * the rollback.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());
    private static final int RECORD_ID_LENGTH = 255;

    @Inject
    Db db;

    /** What a write did: its JSON result, the ids of the rows it touched, and the changes to record. */
    public record Outcome(String json, List<String> recordIds, Object changes, String statement) {
    }

    /** The database part of a write, prepared after its arguments were checked. */
    @FunctionalInterface
    public interface Write {
        Outcome apply(Sql sql) throws SQLException;
    }

    /**
     * Checks and runs one audited write. {@code prepare} validates the arguments and returns the database work;
     * a validation failure is audited as a failed write too (attempted names are stored as bound values).
     *
     * @param operation one of CREATE, UPDATE, DELETE, BATCH_INSERT, BATCH_UPDATE, BATCH_DELETE
     * @param attempted what the caller asked for, recorded when the write fails
     */
    public String run(String tool, String operation, String table, Object attempted, Supplier<Write> prepare) {
        long start = System.nanoTime();
        try {
            Write write = prepare.get();
            return db.write(sql -> {
                Outcome outcome = write.apply(sql);
                insert(sql, tool, operation, table, outcome.recordIds(), outcome.changes(), true, null,
                        elapsedMs(start), outcome.statement());
                return outcome.json();
            });
        } catch (RuntimeException e) {
            recordFailure(tool, operation, table, attempted, e, elapsedMs(start));
            throw e;
        }
    }

    /** Audits a write that ran elsewhere (an import) inside the caller's transaction. */
    public void recordSuccess(Sql sql, String tool, String operation, String table, List<String> recordIds,
            Object changes, long startNanos) throws SQLException {
        insert(sql, tool, operation, table, recordIds, changes, true, null, elapsedMs(startNanos), null);
    }

    /** Audits a failed write in its own transaction; a failure to audit is logged, never hides the cause. */
    public void recordFailure(String tool, String operation, String table, Object attempted, RuntimeException cause,
            long durationMs) {
        String message = cause instanceof ToolException te ? te.getMessage()
                : "internal error (" + cause.getClass().getSimpleName() + ")";
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("attempted", attempted);
        // a call the client cancelled is audited too: its failure row is not part of the work it cancelled
        try (Cancellation.Registration own = Cancellation.bind(new Cancellation())) {
            db.write(sql -> {
                insert(sql, tool, operation, table, List.of(), changes, false, message, durationMs, null);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "could not audit a failed " + operation + " on " + table, e);
        }
    }

    private void insert(Sql sql, String tool, String operation, String table, List<String> recordIds, Object changes,
            boolean success, String error, long durationMs, String statement) throws SQLException {
        Map<String, Object> client = clientInfo(tool);
        String user = userId();
        sql.update("""
                INSERT INTO audit_logs (operation, table_name, record_id, user_id, client_info, changes, success,
                                        error_message, execution_time_ms, query_hash)
                VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?)""",
                operation, truncate(table == null ? "(none)" : table, RECORD_ID_LENGTH), recordIdText(recordIds),
                truncate(user, RECORD_ID_LENGTH), Json.write(client), changes == null ? null : Json.write(changes),
                success, error, (int) Math.min(Integer.MAX_VALUE, durationMs),
                statement == null ? null : sha256(statement));
    }

    /** Who is writing: the caller's authenticated identity; outside a tool call, this server itself. */
    public String userId() {
        return ToolCaller.current().map(ToolCaller::identity).orElse("server");
    }

    /** The tool, this server, a reference to the MCP session, and the client (name, version) of the current call. */
    public Map<String, Object> clientInfo(String tool) {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("tool", tool);
        client.put("server", "database-admin");
        ToolCaller.current().ifPresent(c -> {
            client.put("session_ref", c.sessionRef());
            client.put("client_name", c.clientName());
            client.put("client_version", c.clientVersion());
        });
        return client;
    }

    /** The ids joined by commas; when they do not fit in 255 characters, the first ones and how many more. */
    static String recordIdText(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return null;
        }
        String all = String.join(",", ids);
        if (all.length() <= RECORD_ID_LENGTH) {
            return all;
        }
        StringBuilder shown = new StringBuilder();
        int used = 0;
        for (String id : ids) {
            String suffix = " (+" + (ids.size() - used - 1) + " more)";
            if (shown.length() + id.length() + 1 + suffix.length() > RECORD_ID_LENGTH) {
                break;
            }
            shown.append(used == 0 ? "" : ",").append(id);
            used++;
        }
        return shown + " (+" + (ids.size() - used) + " more)";
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
