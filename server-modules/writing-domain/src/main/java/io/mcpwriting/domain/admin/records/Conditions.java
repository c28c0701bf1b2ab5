package io.mcpwriting.domain.admin.records;

import io.mcpwriting.domain.admin.schema.Column;
import io.mcpwriting.domain.admin.schema.Names;
import io.mcpwriting.domain.admin.schema.Table;
import io.mcpwriting.mcp.tool.ToolException;
import java.util.List;
import java.util.Map;

/**
 * Compiles a {@code where} object into SQL over the live table. Keys are column names (checked against the
 * catalog); values are bound, never pasted. All conditions must hold (AND). Forms:
 * <ul>
 * <li>{@code "col": value} — equal; {@code "col": null} — IS NULL; {@code "col": [v1, v2]} — any of the values;</li>
 * <li>{@code "col": {"$gt": v}} and {@code $gte $lt $lte $ne $like $ilike $in $null} (several may be combined:
 * {@code {"$gte": 1, "$lt": 10}}); {@code $null: true|false} tests for NULL; {@code $like}/{@code $ilike} match
 * the column's text with SQL patterns ({@code %} any run, {@code _} one character).</li>
 * </ul>
 */
public final class Conditions {

    public static final String OPERATORS = "$gt, $gte, $lt, $lte, $ne, $like, $ilike, $in, $null";

    private Conditions() {
    }

    /** The conditions joined by AND, or an empty part when {@code where} is empty or null. */
    public static SqlPart compile(Table table, String argument, Map<String, Object> where) {
        SqlPart sql = new SqlPart();
        if (where == null) {
            return sql;
        }
        for (Map.Entry<String, Object> entry : where.entrySet()) {
            Column column = table.requireColumn(argument, entry.getKey());
            SqlPart condition = condition(table, column, argument + "." + column.name(), entry.getValue());
            sql.append(sql.isEmpty() ? "" : " AND ").append(condition);
        }
        return sql;
    }

    /** Like {@link #compile}, but at least one condition is required (writes never apply to a whole table). */
    public static SqlPart required(Table table, String argument, Map<String, Object> where) {
        if (where == null || where.isEmpty()) {
            throw ToolException.invalid(argument, "give at least one condition, e.g. {\"id\": 42}; "
                    + "a write never applies to a whole table unasked");
        }
        return compile(table, argument, where);
    }

    private static SqlPart condition(Table table, Column column, String argument, Object value) {
        String col = "t." + column.quoted();
        if (value == null) {
            return new SqlPart().append(col + " IS NULL");
        }
        if (value instanceof List<?> list) {
            return in(table, column, argument, list, false);
        }
        if (value instanceof Map<?, ?> map && isOperatorObject(map, column, argument)) {
            SqlPart all = new SqlPart();
            for (Map.Entry<?, ?> op : map.entrySet()) {
                SqlPart one = operator(table, column, argument, (String) op.getKey(), op.getValue());
                all.append(all.isEmpty() ? "" : " AND ").append(one);
            }
            return all;
        }
        comparable(column, argument);
        return new SqlPart().append(col + " = ").append(Values.typed(table, column, value));
    }

    private static boolean isOperatorObject(Map<?, ?> map, Column column, String argument) {
        if (map.isEmpty()) {
            throw ToolException.invalid(argument, "an empty object is no condition; use a value or one of "
                    + OPERATORS);
        }
        long operators = map.keySet().stream().filter(k -> k instanceof String s && s.startsWith("$")).count();
        if (operators == map.size()) {
            return true;
        }
        if (operators == 0 && column.json()) {
            return false; // a JSON document compared for equality
        }
        throw ToolException.invalid(argument, "an object must hold only operators (" + OPERATORS + ")");
    }

    private static SqlPart operator(Table table, Column column, String argument, String op, Object value) {
        String col = "t." + column.quoted();
        String where = argument + "." + op;
        switch (op) {
            case "$null" -> {
                if (!(value instanceof Boolean isNull)) {
                    throw ToolException.invalid(where, "must be true (IS NULL) or false (IS NOT NULL)");
                }
                return new SqlPart().append(col + (isNull ? " IS NULL" : " IS NOT NULL"));
            }
            case "$in" -> {
                if (!(value instanceof List<?> list)) {
                    throw ToolException.invalid(where, "must be a list of values");
                }
                return in(table, column, where, list, true);
            }
            case "$like", "$ilike" -> {
                if (!(value instanceof String pattern)) {
                    throw ToolException.invalid(where, "must be a text pattern, e.g. \"%dragon%\"");
                }
                return new SqlPart().bind(col + "::text " + (op.equals("$like") ? "LIKE" : "ILIKE") + " ?", pattern);
            }
            case "$gt", "$gte", "$lt", "$lte", "$ne" -> {
                if (value == null) {
                    throw ToolException.invalid(where, "needs a value; test for NULL with {\"$null\": true}");
                }
                comparable(column, argument);
                String sqlOp = switch (op) {
                    case "$gt" -> " > ";
                    case "$gte" -> " >= ";
                    case "$lt" -> " < ";
                    case "$lte" -> " <= ";
                    default -> " <> ";
                };
                return new SqlPart().append(col + sqlOp).append(Values.typed(table, column, value));
            }
            default -> throw ToolException.invalid(argument, "unknown operator " + Names.shown(op) + "; use "
                    + OPERATORS);
        }
    }

    private static SqlPart in(Table table, Column column, String argument, List<?> values, boolean explicit) {
        if (values.isEmpty()) {
            throw ToolException.invalid(argument, "an empty list matches nothing; give at least one value");
        }
        if (column.array() && !explicit) {
            // an array column compared with a JSON array: equality, not "any of"
            return new SqlPart().append("t." + column.quoted() + " = ").append(Values.typed(table, column, values));
        }
        comparable(column, argument);
        return new SqlPart().append("t." + column.quoted() + " IN (").append(Values.typedList(table, column, values))
                .append(")");
    }

    private static void comparable(Column column, String argument) {
        if (column.plainJson()) {
            throw ToolException.invalid(argument, "column " + column.name()
                    + " is of type json, which cannot be compared; test it with $null only");
        }
    }
}
