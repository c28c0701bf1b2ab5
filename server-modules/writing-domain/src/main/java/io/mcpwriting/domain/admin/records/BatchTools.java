package io.mcpwriting.domain.admin.records;

import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.domain.admin.audit.AuditLog;
import io.mcpwriting.domain.admin.schema.Column;
import io.mcpwriting.domain.admin.schema.SchemaCatalog;
import io.mcpwriting.domain.admin.schema.Table;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Atomic batches of up to 1000 rows: all of a batch is written in one transaction, or none of it. Every item is
 * checked against the catalog before anything is written; the batch is audited as one entry listing the ids.
 */
@ApplicationScoped
public class BatchTools {

    @Inject
    SchemaCatalog catalog;

    @Inject
    AuditLog audit;

    @Inject
    io.mcpwriting.mcp.db.Db db;

    @Tool(name = "db_batch_insert", description = "Insert 1-1000 rows into one table in a single transaction: all "
            + "rows are stored or none (the error names the failing value). Rows may name different columns; "
            + "columns a row leaves out take their defaults. Returns {inserted, ids, records}. Audited.")
    public JsonText batchInsert(
            @Arg(value = "table", required = true, description = "Table name") String table,
            @Arg(value = "records", required = true, minItems = 1, maxItems = 1000,
                    description = "Rows to insert: objects mapping column names to values") List<Map<String, Object>> records) {
        Map<String, Object> attempted = RecordTools.attempt(table, "records", records);
        return new JsonText(audit.run("db_batch_insert", "BATCH_INSERT", table, attempted, () -> {
            Table t = catalog.writable("table", table, "INSERT");
            for (int i = 0; i < records.size(); i++) {
                if (records.get(i) == null) {
                    throw ToolException.invalid("records[" + i + "]", "must be an object of column values");
                }
                RecordSql.writableColumns(t, "records[" + i + "]", records.get(i));
            }
            return sql -> {
                RecordSql.Inserted inserted = RecordSql.insert(sql, t, "records", records);
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("table", t.name());
                result.put("inserted", inserted.records().size());
                result.put("ids", inserted.ids());
                result.put("records", inserted.records());
                return new AuditLog.Outcome(Json.write(result), inserted.ids(),
                        Map.of("rows", inserted.records()), "batch insert " + t.name());
            };
        }));
    }

    @Tool(name = "db_batch_update", description = "Apply 1-1000 updates to one table in a single transaction: each "
            + "item sets its data on the rows its where matches (at least one condition each). All items apply or "
            + "none. Returns {updated (total rows), items: [{index, updated}]} and, with return_records, the "
            + "updated rows. Audited with the previous values.", idempotent = true)
    public JsonText batchUpdate(
            @Arg(value = "table", required = true, description = "Table name") String table,
            @Arg(value = "updates", required = true, minItems = 1, maxItems = 1000,
                    description = "Updates, applied in order") List<BatchUpdate> updates,
            @Arg(value = "return_records", description = "Also return the updated rows (default false)")
            Boolean returnRecords) {
        Map<String, Object> attempted = RecordTools.attempt(table, "updates", updates);
        return new JsonText(audit.run("db_batch_update", "BATCH_UPDATE", table, attempted, () -> {
            Table t = catalog.writable("table", table, "UPDATE");
            List<List<Column>> columns = new ArrayList<>();
            List<SqlPart> conditions = new ArrayList<>();
            for (int i = 0; i < updates.size(); i++) {
                BatchUpdate u = updates.get(i);
                columns.add(RecordSql.writableColumns(t, "updates[" + i + "].data", u.data()));
                conditions.add(Conditions.required(t, "updates[" + i + "].where", u.where()));
            }
            return sql -> {
                // Consecutive items of the same shape (same key columns compared for equality, same columns set)
                // go in one set-based statement; any other item is its own UPDATE. One transaction holds all.
                long[] perItem = new long[updates.size()];
                List<Object> records = new ArrayList<>();
                List<Object> before = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                int i = 0;
                while (i < updates.size()) {
                    Shape shape = shape(t, updates.get(i));
                    int end = i + 1;
                    while (shape != null && end < updates.size() && shape.equals(shape(t, updates.get(end)))) {
                        end++;
                    }
                    Map<String, Object> r;
                    if (end - i > 1) {
                        List<Map<String, Object>> items = new ArrayList<>();
                        for (int j = i; j < end; j++) {
                            items.add(Map.of("where", updates.get(j).where(), "data", updates.get(j).data()));
                        }
                        r = RecordSql.updateMany(sql, t, shape.keys(t), columns.get(i), items);
                        Map<?, ?> matched = (Map<?, ?>) r.get("per_item");
                        for (Map.Entry<?, ?> e : matched.entrySet()) {
                            perItem[i + Integer.parseInt(e.getKey().toString()) - 1] = ((Number) e.getValue()).longValue();
                        }
                    } else {
                        r = RecordSql.update(sql, t, columns.get(i), updates.get(i).data(), conditions.get(i));
                        perItem[i] = ((Number) r.get("updated")).longValue();
                    }
                    records.addAll((List<?>) r.get("records"));
                    before.add(Map.of("items", List.of(i, end - 1), "before", r.get("before")));
                    ids.addAll(RecordSql.ids(r.get("ids")));
                    i = end;
                }
                List<Object> items = new ArrayList<>();
                long total = 0;
                for (int j = 0; j < perItem.length; j++) {
                    items.add(Map.of("index", j, "updated", perItem[j]));
                    total += perItem[j];
                }
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("table", t.name());
                result.put("updated", total);
                result.put("items", items);
                if (Boolean.TRUE.equals(returnRecords)) {
                    result.put("records", records);
                }
                Map<String, Object> changes = new LinkedHashMap<>();
                changes.put("updates", updates);
                changes.put("before", before);
                return new AuditLog.Outcome(Json.write(result), ids, changes,
                        "batch update " + t.name() + " x" + updates.size());
            };
        }));
    }

