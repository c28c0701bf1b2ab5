package io.mcpwriting.domain.admin.transfer;

import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.domain.admin.schema.Column;
import io.mcpwriting.domain.admin.schema.Table;
import io.mcpwriting.mcp.db.Sql;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Checked import rows on their way into the table: a temporary table ({@code mcp_import_rows}, dropped at commit)
 * filled with {@code COPY ... FROM STDIN} as the file is read, one jsonb document per row. Rows naming the same columns
 * form a group (an exported file is one group), numbered from 1 in file order, so that the importer can take
 * them in ranges.
 */
final class Staging {

    private static final String NAME = "mcp_import_rows";
    static final String TABLE = "pg_temp." + NAME;

    /** Rows naming the same columns: {@code rows} of them, numbered 1..rows within the group. */
    record Group(int id, List<Column> columns, long rows) {
    }

    private final Table table;
    private final PGCopyOutputStream copy;
    private final Map<List<String>, Counter> groups = new LinkedHashMap<>();
    private long rows;

    /** A group while rows arrive. */
    private static final class Counter {
        final int id;
        final List<Column> columns;
        long rows;

        Counter(int id, List<Column> columns) {
            this.id = id;
            this.columns = columns;
        }
    }

    private Staging(Table table, PGCopyOutputStream copy) {
        this.table = table;
        this.copy = copy;
    }

    static Staging open(Connection connection, Table table) throws SQLException {
        Sql.over(connection).update("CREATE TEMP TABLE " + NAME + " (grp int NOT NULL, n bigint NOT NULL, "
                + "line bigint NOT NULL, doc jsonb NOT NULL) ON COMMIT DROP");
        return new Staging(table, new PGCopyOutputStream(connection.unwrap(PGConnection.class),
                "COPY " + TABLE + " (grp, n, line, doc) FROM STDIN", 1 << 16));
    }

    /** Adds a checked row: {@code line} is its number in the file, {@code values} its column values. */
    void add(long line, Map<String, Object> values) throws IOException {
        Counter group = groups.computeIfAbsent(values.keySet().stream().sorted().toList(),
                key -> new Counter(groups.size(), key.stream().map(n -> table.column(n).orElseThrow()).toList()));
        long n = ++group.rows;
        copy.write((group.id + "\t" + n + "\t" + line + "\t").getBytes(StandardCharsets.US_ASCII));
        CopyText.writeField(Json.write(values).getBytes(StandardCharsets.UTF_8), copy);
        copy.write('\n');
        rows++;
    }

    long rows() {
        return rows;
    }

    /** Ends the COPY and indexes the rows for the importer's range scans; the groups in order of appearance. */
    List<Group> finish(Sql sql) throws SQLException, IOException {
        copy.close();
        sql.update("CREATE INDEX ON " + TABLE + " (grp, n)");
        sql.update("ANALYZE " + TABLE);
        return groups.values().stream().map(g -> new Group(g.id, g.columns, g.rows)).toList();
    }

    /** Ends an unfinished COPY without keeping its rows (the transaction is failing anyway). */
    void abandon() {
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                // the connection is closed next, which ends the COPY too
            }
        }
    }
}
