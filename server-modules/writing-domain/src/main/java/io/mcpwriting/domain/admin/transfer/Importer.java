package io.mcpwriting.domain.admin.transfer;

import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.domain.admin.records.RecordSql;
import io.mcpwriting.domain.admin.schema.Column;
import io.mcpwriting.domain.admin.schema.Identifiers;
import io.mcpwriting.domain.admin.schema.Table;
import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.db.SqlErrors;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes checked import rows in one transaction. Rows naming the same columns go in one set-based INSERT; if
 * that statement fails, it is rolled back to a savepoint and its rows are retried one by one (each in its own
 * savepoint), so that the rows the database refuses (a broken reference, a duplicate key in error mode, a check
 * constraint) are reported with their reason while the others are imported.
 */
final class Importer {

    /** A row that passed the checks in Java: its number in the file and its column values. */
    record Candidate(int row, Map<String, Object> values) {
    }

    /** A row that was not imported, and why. */
    record Rejected(int row, String reason) {
    }

    /** What an import did. */
    static final class Report {
        long inserted;
        long updated;
        long skipped;
        final List<String> ids = new ArrayList<>();
        final List<Rejected> rejected = new ArrayList<>();
    }

    private final Table table;
    private final String onConflict;

    Importer(Table table, String onConflict) {
        this.table = table;
        this.onConflict = onConflict;
    }

    Report run(Sql sql, List<Candidate> rows, List<Rejected> alreadyRejected) throws SQLException {
        Report report = new Report();
        report.rejected.addAll(alreadyRejected);
        Map<List<String>, List<Candidate>> groups = new LinkedHashMap<>();
        for (Candidate c : rows) {
            groups.computeIfAbsent(c.values().keySet().stream().sorted().toList(), k -> new ArrayList<>()).add(c);
        }
        Set<Column> explicit = new LinkedHashSet<>();
        for (Map.Entry<List<String>, List<Candidate>> group : groups.entrySet()) {
            List<Column> columns = group.getKey().stream().map(n -> table.column(n).orElseThrow()).toList();
            columns.stream().filter(c -> c.sequence() != null).forEach(explicit::add);
            String statement = statement(columns);
            sql.update("SAVEPOINT mcp_import_group");
            try {
                tally(report, sql.text(statement, Json.write(values(group.getValue()))), group.getValue().size());
                sql.update("RELEASE SAVEPOINT mcp_import_group");
            } catch (SQLException groupFailure) {
                sql.update("ROLLBACK TO SAVEPOINT mcp_import_group");
                for (Candidate c : group.getValue()) {
                    sql.update("SAVEPOINT mcp_import_row");
                    try {
                        tally(report, sql.text(statement, Json.write(List.of(c.values()))), 1);
                        sql.update("RELEASE SAVEPOINT mcp_import_row");
                    } catch (SQLException rowFailure) {
                        sql.update("ROLLBACK TO SAVEPOINT mcp_import_row");
                        report.rejected.add(new Rejected(c.row(), reason(rowFailure)));
                    }
                }
                sql.update("RELEASE SAVEPOINT mcp_import_group");
            }
        }
        for (Column c : explicit) {
            RecordSql.advanceSequence(sql, table, c);
        }
        report.rejected.sort((a, b) -> Integer.compare(a.row(), b.row()));
        return report;
    }

    private static List<Map<String, Object>> values(List<Candidate> rows) {
        return rows.stream().map(Candidate::values).toList();
    }

    private static void tally(Report report, String json, int attempted) {
        Map<String, Object> r = Json.object(json);
        long inserted = ((Number) r.get("inserted")).longValue();
        long updated = ((Number) r.get("updated")).longValue();
        report.inserted += inserted;
        report.updated += updated;
        report.skipped += attempted - inserted - updated;
        report.ids.addAll(RecordSql.ids(r.get("ids")));
    }

    private String statement(List<Column> columns) {
        String list = RecordSql.columnList(columns, "");
        StringBuilder sql = new StringBuilder("WITH w AS (INSERT INTO " + table.quoted() + " AS t (" + list + ") SELECT "
                + RecordSql.columnList(columns, "r.") + " FROM jsonb_populate_recordset(NULL::" + table.quoted()
                + ", ?::jsonb) AS r");
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
                .append("'updated', count(*) FILTER (WHERE NOT ins), 'ids', coalesce(jsonb_agg(rid), '[]'::jsonb)) FROM w");
        return sql.toString();
    }

    /** The database's reason in the same words the record tools use (constraint, key, malformed value). */
    private static String reason(SQLException e) {
        RuntimeException translated = SqlErrors.translate(e);
        if (translated instanceof io.mcpwriting.mcp.tool.ToolException te) {
            return te.getMessage();
        }
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return "refused by the database: " + message.replaceFirst("^ERROR:\\s*", "");
    }
}
