package io.mcpwriting.domain.admin.records;

import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.domain.admin.audit.AuditLog;
import io.mcpwriting.domain.admin.schema.Column;
import io.mcpwriting.domain.admin.schema.Identifiers;
import io.mcpwriting.domain.admin.schema.SchemaCatalog;
import io.mcpwriting.domain.admin.schema.Table;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generic record tools over every table of the live schema: query with filters, sorting and paging; insert,
 * update and delete one statement at a time, each audited. Table and column names are looked up in the catalog;
 * values are bound.
 */
@ApplicationScoped
public class RecordTools {

    static final String WHERE_HELP = "Conditions, all of which must hold: {\"column\": value} (equal), "
            + "{\"column\": null} (is null), {\"column\": [v1, v2]} (any of), or operators "
            + "{\"column\": {\"$gt\": 5, \"$lte\": 9}} with " + Conditions.OPERATORS
            + " ($like/$ilike take SQL patterns such as \"%dragon%\"; $null takes true/false).";

    private static final int DEFAULT_LIMIT = 100;

    @Inject
    Db db;

    @Inject
    SchemaCatalog catalog;

    @Inject
    AuditLog audit;

    @Tool(name = "db_query_records", description = "Read rows of any table of the live database with filters, "
            + "sorting and paging. Returns {records, count (this page), total (all matches), has_more}. "
            + "Rows are in primary-key order unless order_by says otherwise. Internal table flyway_schema_history "
            + "is not readable; audit_logs is.", readOnly = true)
    public JsonText queryRecords(
            @Arg(value = "table", required = true, description = "Table name, as db_list_tables lists it") String table,
            @Arg(value = "columns", description = "Columns to return (default: all)") List<String> columns,
            @Arg(value = "where", description = WHERE_HELP) Map<String, Object> where,
            @Arg(value = "order_by", description = "Sort keys, first one first; direction ASC or DESC")
            List<OrderBy> orderBy,
            @Arg(value = "limit", min = 1, max = 1000, description = "Rows per page, 1-1000 (default 100)") Integer limit,
            @Arg(value = "offset", min = 0, description = "Rows to skip (default 0)") Integer offset) {
        Table t = catalog.readable("table", table);
        List<Column> projection = projection(t, columns);
        SqlPart condition = Conditions.compile(t, "where", where);
        String order = order(t, orderBy);
        int pageSize = limit == null ? DEFAULT_LIMIT : limit;
        int skip = offset == null ? 0 : offset;
        String whereSql = condition.isEmpty() ? "" : " WHERE ";
        SqlPart query = new SqlPart()
                .append("WITH page AS (SELECT " + RecordSql.rowJson("t", projection) + " AS j, row_number() OVER (ORDER BY "
                        + order + ") AS n FROM " + t.quoted() + " t" + whereSql).append(condition)
                .append(" ORDER BY " + order).bind(" LIMIT ?", pageSize).bind(" OFFSET ?", skip)
                .append("), total AS (SELECT count(*) AS n FROM " + t.quoted() + " t" + whereSql).append(condition)
                .append(") SELECT jsonb_build_object('table', ").bind("?::text", t.name())
                .append(", 'records', coalesce((SELECT jsonb_agg(j ORDER BY n) FROM page), '[]'::jsonb), "
                        + "'count', (SELECT count(*) FROM page), 'total', total.n, ")
                .bind("'limit', ?::int, ", pageSize).bind("'offset', ?::int, ", skip)
                .bind("'has_more', ?::bigint + (SELECT count(*) FROM page) < total.n) FROM total", skip);
        return new JsonText(db.read(sql -> sql.text(query.sql(), query.paramArray())));
    }

    @Tool(name = "db_insert_record", description = "Insert one row into a table. data maps column names to values "
            + "(JSON numbers, strings, booleans, arrays for array columns, objects for json columns; timestamps as "
            + "ISO-8601 text). Columns left out take their defaults. Returns the stored row and its id. Audited.")
    public JsonText insertRecord(
            @Arg(value = "table", required = true, description = "Table name") String table,
            @Arg(value = "data", required = true, description = "Column values of the new row") Map<String, Object> data) {
        Map<String, Object> attempted = attempt(table, "data", data);
        return new JsonText(audit.run("db_insert_record", "CREATE", table, attempted, () -> {
            Table t = catalog.writable("table", table, "INSERT");
            RecordSql.writableColumns(t, "data", data);
            return sql -> {
                RecordSql.Inserted inserted = RecordSql.insert(sql, t, "data", List.of(data));
                Object row = inserted.records().get(0);
                String id = inserted.ids().get(0);
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("table", t.name());
                if (t.primaryKey().size() == 1 && row instanceof Map<?, ?> r) {
                    result.put("id", r.get(t.primaryKey().get(0)));
                }
                result.put("record", row);
                return new AuditLog.Outcome(Json.write(result), id == null ? List.of() : List.of(id),
                        Map.of("new", row), "insert " + t.name() + " " + data.keySet());
            };
        }));
    }

