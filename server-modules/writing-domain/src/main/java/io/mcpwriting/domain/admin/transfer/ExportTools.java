package io.mcpwriting.domain.admin.transfer;

import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.domain.admin.backup.BackupConfig;
import io.mcpwriting.domain.admin.backup.BackupSettings;
import io.mcpwriting.domain.admin.backup.BackupStore;
import io.mcpwriting.domain.admin.records.Conditions;
import io.mcpwriting.domain.admin.records.RecordSql;
import io.mcpwriting.domain.admin.records.SqlPart;
import io.mcpwriting.domain.admin.schema.Column;
import io.mcpwriting.domain.admin.schema.Identifiers;
import io.mcpwriting.domain.admin.schema.SchemaCatalog;
import io.mcpwriting.domain.admin.schema.Table;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.domain.admin.AdminFiles;
import io.mcpwriting.mcp.resource.WithFiles;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports rows of a table to a JSON or CSV file in the exports directory ({@code <backup dir>/exports}), read
 * in pages of one consistent snapshot. The import tools read files from the same directory.
 */
@ApplicationScoped
public class ExportTools {

    static final int PAGE = 2000;
    /** jsonb_build_array takes at most 100 arguments: columns are packed in chunks and concatenated. */
    private static final int ARRAY_CHUNK = 80;

    @Inject
    Db db;

    @Inject
    SchemaCatalog catalog;

    @Inject
    BackupConfig config;

    @Tool(name = "db_export_json", description = "Export rows of a table (optionally filtered by where, at most "
            + "limit rows, in primary-key order) to a JSON file in the exports directory: {table, exported_at, "
            + "columns, records: [...], count}. Returns the file name (exportFile) for db_import_json, and the file as a resource link (writing://admin/exports/{file_name}), the row "
            + "count and the file's SHA-256.", readOnly = true)
    public WithFiles exportJson(
            @Arg(value = "table", required = true, description = "Table name") String table,
            @Arg(value = "where", description = "Row filter, as in db_query_records") Map<String, Object> where,
            @Arg(value = "limit", min = 1, description = "At most this many rows (default: all)") Integer limit) {
        return export(table, where, limit, "json");
    }

    @Tool(name = "db_export_csv", description = "Export rows of a table (optionally filtered, at most limit rows, "
            + "in primary-key order) to a CSV file in the exports directory: a header row of column names, values "
            + "in PostgreSQL's text form (arrays as {a,b}, json as JSON text), NULL as an empty unquoted field and "
            + "the empty string as \"\". Returns the file name (exportFile) for db_import_csv, and the file as a resource link "
            + "(writing://admin/exports/{file_name}).", readOnly = true)
    public WithFiles exportCsv(
            @Arg(value = "table", required = true, description = "Table name") String table,
            @Arg(value = "where", description = "Row filter, as in db_query_records") Map<String, Object> where,
            @Arg(value = "limit", min = 1, description = "At most this many rows (default: all)") Integer limit) {
        return export(table, where, limit, "csv");
    }

    private WithFiles export(String tableName, Map<String, Object> where, Integer limit, String format) {
        long start = System.nanoTime();
        Table t = catalog.readable("table", tableName);
        SqlPart condition = Conditions.compile(t, "where", where);
        BackupSettings settings = config.settings();
        BackupStore store = new BackupStore(settings);
        Path dir = store.ensureDir(store.ensureDir(settings.dir()).resolve("exports"));
        Instant now = Instant.now();
        String name = store.newName("export", t.name(), now, "." + format);
        Path target = dir.resolve(name);
        Path partial = dir.resolve("." + name + ".partial");
        List<Column> columns = t.columns();
        long count;
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            if (format.equals("json")) {
                Map<String, Object> head = new LinkedHashMap<>();
                head.put("table", t.name());
                head.put("exported_at", now.toString());
                head.put("columns", columns.stream().map(Column::name).toList());
                String headJson = Json.write(head);
                out.write(headJson, 0, headJson.length() - 1);
                out.write(",\"records\":[");
            } else {
                Csv.writeRow(out, columns.stream().map(Column::name).toList());
            }
            count = db.write(sql -> {
                sql.update("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                return pages(sql, t, condition, limit, format, out);
            });
            if (format.equals("json")) {
                out.write("\n],\"count\":" + count + "}\n");
            }
        } catch (IOException e) {
            TempFiles.delete(partial);
            throw new UncheckedIOException("writing " + name + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            TempFiles.delete(partial);
            throw e;
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("exportFile", name);
            result.put("path", target.toString());
            result.put("format", format);
            result.put("table", t.name());
            result.put("record_count", count);
            result.put("columns", columns.stream().map(Column::name).toList());
            result.put("size_bytes", Files.size(target));
            result.put("sha256", BackupStore.sha256(target));
            result.put("where", where);
            result.put("limit", limit);
            result.put("import_with", format.equals("json") ? "db_import_json" : "db_import_csv");
            result.put("duration_ms", (System.nanoTime() - start) / 1_000_000);
            return WithFiles.of(new JsonText(Json.write(result)), AdminFiles.link(AdminFiles.EXPORTS, target,
                    t.name() + " export (" + format + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the rows page by page; the number written. */
    private long pages(Sql sql, Table t, SqlPart condition, Integer limit, String format, Writer out)
            throws SQLException {
        String order = String.join(", ", t.naturalOrder().stream().map(c -> "t." + Identifiers.quote(c)).toList());
        String row = format.equals("json") ? RecordSql.rowJson("t", null) : textArray(t.columns());
        long written = 0;
        try {
            while (limit == null || written < limit) {
                int pageSize = (int) Math.min(PAGE, limit == null ? PAGE : limit - written);
                SqlPart page = new SqlPart()
                        .append("SELECT coalesce(jsonb_agg(j ORDER BY n), '[]'::jsonb) FROM (SELECT " + row
                                + " AS j, row_number() OVER (ORDER BY " + order + ") AS n FROM " + t.quoted() + " t"
                                + (condition.isEmpty() ? "" : " WHERE "))
                        .append(condition)
                        .append(" ORDER BY " + order).bind(" LIMIT ?", pageSize).bind(" OFFSET ?", written)
                        .append(") p");
                List<Object> rows = Json.array(sql.text(page.sql(), page.paramArray()));
                for (Object r : rows) {
                    if (format.equals("json")) {
                        out.write(written == 0 ? "\n" : ",\n");
                        out.write(Json.write(r));
                    } else {
                        List<String> fields = new ArrayList<>();
                        for (Object v : (List<?>) r) {
                            fields.add(v == null ? null : v.toString());
                        }
                        Csv.writeRow(out, fields);
                    }
                    written++;
                }
                io.mcpwriting.mcp.tool.ClientChannel.current().progress(written, limit == null ? null : limit.doubleValue(),
                        written + " rows written");
                if (rows.size() < pageSize) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }

    /** Every column in PostgreSQL's text form, as one JSON array. */
    private static String textArray(List<Column> columns) {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < columns.size(); i += ARRAY_CHUNK) {
            List<Column> part = columns.subList(i, Math.min(columns.size(), i + ARRAY_CHUNK));
            chunks.add("jsonb_build_array(" + String.join(", ", part.stream().map(c -> "t." + c.quoted() + "::text")
                    .toList()) + ")");
        }
        return String.join(" || ", chunks);
    }
}
