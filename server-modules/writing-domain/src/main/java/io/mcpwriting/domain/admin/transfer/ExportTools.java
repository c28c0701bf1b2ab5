package io.mcpwriting.domain.admin.transfer;

import io.mcpwriting.mcp.resource.FileResources;
import io.mcpwriting.domain.admin.AdminFiles;
import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.domain.admin.records.Conditions;
import io.mcpwriting.domain.admin.records.SqlPart;
import io.mcpwriting.domain.admin.schema.SchemaCatalog;
import io.mcpwriting.domain.admin.schema.Table;
import io.mcpwriting.mcp.resource.WithFiles;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.ClientChannel;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exports rows of a table to a JSON or CSV file in the exports directory ({@code <backup dir>/exports}),
 * streamed from one snapshot with COPY on a direct connection ({@link TableExport}), so that a table of any
 * size is written without holding it in memory and without the pool's timeouts. The file is written under a
 * hidden name and renamed into place when complete. The import tools read files from the same directory.
 */
@ApplicationScoped
public class ExportTools {

    @Inject
    SchemaCatalog catalog;

    @Inject
    TransferSite site;

    @Tool(name = "db_export_json", description = "Export rows of a table (optionally filtered by where, at most "
            + "limit rows, in primary-key order) to a JSON file in the exports directory: {table, exported_at, "
            + "columns, records: [...], count}. Any size: rows stream from one snapshot into the file, with "
            + "progress. Returns the file name (exportFile) for db_import_json, and the file as a resource link "
            + "(writing://admin/exports/{file_name}), the row count and the file's SHA-256.", readOnly = true)
    public WithFiles exportJson(
            @Arg(value = "table", required = true, description = "Table name") String table,
            @Arg(value = "where", description = "Row filter, as in db_query_records") Map<String, Object> where,
            @Arg(value = "limit", min = 1, description = "At most this many rows (default: all)") Integer limit) {
        return export(table, where, limit, ExportFormat.JSON);
    }

    @Tool(name = "db_export_csv", description = "Export rows of a table (optionally filtered, at most limit rows, "
            + "in primary-key order) to a CSV file in the exports directory: a header row of column names, values "
            + "in PostgreSQL's text form (arrays as {a,b}, json as JSON text), NULL as an empty unquoted field and "
            + "the empty string as \"\". Any size: rows stream from one snapshot into the file, with progress. "
            + "Returns the file name (exportFile) for db_import_csv, and the file as a resource link "
            + "(writing://admin/exports/{file_name}).", readOnly = true)
    public WithFiles exportCsv(
            @Arg(value = "table", required = true, description = "Table name") String table,
            @Arg(value = "where", description = "Row filter, as in db_query_records") Map<String, Object> where,
            @Arg(value = "limit", min = 1, description = "At most this many rows (default: all)") Integer limit) {
        return export(table, where, limit, ExportFormat.CSV);
    }

    private WithFiles export(String tableName, Map<String, Object> where, Integer limit, ExportFormat format) {
        long start = System.nanoTime();
        Table t = catalog.readable("table", tableName);
        SqlPart condition = Conditions.compile(t, "where", where);
        Path dir = site.exportsDir();
        Instant now = Instant.now();
        String name = site.exportName(t.name(), now, format.extension);
        Path target = dir.resolve(name);
        Path partial = dir.resolve("." + name + ".partial");
        TableExport export = new TableExport(t, condition, limit, format);
        Progress progress = new Progress(ClientChannel.current());
        MessageDigest sha256 = sha256();
        long count;
        try {
            try (OutputStream out = new BufferedOutputStream(
                    new DigestOutputStream(Files.newOutputStream(partial), sha256), 1 << 16)) {
                count = site.database().transaction(Connection.TRANSACTION_REPEATABLE_READ,
                        c -> export.write(c, out, now, progress));
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            TempFiles.delete(partial);
            throw new UncheckedIOException("writing " + name + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            TempFiles.delete(partial);
            throw e;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("exportFile", name);
        result.put("path", target.toString());
        result.put("format", format.extension);
        result.put("table", t.name());
        result.put("record_count", count);
        result.put("columns", ExportFormat.columnNames(t));
        result.put("size_bytes", size(target));
        result.put("sha256", HexFormat.of().formatHex(sha256.digest()));
        result.put("where", where);
        result.put("limit", limit);
        result.put("import_with", format.importTool);
        result.put("duration_ms", (System.nanoTime() - start) / 1_000_000);
        return WithFiles.of(new JsonText(Json.write(result)), FileResources.link(AdminFiles.EXPORTS, target,
                t.name() + " export (" + format.extension + ")"));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
