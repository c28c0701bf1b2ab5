package io.mcpwriting.mcp.db;

import io.mcpwriting.mcp.tool.ToolException;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns an update tool was given, as {@code SET} assignments. Column names come from the tool's
 * code, never from the client; absent (null) arguments are left unchanged.
 */
public final class Changes {

    private final List<String> columns = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    public Changes set(String column, Object value) {
        if (value != null) {
            columns.add(column);
            values.add(value);
        }
        return this;
    }

    public boolean isEmpty() {
        return columns.isEmpty();
    }

    /** Fails with a validation error naming the tool's changeable fields when nothing was given. */
    public Changes requireAny(String fields) {
        if (isEmpty()) {
            throw ToolException.invalid("arguments", "nothing to change; give at least one of " + fields);
        }
        return this;
    }

    /** {@code UPDATE <table> SET ... WHERE id = ? RETURNING to_jsonb(<table>.*)}; null if no such row. */
    public String applyTo(Sql sql, String table, Object id) throws java.sql.SQLException {
        StringBuilder query = new StringBuilder("UPDATE ").append(table).append(" SET ");
        for (int i = 0; i < columns.size(); i++) {
            query.append(i == 0 ? "" : ", ").append(columns.get(i)).append(" = ?");
        }
        query.append(" WHERE id = ? RETURNING to_jsonb(").append(table).append(".*)");
        List<Object> params = new ArrayList<>(values);
        params.add(id);
        return sql.text(query.toString(), params.toArray());
    }
}
