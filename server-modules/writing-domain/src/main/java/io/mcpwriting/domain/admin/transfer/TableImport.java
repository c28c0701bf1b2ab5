package io.mcpwriting.domain.admin.transfer;

import io.mcpwriting.domain.admin.schema.Column;
import io.mcpwriting.domain.admin.schema.Names;
import io.mcpwriting.domain.admin.schema.Table;
import io.mcpwriting.mcp.db.Sql;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * One import of a file into a table, in the caller's transaction on a direct connection: the file's rows are
 * read one at a time, checked (unknown or generated columns, missing required columns), and streamed into a
 * staging table with COPY; then the {@link Importer} writes them set-based. Nothing of a file is held in memory
 * but the row being read.
 */
final class TableImport {

    /** What an import read and did. */
    record Outcome(long totalRows, Importer.Report report) {
    }

    private final Table table;
    private final String onConflict;

    TableImport(Table table, String onConflict) {
        this.table = table;
        this.onConflict = onConflict;
    }

    Outcome run(Connection connection, ImportSource source, Progress progress) throws SQLException, IOException {
        Importer.Report report = new Importer.Report();
        Staging staging = Staging.open(connection, table);
        long total = 0;
        List<Staging.Group> groups;
        try {
            for (ImportSource.Row row = source.next(); row != null; row = source.next()) {
                total++;
                String refusal = row.refusal() != null ? row.refusal() : refusal(row.values());
                if (refusal != null) {
                    report.rejected.add(row.number(), refusal);
                } else {
                    staging.add(row.number(), row.values());
                }
                progress.rows(total, null, "read");
            }
            progress.stepDone(total, null, "read");
            groups = staging.finish(Sql.over(connection));
        } catch (IOException | SQLException | RuntimeException e) {
            staging.abandon();
            throw e;
        }
        new Importer(table, onConflict, Sql.over(connection), report, progress).run(groups);
        return new Outcome(total, report);
    }

    /** Why a row cannot be imported as it is, before the database sees it; null when it passes. */
    private String refusal(Map<String, Object> values) {
        for (String key : values.keySet()) {
            Column c = table.column(key).orElse(null);
            if (c == null) {
                return "unknown column " + Names.shown(key);
            }
            if (c.generated() || "a".equals(c.identity())) {
                return "column " + key + " is generated and cannot be set";
            }
        }
        for (Column c : table.columns()) {
            if (!c.optionalOnInsert() && values.get(c.name()) == null) {
                return "missing required column " + c.name();
            }
        }
        return values.isEmpty() ? "no column values" : null;
    }
}
