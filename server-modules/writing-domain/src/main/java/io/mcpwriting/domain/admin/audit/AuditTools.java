package io.mcpwriting.domain.admin.audit;

import io.mcpwriting.domain.admin.records.SqlPart;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Reading the audit trail the admin tools write: filtered entries, and a summary of a period. */
@ApplicationScoped
public class AuditTools {

    private static final String OPERATION_HELP = "Only this operation: CREATE (db_insert_record), UPDATE, DELETE, "
            + "BATCH_INSERT (batches and imports), BATCH_UPDATE (batches and import updates), BATCH_DELETE";

    @Inject
    Db db;

    @Tool(name = "db_query_audit_logs", description = "Audit entries of writes made through this server, newest "
            + "first: when, operation, table, record ids, who (user_id and client_info with the MCP session), "
            + "changes (new values, previous values, deleted rows), success, error message, duration in ms. "
            + "Dates are ISO-8601 (2025-01-31 or 2025-01-31T12:00:00Z; a date alone as end_date includes that "
            + "day).", readOnly = true)
    public JsonText queryAuditLogs(
            @Arg(value = "start_date", description = "From this date/time (inclusive)") String startDate,
            @Arg(value = "end_date", description = "Until this date/time (exclusive; a date alone: through that day)")
            String endDate,
            @Arg(value = "table", description = "Only writes to this table") String table,
            @Arg(value = "operation", allowed = {"CREATE", "READ", "UPDATE", "DELETE", "BATCH_INSERT", "BATCH_UPDATE",
                    "BATCH_DELETE"}, description = OPERATION_HELP) String operation,
            @Arg(value = "user_id", description = "Only entries of this user id") String userId,
            @Arg(value = "success", description = "true: successful writes only; false: failed ones only") Boolean success,
            @Arg(value = "limit", defaultValue = "100", min = 1, max = 1000, description = "Entries per page, 1-1000")
            Double limit,
            @Arg(value = "offset", defaultValue = "0", min = 0, description = "Entries to skip") Double offset) {
        int pageSize = whole("limit", limit);
        int skip = whole("offset", offset);
        SqlPart filter = AuditFilter.where(startDate, endDate, table, operation, userId, success);
        SqlPart query = new SqlPart()
                .append("WITH page AS (SELECT to_jsonb(a) AS j, a.\"timestamp\" AS ts, a.id FROM audit_logs a WHERE ")
                .append(filter)
                .append(" ORDER BY a.\"timestamp\" DESC, a.id DESC").bind(" LIMIT ?", pageSize).bind(" OFFSET ?", skip)
                .append("), total AS (SELECT count(*) AS n FROM audit_logs a WHERE ").append(filter)
                .append(") SELECT jsonb_build_object('logs', coalesce((SELECT jsonb_agg(j ORDER BY ts DESC, id DESC) "
                        + "FROM page), '[]'::jsonb), 'count', (SELECT count(*) FROM page), 'total', total.n, ")
                .bind("'limit', ?::int, ", pageSize).bind("'offset', ?::int) FROM total", skip);
        return new JsonText(db.read(sql -> sql.text(query.sql(), query.paramArray())));
    }

    @Tool(name = "db_get_audit_summary", description = "Summary of audited writes in a period (default: all): "
            + "totals, successes and failures, success rate, counts per operation, per table and per user, "
            + "duration statistics in ms (average, p95, max), first and last entry, and the ten latest failures.",
            readOnly = true)
    public JsonText getAuditSummary(
            @Arg(value = "start_date", description = "From this date/time (inclusive), ISO-8601") String startDate,
            @Arg(value = "end_date", description = "Until this date/time (exclusive; a date alone: through that day)")
            String endDate,
            @Arg(value = "table", description = "Only writes to this table") String table) {
        SqlPart filter = AuditFilter.where(startDate, endDate, table, null, null, null);
        SqlPart query = new SqlPart()
                .append("WITH f AS (SELECT * FROM audit_logs a WHERE ").append(filter).append(") ")
                .append("""
                        SELECT jsonb_build_object(
                          'period', jsonb_build_object('start_date', ?::text, 'end_date', ?::text),
                          'table', ?::text,
                          'total', (SELECT count(*) FROM f),
                          'succeeded', (SELECT count(*) FROM f WHERE success),
                          'failed', (SELECT count(*) FROM f WHERE NOT success),
                          'success_rate_percent', (SELECT round(100.0 * count(*) FILTER (WHERE success)
                                                               / nullif(count(*), 0), 1) FROM f),
                          'first_entry', (SELECT min("timestamp") FROM f),
                          'last_entry', (SELECT max("timestamp") FROM f),
                          'duration_ms', (SELECT jsonb_build_object(
                                             'average', round(avg(execution_time_ms), 1),
                                             'p95', percentile_cont(0.95) WITHIN GROUP (ORDER BY execution_time_ms),
                                             'max', max(execution_time_ms)) FROM f),
                          'by_operation', coalesce((SELECT jsonb_agg(jsonb_build_object('operation', operation,
                                             'count', n, 'failed', failed) ORDER BY n DESC, operation)
                                           FROM (SELECT operation, count(*) AS n, count(*) FILTER (WHERE NOT success) AS failed
                                                 FROM f GROUP BY operation) o), '[]'::jsonb),
                          'by_table', coalesce((SELECT jsonb_agg(jsonb_build_object('table', table_name,
                                             'count', n, 'failed', failed) ORDER BY n DESC, table_name)
                                           FROM (SELECT table_name, count(*) AS n, count(*) FILTER (WHERE NOT success) AS failed
                                                 FROM f GROUP BY table_name) o), '[]'::jsonb),
                          'by_user', coalesce((SELECT jsonb_agg(jsonb_build_object('user_id', user_id, 'count', n)
                                             ORDER BY n DESC, user_id)
                                           FROM (SELECT user_id, count(*) AS n FROM f GROUP BY user_id) o), '[]'::jsonb),
                          'recent_failures', coalesce((SELECT jsonb_agg(jsonb_build_object('id', id, 'timestamp',
                                             "timestamp", 'operation', operation, 'table', table_name,
                                             'error_message', error_message) ORDER BY "timestamp" DESC, id DESC)
                                           FROM (SELECT * FROM f WHERE NOT success
                                                 ORDER BY "timestamp" DESC, id DESC LIMIT 10) o), '[]'::jsonb))""");
        Object[] params = new Object[query.params().size() + 3];
        int i = 0;
        for (Object p : query.params()) {
            params[i++] = p;
        }
        params[i++] = startDate;
        params[i++] = endDate;
        params[i] = table;
        return new JsonText(db.read(sql -> sql.text(query.sql(), params)));
    }

    private static int whole(String argument, Double value) {
        if (value == null || value != Math.rint(value)) {
            throw ToolException.invalid(argument, "must be a whole number");
        }
        return value.intValue();
    }
}
