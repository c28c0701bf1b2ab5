package io.mcpwriting.domain.admin.records;

import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.domain.admin.audit.AuditLog;
import io.mcpwriting.domain.admin.schema.Column;
import io.mcpwriting.domain.admin.schema.Identifiers;
import io.mcpwriting.domain.admin.schema.Table;
import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.tool.ToolException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The generic row statements the record, batch and import tools share. Table and column names come from the
 * catalog ({@link Table}, {@link Column}) and are quoted; every value travels in one bound {@code jsonb}
 * document per statement and is converted by {@code jsonb_populate_record(set)}.
 */
public final class RecordSql {

    /** jsonb_build_object takes at most 100 arguments: columns are packed in chunks and concatenated. */
    private static final int OBJECT_CHUNK = 40;

    private RecordSql() {
    }

    /** A row as JSON: all columns, or the given ones in the given order. */
    public static String rowJson(String alias, List<Column> columns) {
        if (columns == null || columns.isEmpty()) {
            return "to_jsonb(" + alias + ")";
        }
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < columns.size(); i += OBJECT_CHUNK) {
            StringBuilder chunk = new StringBuilder("jsonb_build_object(");
            List<Column> part = columns.subList(i, Math.min(columns.size(), i + OBJECT_CHUNK));
            for (int j = 0; j < part.size(); j++) {
                Column c = part.get(j);
                chunk.append(j == 0 ? "" : ", ").append(Identifiers.literal(c.name())).append(", ").append(alias)
                        .append('.').append(c.quoted());
            }
            chunks.add(chunk.append(')').toString());
        }
        return String.join(" || ", chunks);
    }

    /** The record id of a row as text: its primary key ({@code a/b} when composite), else null. */
    public static String recordId(Table table, String alias) {
        List<String> pk = table.primaryKey();
        if (pk.isEmpty()) {
            return "NULL::text";
        }
        if (pk.size() == 1) {
            return alias + "." + Identifiers.quote(pk.get(0)) + "::text";
        }
        StringBuilder sql = new StringBuilder("concat_ws('/'");
        for (String column : pk) {
            sql.append(", ").append(alias).append('.').append(Identifiers.quote(column)).append("::text");
        }
        return sql.append(')').toString();
    }

    /** The columns a data object names, checked: each exists and may be written. */
    public static List<Column> writableColumns(Table table, String argument, Map<String, Object> data) {
        if (data == null || data.isEmpty()) {
            throw ToolException.invalid(argument, "give at least one column value");
        }
        List<Column> columns = new ArrayList<>();
        for (String name : data.keySet()) {
            Column column = table.requireColumn(argument, name);
            if (column.generated()) {
                throw ToolException.invalid(argument, "column " + name + " is generated; it cannot be set");
            }
            if ("a".equals(column.identity())) {
                throw ToolException.invalid(argument, "column " + name + " is GENERATED ALWAYS AS IDENTITY; "
                        + "leave it out");
            }
            columns.add(column);
        }
        return columns;
    }

    /** Inserted rows: their JSON and record ids, in insertion order. */
    public record Inserted(List<Object> records, List<String> ids) {
    }

    /**
     * Inserts rows set-based: rows naming the same columns go in one statement (so that the others take their
     * defaults). Advances a column's sequence when rows gave it explicit values.
     */
    public static Inserted insert(Sql sql, Table table, String argument, List<Map<String, Object>> rows)
            throws SQLException {
        Map<List<String>, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        Set<Column> explicit = new LinkedHashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            List<Column> columns = writableColumns(table, rows.size() == 1 ? argument : argument + "[" + i + "]", row);
            columns.stream().filter(c -> c.sequence() != null).forEach(explicit::add);
            groups.computeIfAbsent(columns.stream().map(Column::name).sorted().toList(), k -> new ArrayList<>())
                    .add(row);
        }
        List<Object> records = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Map.Entry<List<String>, List<Map<String, Object>>> group : groups.entrySet()) {
            List<Column> columns = group.getKey().stream().map(n -> table.column(n).orElseThrow()).toList();
            String list = columnList(columns, "");
            String json = sql.text("WITH ins AS (INSERT INTO " + table.quoted() + " AS t (" + list + ") SELECT "
                    + columnList(columns, "r.") + " FROM jsonb_populate_recordset(NULL::" + table.quoted()
                    + ", ?::jsonb) WITH ORDINALITY AS r ORDER BY r.ordinality RETURNING t.*) "
                    + "SELECT jsonb_build_object('records', coalesce(jsonb_agg(to_jsonb(ins)), '[]'::jsonb), "
                    + "'ids', coalesce(jsonb_agg(" + recordId(table, "ins") + "), '[]'::jsonb)) FROM ins",
                    Json.write(group.getValue()));
            Map<String, Object> result = Json.object(json);
            records.addAll((List<?>) result.get("records"));
            for (Object id : (List<?>) result.get("ids")) {
                ids.add(id == null ? null : id.toString());
            }
        }
        for (Column column : explicit) {
            advanceSequence(sql, table, column);
        }
        return new Inserted(records, ids);
    }

    /**
     * After rows were written with explicit values for a sequence-fed column, moves the sequence past the
     * largest value so that later inserts do not collide. Never moves it back.
     */
    public static void advanceSequence(Sql sql, Table table, Column column) throws SQLException {
        if (column.sequence() == null) {
            return;
        }
        sql.text("SELECT setval(?::regclass, x.m) FROM (SELECT max(" + column.quoted() + ")::bigint AS m FROM "
                + table.quoted() + ") x WHERE x.m IS NOT NULL AND x.m > coalesce(pg_sequence_last_value(?::regclass), 0)",
                column.sequence(), column.sequence());
    }

    /** {@code "a", "b"} or {@code r."a", r."b"}. */
    public static String columnList(List<Column> columns, String prefix) {
        StringBuilder sql = new StringBuilder();
        for (Column c : columns) {
            sql.append(sql.length() == 0 ? "" : ", ").append(prefix).append(c.quoted());
        }
        return sql.toString();
    }

    /**
     * Updates the rows matching {@code where} with {@code data}. Returns the updated rows, their ids, and the
     * previous values of the changed columns (for the audit trail).
     */
    public static Map<String, Object> update(Sql sql, Table table, List<Column> columns, Map<String, Object> data,
            SqlPart where) throws SQLException {
        StringBuilder set = new StringBuilder();
        for (Column c : columns) {
            set.append(set.length() == 0 ? "" : ", ").append(c.quoted()).append(" = d.").append(c.quoted());
        }
        RowKey key = RowKey.of(table);
        SqlPart statement = new SqlPart()
                .append("WITH old AS (SELECT " + key.select() + ", " + recordId(table, "t") + " AS mcp_record_id, "
                        + rowJson("t", columns) + " AS mcp_before FROM " + table.quoted() + " t WHERE ")
                .append(where)
                .append(" FOR UPDATE), upd AS (UPDATE " + table.quoted() + " t SET " + set + " FROM old, "
                        + "jsonb_populate_record(NULL::" + table.quoted() + ", ")
                .bind("?::jsonb", Json.write(data))
                .append(") d WHERE " + key.match("old") + " RETURNING to_jsonb(t) AS row, old.mcp_record_id, old.mcp_before) "
                        + "SELECT jsonb_build_object('updated', count(*), "
                        + "'records', coalesce(jsonb_agg(row), '[]'::jsonb), "
                        + "'ids', coalesce(jsonb_agg(mcp_record_id), '[]'::jsonb), "
                        + "'before', coalesce(jsonb_agg(jsonb_build_object('id', mcp_record_id, 'values', mcp_before)), "
                        + "'[]'::jsonb)) FROM upd");
        Map<String, Object> result = Json.object(sql.text(statement.sql(), statement.paramArray()));
        for (Column c : columns) {
            advanceSequence(sql, table, c);
        }
        return result;
    }

    /**
     * Applies several updates of the same shape in one statement: each item sets the same columns on the rows
     * whose key columns equal the item's values. The key columns must not be among the set columns, so that no
     * item's change decides which rows a later item matches; a row matched by several items takes the last
     * one's values, as applying them in order would. Returns what {@link #update} returns plus
     * {@code per_item}: the rows each item (by 1-based position) matched.
     */
    public static Map<String, Object> updateMany(Sql sql, Table table, List<Column> keys, List<Column> columns,
            List<Map<String, Object>> items) throws SQLException {
        StringBuilder join = new StringBuilder();
        for (Column k : keys) {
            join.append(join.length() == 0 ? "" : " AND ").append("t.").append(k.quoted()).append(" = (items.w).")
                    .append(k.quoted());
        }
        StringBuilder set = new StringBuilder();
        for (Column c : columns) {
            set.append(set.length() == 0 ? "" : ", ").append(c.quoted()).append(" = (items.d).").append(c.quoted());
        }
        RowKey key = RowKey.of(table);
        String statement = "WITH items AS (SELECT i.n, w, d FROM jsonb_array_elements(?::jsonb) WITH ORDINALITY AS i(item, n) "
                + "CROSS JOIN LATERAL jsonb_populate_record(NULL::" + table.quoted() + ", i.item->'where') AS w "
                + "CROSS JOIN LATERAL jsonb_populate_record(NULL::" + table.quoted() + ", i.item->'data') AS d), "
                + "matched AS (SELECT " + key.select() + ", items.n, " + recordId(table, "t") + " AS mcp_record_id, "
                + rowJson("t", columns) + " AS mcp_before FROM " + table.quoted() + " t JOIN items ON " + join
                + " FOR UPDATE OF t), "
                + "last AS (SELECT DISTINCT ON (" + key.columns() + ") * FROM matched ORDER BY " + key.columns() + ", n DESC), "
                + "upd AS (UPDATE " + table.quoted() + " t SET " + set + " FROM last JOIN items ON items.n = last.n "
                + "WHERE " + key.match("last") + " RETURNING to_jsonb(t) AS row, last.mcp_record_id, last.mcp_before) "
                + "SELECT jsonb_build_object("
                + "'records', coalesce((SELECT jsonb_agg(row) FROM upd), '[]'::jsonb), "
                + "'ids', coalesce((SELECT jsonb_agg(mcp_record_id) FROM upd), '[]'::jsonb), "
                + "'before', coalesce((SELECT jsonb_agg(jsonb_build_object('id', mcp_record_id, 'values', mcp_before)) "
                + "FROM upd), '[]'::jsonb), "
                + "'per_item', coalesce((SELECT jsonb_object_agg(n, c) FROM (SELECT n, count(*) AS c FROM matched "
                + "GROUP BY n) x), '{}'::jsonb))";
        Map<String, Object> result = Json.object(sql.text(statement, Json.write(items)));
        for (Column c : columns) {
            advanceSequence(sql, table, c);
        }
        return result;
    }

    /**
     * How an update finds a row of {@code t} again after selecting it in a CTE: by its primary key, or by its
     * ctid for a table without one (the row is locked FOR UPDATE in between, so the ctid holds).
     */
    private record RowKey(List<String> tableColumns, List<String> cteColumns) {

        static RowKey of(Table table) {
            if (table.primaryKey().isEmpty()) {
                return new RowKey(List.of("ctid"), List.of("mcp_ctid"));
            }
            List<String> quoted = table.primaryKey().stream().map(Identifiers::quote).toList();
            return new RowKey(quoted, quoted);
        }

        /** The select list of the CTE: {@code t.ctid AS mcp_ctid} or {@code t."id"}. */
        String select() {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < tableColumns.size(); i++) {
                String c = tableColumns.get(i);
                parts.add("t." + c + (c.equals(cteColumns.get(i)) ? "" : " AS " + cteColumns.get(i)));
            }
            return String.join(", ", parts);
        }

        /** The key's columns as the CTE names them. */
        String columns() {
            return String.join(", ", cteColumns);
        }

        /** The join of {@code t} to the CTE {@code cte} on the key. */
        String match(String cte) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < tableColumns.size(); i++) {
                parts.add("t." + tableColumns.get(i) + " = " + cte + "." + cteColumns.get(i));
            }
            return String.join(" AND ", parts);
        }
    }

    /** Deletes (or soft-deletes) the rows matching {@code where}; returns the count, ids and removed rows. */
    public static Map<String, Object> delete(Sql sql, Table table, SqlPart where, boolean soft) throws SQLException {
        SqlPart statement = new SqlPart();
        if (soft) {
            String deletedAt = Identifiers.quote(Table.SOFT_DELETE_COLUMN);
            statement.append("WITH del AS (UPDATE " + table.quoted() + " t SET " + deletedAt + " = now() WHERE (")
                    .append(where)
                    .append(") AND t." + deletedAt + " IS NULL RETURNING to_jsonb(t) AS row, "
                            + recordId(table, "t") + " AS mcp_record_id) ");
        } else {
            statement.append("WITH del AS (DELETE FROM " + table.quoted() + " t WHERE ")
                    .append(where)
                    .append(" RETURNING to_jsonb(t) AS row, " + recordId(table, "t") + " AS mcp_record_id) ");
        }
        statement.append("SELECT jsonb_build_object('deleted', count(*), "
                + "'ids', coalesce(jsonb_agg(mcp_record_id), '[]'::jsonb), "
                + "'rows', coalesce(jsonb_agg(row), '[]'::jsonb)) FROM del");
        return Json.object(sql.text(statement.sql(), statement.paramArray()));
    }

    /** Ids from a statement's JSON result as strings. */
    public static List<String> ids(Object list) {
        List<String> ids = new ArrayList<>();
        for (Object id : (List<?>) list) {
            ids.add(id == null ? null : id.toString());
        }
        return ids;
    }

    /** Decides soft or hard delete: soft when asked, or by default when the table has {@code deleted_at}. */
    public static boolean softDelete(Table table, Boolean requested, String argument) {
        if (Boolean.TRUE.equals(requested) && !table.supportsSoftDelete()) {
            throw ToolException.invalid(argument, "table " + table.name() + " has no nullable timestamp column "
                    + Table.SOFT_DELETE_COLUMN + ", so its rows cannot be soft-deleted; call again without "
                    + "soft_delete (or soft_delete=false) to delete them for good");
        }
        boolean soft = requested == null ? table.supportsSoftDelete() : requested;
        if (soft && !table.may("UPDATE")) {
            throw ToolException.invalid(argument, "the application role may not UPDATE table " + table.name());
        }
        return soft;
    }

    /** Deletes (or soft-deletes) the matching rows and describes the outcome for the caller and the audit log. */
    public static AuditLog.Outcome deleteOutcome(Sql sql, Table table, SqlPart condition, boolean soft, String criteriaKey,
            Object criteria, String summary) throws SQLException {
        Map<String, Object> r = delete(sql, table, condition, soft);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("table", table.name());
        result.put("deleted", r.get("deleted"));
        result.put("soft_delete", soft);
        result.put("record_ids", r.get("ids"));
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put(criteriaKey, criteria);
        changes.put("soft_delete", soft);
        changes.put("rows", r.get("rows"));
        return new AuditLog.Outcome(Json.write(result), ids(r.get("ids")), changes, summary + (soft ? " soft" : ""));
    }
}