    /** Key columns compared for equality and columns set, when an item has that simple form; else null. */
    record Shape(List<String> keyNames, List<String> dataNames) {
        List<Column> keys(Table t) {
            return keyNames.stream().map(n -> t.column(n).orElseThrow()).toList();
        }
    }

    static Shape shape(Table t, BatchUpdate u) {
        for (Map.Entry<String, Object> e : u.where().entrySet()) {
            Object v = e.getValue();
            Column c = t.column(e.getKey()).orElse(null);
            if (v == null || v instanceof List<?> || v instanceof Map<?, ?> || c == null || c.plainJson()
                    || u.data().containsKey(e.getKey())) {
                return null;
            }
        }
        return new Shape(u.where().keySet().stream().sorted().toList(), u.data().keySet().stream().sorted().toList());
    }

    @Tool(name = "db_batch_delete", description = "Delete the rows matching any of 1-1000 conditions (each a where "
            + "object as in db_delete_records, at least one condition each) in one statement and transaction. "
            + "soft_delete as in db_delete_records. Returns {deleted, record_ids}. Deleted rows are kept in the "
            + "audit log.", destructive = true, idempotent = true)
    public JsonText batchDelete(
            @Arg(value = "table", required = true, description = "Table name") String table,
            @Arg(value = "conditions", required = true, minItems = 1, maxItems = 1000,
                    description = "Where objects; a row matching any of them is deleted") List<Map<String, Object>> conditions,
            @Arg(value = "soft_delete", description = "true: set deleted_at; false: remove; default: soft where "
                    + "supported") Boolean softDelete) {
        JsonText declined = Confirmation.declined("db_batch_delete", () -> {
            Table t = catalog.writable("table", table, "DELETE");
            long rows = db.read(sql -> Confirmation.matching(sql, t, anyOf(t, conditions)));
            return (RecordSql.softDelete(t, softDelete, "soft_delete") ? "Soft-delete " : "Delete ") + rows
                    + " row(s) of " + t.name() + " matching any of " + conditions.size() + " condition(s)?";
        });
        if (declined != null) {
            return declined;
        }
        Map<String, Object> attempted = RecordTools.attempt(table, "conditions", conditions);
        attempted.put("soft_delete", softDelete);
        return new JsonText(audit.run("db_batch_delete", "BATCH_DELETE", table, attempted, () -> {
            Table t = catalog.writable("table", table, "DELETE");
            boolean soft = RecordSql.softDelete(t, softDelete, "soft_delete");
            SqlPart any = anyOf(t, conditions);
            return sql -> RecordSql.deleteOutcome(sql, t, any, soft, "conditions", conditions,
                    "batch delete " + t.name() + " x" + conditions.size());
        }));
    }

    private static SqlPart anyOf(Table t, List<Map<String, Object>> conditions) {
        SqlPart any = new SqlPart();
        for (int i = 0; i < conditions.size(); i++) {
            SqlPart one = Conditions.required(t, "conditions[" + i + "]", conditions.get(i));
            any.append(i == 0 ? "(" : " OR (").append(one).append(")");
        }
        return any;
    }
}
