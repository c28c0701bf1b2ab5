package io.mcpwriting.domain.admin.transfer;

import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.domain.admin.audit.AuditLog;
import io.mcpwriting.domain.admin.backup.BackupStore;
import io.mcpwriting.domain.admin.backup.BackupToolErrors;
import io.mcpwriting.domain.admin.schema.Names;
import io.mcpwriting.domain.admin.schema.SchemaCatalog;
import io.mcpwriting.domain.admin.schema.Table;
import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.ClientChannel;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Imports JSON or CSV files from the exports directory into a table, with checks before anything is written
 * (unknown or generated columns, missing required columns, malformed JSON values) and a report of the rejected
 * rows with their reason. The file streams through a staging table ({@link TableImport}) on a direct connection,
 * and the accepted rows are written in one transaction with the audit entry (one BATCH_INSERT): all of it, or
 * nothing when the import fails. Conflicts on an existing key follow onConflict: error (the row is rejected and
 * reported), skip (left out, counted) or update (the existing row takes the file's values).
 */
@ApplicationScoped
public class ImportTools {

    static final long MAX_BYTES = 2L << 30;

    @Inject
    SchemaCatalog catalog;

    @Inject
    TransferSite site;

    @Inject
    AuditLog audit;

    @Tool(name = "db_import_json", description = "Import rows into a table from a JSON file in the exports "
            + "directory (a file db_export_json wrote, or any file there holding an array of row objects or "
            + "{records: [...]}). Keys are column names. Rows with unknown columns, missing required columns or "
            + "values the database refuses are rejected and listed with their reason (row numbers from 1; the "
            + "first 100); the other rows are imported in one transaction. onConflict for rows whose key exists: "
            + "error (default: reject the row), skip, or update. Files up to 2 GiB stream in with progress; the "
            + "result lists the first 1000 ids. Audited.")
    public JsonText importJson(
            @Arg(value = "table", required = true, description = "Table to import into") String table,
            @Arg(value = "jsonFile", required = true, description = "File name in the exports directory") String jsonFile,
            @Arg(value = "onConflict", allowed = {"error", "skip", "update"},
                    description = "Rows whose key exists: error (default), skip or update") String onConflict) {
        return importFile("db_import_json", table, jsonFile, JsonSource.ARGUMENT, onConflict,
                (t, file) -> new JsonSource(file));
    }

    @Tool(name = "db_import_csv", description = "Import rows into a table from a CSV file in the exports directory "
            + "(RFC 4180; UTF-8). With hasHeaders (default true) the first row names the columns; without, the "
            + "fields are the table's columns in order. Values in PostgreSQL's text form (as db_export_csv writes "
            + "them); an empty unquoted field is NULL, \"\" the empty string. Rejected rows are listed with their "
            + "line number and reason (the first 100); the others are imported in one transaction. onConflict for "
            + "rows whose key exists: error (default: reject the row), skip, or update. Files up to 2 GiB stream in "
            + "with progress; the result lists the first 1000 ids. Audited.")
    public JsonText importCsv(
            @Arg(value = "table", required = true, description = "Table to import into") String table,
            @Arg(value = "csvFile", required = true, description = "File name in the exports directory") String csvFile,
            @Arg(value = "hasHeaders", description = "First row holds column names (default true)") Boolean hasHeaders,
            @Arg(value = "onConflict", allowed = {"error", "skip", "update"},
                    description = "Rows whose key exists: error (default), skip or update") String onConflict) {
        return importFile("db_import_csv", table, csvFile, CsvSource.ARGUMENT, onConflict,
                (t, file) -> new CsvSource(t, file, !Boolean.FALSE.equals(hasHeaders)));
    }

    /** Opens a file's rows for a table. */
    @FunctionalInterface
    interface SourceOpener {
        ImportSource open(Table table, Path file) throws IOException;
    }

    private JsonText importFile(String tool, String tableName, String fileName, String fileArg, String onConflict,
            SourceOpener opener) {
        long start = System.nanoTime();
        String mode = onConflict == null ? "error" : onConflict;
        Map<String, Object> attempted = new LinkedHashMap<>();
        attempted.put("kind", "import");
        attempted.put("table", tableName);
        attempted.put("file", fileName);
        attempted.put("on_conflict", mode);
        try {
            Table t = catalog.writable("table", tableName, "INSERT");
            if ("update".equals(mode) && !t.may("UPDATE")) {
                throw ToolException.invalid("onConflict", "the application role may not UPDATE table " + t.name());
            }
            Path file = existingFile(fileArg, fileName);
            Progress progress = new Progress(ClientChannel.current());
            return new JsonText(site.database().transaction(Connection.TRANSACTION_READ_COMMITTED, c -> {
                TableImport.Outcome outcome;
                try (ImportSource source = opener.open(t, file)) {
                    outcome = new TableImport(t, mode).run(c, source, progress);
                }
                Importer.Report report = outcome.report();
                Map<String, Object> changes = new LinkedHashMap<>(attempted);
                changes.put("imported", report.inserted);
                changes.put("updated", report.updated);
                changes.put("skipped", report.skipped);
                changes.put("rejected", report.rejected.count());
                audit.recordSuccess(Sql.over(c), tool, "BATCH_INSERT", t.name(), report.ids, changes, start);
                return Json.write(result(t, file, mode, outcome, start));
            }));
        } catch (RuntimeException e) {
            audit.recordFailure(tool, "BATCH_INSERT", tableName, attempted, e, (System.nanoTime() - start) / 1_000_000);
            throw e;
        }
    }

    private Path existingFile(String fileArg, String fileName) {
        Path dir = site.exportsDir();
        Path file = BackupToolErrors.translated(() -> BackupStore.inside(fileArg, fileName, dir));
        try {
            if (!Files.isRegularFile(file)) {
                throw ToolException.notFound("file", Names.shown(fileName) + " in " + dir);
            }
            if (Files.size(file) > MAX_BYTES) {
                throw ToolException.invalid(fileArg, "the file is larger than " + (MAX_BYTES >> 30) + " GiB");
            }
        } catch (IOException e) {
            throw ToolException.invalid(fileArg, "cannot read " + file.getFileName());
        }
        return file;
    }

    private static Map<String, Object> result(Table t, Path file, String mode, TableImport.Outcome outcome,
            long start) {
        Importer.Report report = outcome.report();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("table", t.name());
        result.put("file", file.getFileName().toString());
        result.put("on_conflict", mode);
        result.put("total_rows", outcome.totalRows());
        result.put("imported", report.inserted);
        result.put("updated", report.updated);
        result.put("skipped", report.skipped);
        result.put("rejected", report.rejected.count());
        result.put("rejected_rows", report.rejected.first().stream()
                .map(r -> Map.of("row", r.row(), "reason", r.reason())).toList());
        result.put("rejected_rows_truncated", report.rejected.truncated());
        result.put("ids", report.ids);
        result.put("ids_truncated", report.idsTruncated());
        result.put("duration_ms", (System.nanoTime() - start) / 1_000_000);
        return result;
    }
}
