package io.mcpwriting.domain.admin.records;

import java.util.ArrayList;
import java.util.List;

/** A piece of generated SQL and its bound parameters, in order. Built only from catalog names and "?". */
public final class SqlPart {

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    public SqlPart append(String text) {
        sql.append(text);
        return this;
    }

    public SqlPart bind(String placeholderText, Object value) {
        sql.append(placeholderText);
        params.add(value);
        return this;
    }

    public SqlPart append(SqlPart other) {
        sql.append(other.sql);
        params.addAll(other.params);
        return this;
    }

    public boolean isEmpty() {
        return sql.length() == 0;
    }

    public String sql() {
        return sql.toString();
    }

    public List<Object> params() {
        return params;
    }

    public Object[] paramArray() {
        return params.toArray();
    }

    @Override
    public String toString() {
        return sql.toString();
    }
}