    @Tool(name = "db_update_records", description = "Change the given columns of every row matching where (at least "
            + "one condition required). Returns {updated, records}. The previous values are kept in the audit log. "
            + "A where that matches nothing updates nothing (updated = 0).", idempotent = true)
    public JsonText updateRecords(
            @Arg(value = "table", required = true, description = "Table name") String table,
            @Arg(value = "data", required = true, description = "Column values to set") Map<String, Object> data,
            @Arg(value = "where", required = true, description = WHERE_HELP) Map<String, Object> where) {
        Map<String, Object> attempted = attempt(table, "data", data);
        attempted.put("where", where);
        return new JsonText(audit.run("db_update_records", "UPDATE", table, attempted, () -> {
            Table t = catalog.writable("table", table, "UPDATE");
            List<Column> columns = RecordSql.writableColumns(t, "data", data);
            SqlPart condition = Conditions.required(t, "where", where);
            return sql -> {
                Map<String, Object> r = RecordSql.update(sql, t, columns, data, condition);
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("table", t.name());
                result.put("updated", r.get("updated"));
                result.put("records", r.get("records"));
                Map<String, Object> changes = new LinkedHashMap<>();
                changes.put("set", data);
                changes.put("where", where);
                changes.put("before", r.get("before"));
                return new AuditLog.Outcome(Json.write(result), RecordSql.ids(r.get("ids")), changes,
                        "update " + t.name() + " " + data.keySet() + " where " + where.keySet());
            };
        }));
    }

    @Tool(name = "db_delete_records", description = "Delete every row matching where (at least one condition "
            + "required). soft_delete sets deleted_at instead, and is only possible on tables with a nullable "
            + "timestamp column deleted_at (db_get_schema shows supports_soft_delete); on such tables it is the "
            + "default. Rows still referenced by other tables cannot be deleted. Deleted rows are kept in the audit "
            + "log.", destructive = true, idempotent = true)
    public JsonText deleteRecords(
            @Arg(value = "table", required = true, description = "Table name") String table,
            @Arg(value = "where", required = true, description = WHERE_HELP) Map<String, Object> where,
            @Arg(value = "soft_delete", description = "true: set deleted_at; false: remove the rows; default: soft "
                    + "where the table supports it") Boolean softDelete) {
        JsonText declined = Confirmation.declined("db_delete_records", () -> {
            Table t = catalog.writable("table", table, "DELETE");
            long rows = db.read(sql -> Confirmation.matching(sql, t, Conditions.required(t, "where", where)));
            return (RecordSql.softDelete(t, softDelete, "soft_delete") ? "Soft-delete " : "Delete ") + rows
                    + " row(s) of " + t.name() + " matching " + Json.write(where) + "?";
        });
        if (declined != null) {
            return declined;
        }
        Map<String, Object> attempted = attempt(table, "where", where);
        attempted.put("soft_delete", softDelete);
        return new JsonText(audit.run("db_delete_records", "DELETE", table, attempted, () -> {
            Table t = catalog.writable("table", table, "DELETE");
            boolean soft = RecordSql.softDelete(t, softDelete, "soft_delete");
            SqlPart condition = Conditions.required(t, "where", where);
            return sql -> RecordSql.deleteOutcome(sql, t, condition, soft, "where", where,
                    "delete " + t.name() + " where " + where.keySet());
        }));
    }

    static Map<String, Object> attempt(String table, String key, Object value) {
        Map<String, Object> attempted = new LinkedHashMap<>();
        attempted.put("table", table);
        attempted.put(key, value);
        return attempted;
    }

    private static List<Column> projection(Table table, List<String> names) {
        if (names == null || names.isEmpty()) {
            return List.of();
        }
        Set<Column> columns = new LinkedHashSet<>();
        for (String name : names) {
            columns.add(table.requireColumn("columns", name));
        }
        return new ArrayList<>(columns);
    }

    private static String order(Table table, List<OrderBy> orderBy) {
        List<String> keys = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        if (orderBy != null) {
            for (OrderBy o : orderBy) {
                Column c = table.requireColumn("order_by", o.column());
                if (c.plainJson()) {
                    throw ToolException.invalid("order_by", "column " + c.name() + " is of type json and cannot be sorted");
                }
                keys.add("t." + c.quoted() + ("DESC".equals(o.direction()) ? " DESC" : " ASC"));
                used.add(c.name());
            }
        }
        // the natural order last, so that pages never overlap or skip rows
        for (String name : table.naturalOrder()) {
            Column c = table.column(name).orElseThrow();
            if (!used.contains(name) && !c.plainJson()) {
                keys.add("t." + Identifiers.quote(name));
            }
        }
        return keys.isEmpty() ? "t.ctid" : String.join(", ", keys);
    }
}
