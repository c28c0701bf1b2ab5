package io.mcpwriting.mcp.db;

import io.mcpwriting.mcp.tool.ToolException;
import java.sql.Array;
import io.mcpwriting.mcp.tool.Cancellation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Statements on one connection with bound parameters only. Results come back as JSON text built by
 * PostgreSQL ({@code to_jsonb}, {@code jsonb_agg}), so rows are never mapped field by field in Java.
 * Nothing here keeps session state, as PgBouncer's transaction pooling requires.
 */
public final class Sql {

    private final Connection connection;
    private volatile PreparedStatement running;

    Sql(Connection connection) {
        this.connection = connection;
    }

    /**
     * Statements on a connection the caller opened and owns: a direct PostgreSQL connection (not the pool, not
     * PgBouncer) for work the pool's timeouts would cut short, such as a table transfer with COPY.
     */
    public static Sql over(Connection connection) {
        return new Sql(connection);
    }

    /** The first column of the first row as text, or null when there is no row. */
    public String text(String query, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(query, params); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The first column of the first row as a long, or null when there is no row (or it is null). */
    public Long number(String query, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(query, params); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            long value = rs.getLong(1);
            return rs.wasNull() ? null : value;
        }
    }

    /** The first column of every row as a long. */
    public List<Long> numbers(String query, Object... params) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (PreparedStatement ps = prepare(query, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
        }
        return values;
    }

    public boolean exists(String query, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(query, params); ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /**
     * Fails with "{@code <label> <id> does not exist}" unless the row exists. The table name is the
     * calling tool's constant.
     */
    public void requireRow(String table, Object id, String label) throws SQLException {
        if (!exists("SELECT 1 FROM " + table + " WHERE id = ?", id)) {
            throw ToolException.notFound(label, id);
        }
    }

    /** Runs an INSERT/UPDATE/DELETE without RETURNING; the number of rows changed. */
    public int update(String query, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(query, params)) {
            return ps.executeUpdate();
        }
    }

    /** Cancels the statement running now (from the thread that received the client's cancellation). */
    void cancelRunning() {
        PreparedStatement ps = running;
        if (ps != null) {
            try {
                ps.cancel();
            } catch (SQLException e) {
                // already finished or closed: nothing runs to cancel
            }
        }
    }

    private PreparedStatement prepare(String query, Object... params) throws SQLException {
        Cancellation.current().check();
        PreparedStatement ps = connection.prepareStatement(query);
        running = ps;
        try {
            for (int i = 0; i < params.length; i++) {
                bind(ps, i + 1, params[i]);
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    private void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
        } else if (value instanceof Collection<?> list) {
            ps.setArray(index, array(list));
        } else if (value instanceof Enum<?> e) {
            ps.setString(index, e.name().toLowerCase(java.util.Locale.ROOT));
        } else {
            ps.setObject(index, value);
        }
    }

    private Array array(Collection<?> list) throws SQLException {
        boolean numeric = !list.isEmpty() && list.stream().allMatch(v -> v instanceof Integer || v instanceof Long);
        return connection.createArrayOf(numeric ? "bigint" : "text", list.toArray());
    }
}
