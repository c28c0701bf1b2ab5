package io.mcpwriting.domain.admin.transfer;

import io.mcpwriting.domain.admin.records.SqlPart;
import io.mcpwriting.domain.admin.schema.Identifiers;
import io.mcpwriting.domain.admin.schema.Table;
import io.mcpwriting.mcp.db.Sql;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The rows of a table (all, or those a {@code where} selects, at most {@code limit}) in key order, streamed
 * with {@code COPY ... TO STDOUT} into a file as they arrive. Runs in the caller's REPEATABLE READ transaction,
 * so that every row comes from one snapshot.
 *
 * <p>COPY takes no bound parameters, and no client text ever enters SQL: a filter or a limit is first applied by
 * an ordinary prepared statement that keeps the keys of the chosen rows in a temporary table (the whole rows
 * when the table has no primary key), and COPY then reads the rows joined to it. After that the transaction is
 * made read-only.
 */
final class TableExport {

    /** An unfiltered export counts its rows first (for progress) when the catalog estimates at most this many. */
    private static final long COUNTED_ROWS = 5_000_000;

    /** The temporary table of the chosen rows' keys. */
    private static final String CHOSEN = "mcp_export_chosen";

    private final Table table;
    private final SqlPart condition;
    private final Integer limit;
    private final ExportFormat format;

    TableExport(Table table, SqlPart condition, Integer limit, ExportFormat format) {
        this.table = table;
        this.condition = condition;
        this.limit = limit;
        this.format = format;
    }

    /** Writes the file's head, rows and end to {@code out}; the number of rows. */
    long write(Connection connection, OutputStream out, Instant exportedAt, Progress progress)
            throws SQLException, IOException {
        Sql sql = Sql.over(connection);
        String rows;
        Long total;
        if (condition.isEmpty() && limit == null) {
            rows = table.quoted() + " t";
            total = countWhenCheap(sql);
        } else {
            SqlPart choose = choose();
            total = (long) sql.update(choose.sql(), choose.paramArray());
            rows = table.primaryKey().isEmpty() ? "pg_temp." + CHOSEN + " t"
                    : table.quoted() + " t JOIN pg_temp." + CHOSEN + " k ON " + keyMatch();
        }
        sql.update("SET TRANSACTION READ ONLY");
        String copy = "COPY (SELECT " + format.selectList(table, "t") + " FROM " + rows + " ORDER BY " + order("t")
                + ") TO STDOUT" + format.copyOptions();
        format.begin(out, table, exportedAt);
        CopyOut stream = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copy);
        long written = 0;
        try {
            byte[] row;
            while ((row = stream.readFromCopy()) != null) {
                format.row(out, row, written++);
                progress.rows(written, total, "written");
            }
        } finally {
            if (stream.isActive()) {
                stream.cancelCopy();
            }
        }
        format.end(out, written);
        progress.stepDone(written, total, "written");
        return written;
    }

    /**
     * {@code CREATE TEMP TABLE ... AS SELECT <key> FROM t WHERE <bound condition> ORDER BY <key> LIMIT ?}: the
     * chosen rows' keys (whole rows without a primary key), in the order the file lists them.
     */
    private SqlPart choose() {
        String kept = table.primaryKey().isEmpty() ? "t.*"
                : String.join(", ", table.primaryKey().stream().map(c -> "t." + Identifiers.quote(c)).toList());
        SqlPart statement = new SqlPart().append("CREATE TEMP TABLE " + CHOSEN + " ON COMMIT DROP AS SELECT " + kept
                + " FROM " + table.quoted() + " t");
        if (!condition.isEmpty()) {
            statement.append(" WHERE ").append(condition);
        }
        statement.append(" ORDER BY " + order("t"));
        if (limit != null) {
            statement.bind(" LIMIT ?", limit);
        }
        return statement;
    }

    private String keyMatch() {
        List<String> pairs = table.primaryKey().stream().map(Identifiers::quote).map(c -> "t." + c + " = k." + c)
                .toList();
        return String.join(" AND ", pairs);
    }

    private String order(String alias) {
        return String.join(", ", table.naturalOrder().stream().map(c -> alias + "." + Identifiers.quote(c)).toList());
    }

    private Long countWhenCheap(Sql sql) throws SQLException {
        Long estimate = table.estimatedRows();
        if (table.isView() || estimate == null || estimate > COUNTED_ROWS) {
            return null;
        }
        return sql.number("SELECT count(*) FROM " + table.quoted());
    }
}
