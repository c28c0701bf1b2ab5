package io.mcpwriting.domain.admin.transfer;

import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.domain.admin.records.RecordSql;
import io.mcpwriting.domain.admin.schema.Column;
import io.mcpwriting.domain.admin.schema.Identifiers;
import io.mcpwriting.domain.admin.schema.Table;
import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.db.SqlErrors;
import io.mcpwriting.mcp.tool.ToolException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes staged import rows ({@link Staging}) into the table, in the caller's transaction, set-based: each group
 * in ranges of {@link #CHUNK} rows, one INSERT ... SELECT each, in file order. A range the database refuses is
 * rolled back to a savepoint and split in halves until the refused rows stand alone, so that each is reported
 * with its reason (a broken reference, a duplicate key in error mode, a check, a malformed value) while the
 * others are imported. In error mode, rows whose primary key exists already are found with one query first,
 * rather than row by row.
 */
final class Importer {

    static final int CHUNK = 20_000;
    /** Ids the result lists; an import of a million rows reports how many, and the first ones. */
    static final int IDS_KEPT = 1000;

    /** What an import did. */
    static final class Report {
        long inserted;
        long updated;
        long skipped;
        final List<String> ids = new ArrayList<>();
        final Rejections rejected = new Rejections();

        boolean idsTruncated() {
            return inserted + updated > ids.size();
        }
    }

    private final Table table;
    private final String onConflict;
    private final Sql sql;
    private final Report report;
    private final Progress progress;
    private long attempted;
    private long staged;

    Importer(Table table, String onConflict, Sql sql, Report report, Progress progress) {
        this.table = table;
        this.onConflict = onConflict;
        this.sql = sql;
        this.report = report;
        this.progress = progress;
    }

    void run(List<Staging.Group> groups) throws SQLException {
        staged = groups.stream().mapToLong(Staging.Group::rows).sum();
        long rejectedBefore = report.rejected.count();
        Set<Column> explicit = new LinkedHashSet<>();
        for (Staging.Group group : groups) {
            group.columns().stream().filter(c -> c.sequence() != null).forEach(explicit::add);
            if ("error".equals(onConflict)) {
                rejectExistingKeys(group);
            }
            insert(group);
        }
        for (Column c : explicit) {
            RecordSql.advanceSequence(sql, table, c);
        }
        long refused = report.rejected.count() - rejectedBefore;
        report.skipped = staged - refused - report.inserted - report.updated;
        progress.stepDone(attempted, staged, "written");
    }

    /** The group's rows in file order, range by range; a refused range is split until its bad rows stand alone. */
    private void insert(Staging.Group group) throws SQLException {
        String statement = statement(group.columns());
        Deque<long[]> ranges = new ArrayDeque<>();
        for (long hi = group.rows(); hi >= 1; hi -= CHUNK) {
            ranges.push(new long[] {Math.max(1, hi - CHUNK + 1), hi});
        }
        while (!ranges.isEmpty()) {
            long[] range = ranges.pop();
            sql.update("SAVEPOINT mcp_import_range");
            try {
                tally(sql.text(statement, group.id(), range[0], range[1], IDS_KEPT - report.ids.size()));
                sql.update("RELEASE SAVEPOINT mcp_import_range");
                attempted += range[1] - range[0] + 1;
                progress.rows(attempted, staged, "written");
            } catch (SQLException refused) {
                if (!rowsFault(refused)) {
                    throw refused;
                }
                sql.update("ROLLBACK TO SAVEPOINT mcp_import_range");
                sql.update("RELEASE SAVEPOINT mcp_import_range");
                if (range[0] == range[1]) {
                    report.rejected.add(line(group, range[0]), reason(refused));
                    attempted++;
                } else {
                    long middle = (range[0] + range[1]) / 2;
                    ranges.push(new long[] {middle + 1, range[1]});
                    ranges.push(new long[] {range[0], middle});
                }
            }
        }
    }

    /**
     * Error mode: the group's rows whose primary key is taken already leave the staging table as rejected, in
     * one statement. A key value the database cannot read fails it; the ranges then find those rows one by one.
     */
    private void rejectExistingKeys(Staging.Group group) throws SQLException {
        List<String> pk = table.primaryKey();
        List<String> named = group.columns().stream().map(Column::name).toList();
        if (pk.isEmpty() || !named.containsAll(pk)) {
            return;
        }
        StringBuilder keyDoc = new StringBuilder();
        StringBuilder keyText = new StringBuilder();
        StringBuilder taken = new StringBuilder();
        for (String column : pk) {
            String q = Identifiers.quote(column);
            keyDoc.append(keyDoc.length() == 0 ? "" : ", ").append(Identifiers.literal(column)).append(", s.doc->")
                    .append(Identifiers.literal(column));
            keyText.append(keyText.length() == 0 ? "" : ", ").append("r.").append(q).append("::text");
            taken.append(taken.length() == 0 ? "" : " AND ").append("t.").append(q).append(" = r.").append(q);
        }
        String statement = "WITH taken AS (SELECT s.n, s.line, concat_ws(', ', " + keyText + ") AS key FROM "
                + Staging.TABLE + " s CROSS JOIN LATERAL jsonb_populate_record(NULL::" + table.quoted()
                + ", jsonb_build_object(" + keyDoc + ")) r WHERE s.grp = ? AND EXISTS (SELECT 1 FROM "
                + table.quoted() + " t WHERE " + taken + ")), "
                + "gone AS (DELETE FROM " + Staging.TABLE + " s USING taken WHERE s.grp = ? AND s.n = taken.n "
                + "RETURNING taken.line, taken.key) "
                + "SELECT jsonb_build_object('count', (SELECT count(*) FROM gone), 'first', coalesce((SELECT "
                + "jsonb_agg(jsonb_build_array(line, key) ORDER BY line) FROM (SELECT line, key FROM gone "
                + "ORDER BY line LIMIT ?) f), '[]'::jsonb))";
        sql.update("SAVEPOINT mcp_import_keys");
        Map<String, Object> found;
        try {
            found = Json.object(sql.text(statement, group.id(), group.id(), Rejections.KEPT));
            sql.update("RELEASE SAVEPOINT mcp_import_keys");
        } catch (SQLException unreadable) {
            if (!rowsFault(unreadable)) {
                throw unreadable;
            }
            sql.update("ROLLBACK TO SAVEPOINT mcp_import_keys");
            sql.update("RELEASE SAVEPOINT mcp_import_keys");
            return;
        }
        String columns = String.join(", ", pk);
        long count = ((Number) found.get("count")).longValue();
        List<?> first = (List<?>) found.get("first");
        for (Object item : first) {
            List<?> pair = (List<?>) item;
            report.rejected.add(((Number) pair.get(0)).longValue(), "Already exists: " + columns + " = " + pair.get(1)
                    + ".");
        }
        report.rejected.countUnlisted(count - first.size());
    }

    private long line(Staging.Group group, long n) throws SQLException {
        return sql.number("SELECT line FROM " + Staging.TABLE + " WHERE grp = ? AND n = ?", group.id(), n);
    }

    private void tally(String json) {
        Map<String, Object> r = Json.object(json);
        report.inserted += ((Number) r.get("inserted")).longValue();
        report.updated += ((Number) r.get("updated")).longValue();
        report.ids.addAll(RecordSql.ids(r.get("ids")));
    }

    /** INSERT ... SELECT of one range of a group's staged rows, with the onConflict clause; counts and first ids. */
    private String statement(List<Column> columns) {
        StringBuilder sql = new StringBuilder("WITH w AS (INSERT INTO " + table.quoted() + " AS t ("
                + RecordSql.columnList(columns, "") + ") SELECT " + RecordSql.columnList(columns, "r.") + " FROM "
                + Staging.TABLE + " s CROSS JOIN LATERAL jsonb_populate_record(NULL::" + table.quoted()
                + ", s.doc) r WHERE s.grp = ? AND s.n BETWEEN ? AND ? ORDER BY s.n");
        List<String> pk = table.primaryKey();
        List<String> names = columns.stream().map(Column::name).toList();
        if ("skip".equals(onConflict)) {
            sql.append(" ON CONFLICT DO NOTHING");
        } else if ("update".equals(onConflict) && !pk.isEmpty() && names.containsAll(pk)) {
            List<Column> rest = columns.stream().filter(c -> !pk.contains(c.name())).toList();
            sql.append(" ON CONFLICT (").append(String.join(", ", pk.stream().map(Identifiers::quote).toList()))
                    .append(")");
            if (rest.isEmpty()) {
                sql.append(" DO NOTHING");
            } else {
                sql.append(" DO UPDATE SET ");
                for (int i = 0; i < rest.size(); i++) {
                    Column c = rest.get(i);
                    sql.append(i == 0 ? "" : ", ").append(c.quoted()).append(" = EXCLUDED.").append(c.quoted());
                }
            }
        }
        sql.append(" RETURNING (t.xmax = 0) AS ins, ").append(RecordSql.recordId(table, "t")).append(" AS rid) ")
                .append("SELECT jsonb_build_object('inserted', count(*) FILTER (WHERE ins), ")
                .append("'updated', count(*) FILTER (WHERE NOT ins), ")
                .append("'ids', coalesce((SELECT jsonb_agg(rid) FROM (SELECT rid FROM w LIMIT ?) f), '[]'::jsonb)) ")
                .append("FROM w");
        return sql.toString();
    }

    /**
     * Whether the database refused rows for what they hold (a value, a key, a reference, a check, a trigger's
     * rule), rather than failing for another reason (a timeout, a lost connection, a privilege), which ends the
     * import.
     */
    private static boolean rowsFault(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.startsWith("21") || state.startsWith("22") || state.startsWith("23") || state.startsWith("27")
                || state.startsWith("44") || state.startsWith("P0");
    }

    /** The database's reason in the same words the record tools use (constraint, key, malformed value). */
    private static String reason(SQLException e) {
        RuntimeException translated = SqlErrors.translate(e);
        if (translated instanceof ToolException te) {
            return te.getMessage();
        }
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return "refused by the database: " + message.replaceFirst("^ERROR:\\s*", "");
    }
}
