package io.mcpwriting.domain.admin.transfer;

import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.domain.admin.audit.AuditLog;
import io.mcpwriting.domain.admin.backup.BackupConfig;
import io.mcpwriting.domain.admin.backup.BackupSettings;
import io.mcpwriting.domain.admin.backup.BackupStore;
import io.mcpwriting.domain.admin.schema.Column;
import io.mcpwriting.domain.admin.schema.Names;
import io.mcpwriting.domain.admin.schema.SchemaCatalog;
import io.mcpwriting.domain.admin.schema.Table;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports JSON or CSV files from the exports directory into a table, with checks before anything is written
 * (unknown or generated columns, missing required columns, malformed JSON values) and a report of every
 * rejected row with its reason. The accepted rows are written in one transaction; conflicts on an existing key
 * follow onConflict: error (the row is rejected and reported), skip (left out, counted) or update (the existing
 * row takes the file's values). Audited as one BATCH_INSERT entry.
 */
@ApplicationScoped
public class ImportTools {

    static final int MAX_ROWS = 10_000;
    static final long MAX_BYTES = 8L * 1024 * 1024;
    private static final int REPORTED = 100;

    @Inject
    SchemaCatalog catalog;

    @Inject
    BackupConfig config;

    @Inject
    AuditLog audit;

    @Tool(name = "db_import_json", description = "Import rows into a table from a JSON file in the exports "
            + "directory (a file db_export_json wrote, or any file there holding an array of row objects or "
            + "{records: [...]}). Keys are column names. Rows with unknown columns, missing required columns or "
            + "values the database refuses are rejected and listed with their reason (row numbers from 1); the "
            + "other rows are imported in one transaction. onConflict for rows whose key exists: error (default: "
            + "reject the row), skip, or update. At most 10000 rows and 8 MiB per file. Audited.")
    public JsonText importJson(
            @Arg(value = "table", required = true, description = "Table to import into") String table,
            @Arg(value = "jsonFile", required = true, description = "File name in the exports directory") String jsonFile,
            @Arg(value = "onConflict", allowed = {"error", "skip", "update"},
                    description = "Rows whose key exists: error (default), skip or update") String onConflict) {
        return importFile("db_import_json", table, jsonFile, "jsonFile", onConflict, (t, file) -> {
            Object parsed;
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                parsed = Json.value(in);
            } catch (IOException | RuntimeException e) {
                throw ToolException.invalid("jsonFile", file.getFileName() + " is not valid JSON");
            }
            List<?> items;
            if (parsed instanceof List<?> list) {
                items = list;
            } else if (parsed instanceof Map<?, ?> map && map.get("records") instanceof List<?> list) {
                items = list;
            } else {
                throw ToolException.invalid("jsonFile", "expected an array of row objects or {\"records\": [...]}");
            }
            if (items.size() > MAX_ROWS) {
                throw ToolException.invalid("jsonFile", "holds " + items.size() + " rows; at most " + MAX_ROWS
                        + " per import (split the file)");
            }
            Parsed result = new Parsed(items.size());
            for (int i = 0; i < items.size(); i++) {
                int row = i + 1;
                if (!(items.get(i) instanceof Map<?, ?> m)) {
                    result.rejected.add(new Importer.Rejected(row, "not an object of column values"));
                    continue;
                }
                Map<String, Object> values = new LinkedHashMap<>();
                m.forEach((k, v) -> values.put(String.valueOf(k), v));
                check(t, row, values, result);
            }
            return result;
        });
    }

    @Tool(name = "db_import_csv", description = "Import rows into a table from a CSV file in the exports directory "
            + "(RFC 4180; UTF-8). With hasHeaders (default true) the first row names the columns; without, the "
            + "fields are the table's columns in order. Values in PostgreSQL's text form (as db_export_csv writes "
            + "them); an empty unquoted field is NULL, \"\" the empty string. Rejected rows are listed with their "
            + "line number and reason; the others are imported in one transaction. onConflict for rows whose key "
            + "exists: error (default: reject the row), skip, or update. At most 10000 rows and 8 MiB. Audited.")
    public JsonText importCsv(
            @Arg(value = "table", required = true, description = "Table to import into") String table,
            @Arg(value = "csvFile", required = true, description = "File name in the exports directory") String csvFile,
            @Arg(value = "hasHeaders", description = "First row holds column names (default true)") Boolean hasHeaders,
            @Arg(value = "onConflict", allowed = {"error", "skip", "update"},
                    description = "Rows whose key exists: error (default), skip or update") String onConflict) {
        return importFile("db_import_csv", table, csvFile, "csvFile", onConflict, (t, file) -> {
            List<Csv.Row> rows;
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                rows = Csv.read(in, MAX_ROWS + 1);
            } catch (IOException e) {
                throw ToolException.invalid("csvFile", file.getFileName() + " is not readable CSV: " + e.getMessage());
            }
            List<String> header;
            if (!Boolean.FALSE.equals(hasHeaders)) {
                if (rows.isEmpty()) {
                    throw ToolException.invalid("csvFile", "the file is empty; expected a header row");
                }
                header = new ArrayList<>();
                for (String name : rows.remove(0).fields()) {
                    String n = name == null ? "" : name.strip();
                    Column c = t.column(n).orElseThrow(() -> ToolException.invalid("csvFile", "header names "
                            + Names.shown(n) + ", which is not a column of " + t.name()));
                    if (header.contains(c.name())) {
                        throw ToolException.invalid("csvFile", "header names column " + c.name() + " twice");
                    }
                    header.add(c.name());
                }
            } else {
                header = t.columns().stream().filter(c -> !c.generated()).map(Column::name).toList();
            }
            if (rows.size() > MAX_ROWS) {
                throw ToolException.invalid("csvFile", "holds more than " + MAX_ROWS + " rows (split the file)");
            }
            Parsed result = new Parsed(rows.size());
            for (Csv.Row r : rows) {
                if (r.fields().size() != header.size()) {
                    result.rejected.add(new Importer.Rejected(r.line(), "has " + r.fields().size() + " fields, "
                            + "expected " + header.size()));
                    continue;
                }
                Map<String, Object> values = new LinkedHashMap<>();
                String bad = null;
                for (int i = 0; i < header.size(); i++) {
                    Column c = t.column(header.get(i)).orElseThrow();
                    String text = r.fields().get(i);
                    if (text != null && c.json()) {
                        try {
                            values.put(c.name(), Json.value(text));
                        } catch (RuntimeException e) {
                            bad = "column " + c.name() + " is not valid JSON";
                            break;
                        }
                    } else {
                        values.put(c.name(), text);
                    }
                }
                if (bad != null) {
                    result.rejected.add(new Importer.Rejected(r.line(), bad));
                } else {
                    check(t, r.line(), values, result);
                }
            }
            return result;
        });
    }

    /** Rows read from a file: the ones to write and the ones refused already. */
    static final class Parsed {
        final int total;
        final List<Importer.Candidate> accepted = new ArrayList<>();
        final List<Importer.Rejected> rejected = new ArrayList<>();

        Parsed(int total) {
            this.total = total;
        }
    }

    @FunctionalInterface
    interface FileReader {
        Parsed read(Table table, Path file);
    }

    /** The checks a row passes before the database sees it. */
    private static void check(Table t, int row, Map<String, Object> values, Parsed result) {
        for (String key : values.keySet()) {
            Column c = t.column(key).orElse(null);
            if (c == null) {
                result.rejected.add(new Importer.Rejected(row, "unknown column " + Names.shown(key)));
                return;
            }
            if (c.generated() || "a".equals(c.identity())) {
                result.rejected.add(new Importer.Rejected(row, "column " + key + " is generated and cannot be set"));
                return;
            }
        }
        for (Column c : t.columns()) {
            if (!c.optionalOnInsert() && values.get(c.name()) == null) {
                result.rejected.add(new Importer.Rejected(row, "missing required column " + c.name()));
                return;
            }
        }
        if (values.isEmpty()) {
            result.rejected.add(new Importer.Rejected(row, "no column values"));
            return;
        }
        result.accepted.add(new Importer.Candidate(row, values));
    }

    private JsonText importFile(String tool, String tableName, String fileName, String fileArg, String onConflict,
            FileReader reader) {
        String mode = onConflict == null ? "error" : onConflict;
        Map<String, Object> attempted = new LinkedHashMap<>();
        attempted.put("kind", "import");
        attempted.put("table", tableName);
        attempted.put("file", fileName);
        attempted.put("on_conflict", mode);
        return new JsonText(audit.run(tool, "BATCH_INSERT", tableName, attempted, () -> {
            Table t = catalog.writable("table", tableName, "INSERT");
            if ("update".equals(mode) && !t.may("UPDATE")) {
                throw ToolException.invalid("onConflict", "the application role may not UPDATE table " + t.name());
            }
            BackupSettings settings = config.settings();
            Path file = BackupStore.inside(fileArg, fileName, settings.exportsDir());
            try {
                if (!Files.isRegularFile(file)) {
                    throw ToolException.notFound("file", Names.shown(fileName) + " in " + settings.exportsDir());
                }
                if (Files.size(file) > MAX_BYTES) {
                    throw ToolException.invalid(fileArg, "the file is larger than " + (MAX_BYTES >> 20) + " MiB");
                }
            } catch (IOException e) {
                throw ToolException.invalid(fileArg, "cannot read " + file.getFileName());
            }
            Parsed parsed = reader.read(t, file);
            long start = System.nanoTime();
            return sql -> {
                Importer.Report report = new Importer(t, mode).run(sql, parsed.accepted, parsed.rejected);
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("table", t.name());
                result.put("file", file.getFileName().toString());
                result.put("on_conflict", mode);
                result.put("total_rows", parsed.total);
                result.put("imported", report.inserted);
                result.put("updated", report.updated);
                result.put("skipped", report.skipped);
                result.put("rejected", report.rejected.size());
                result.put("rejected_rows", report.rejected.stream().limit(REPORTED)
                        .map(r -> Map.of("row", r.row(), "reason", r.reason())).toList());
                result.put("rejected_rows_truncated", report.rejected.size() > REPORTED);
                result.put("ids", report.ids);
                result.put("duration_ms", (System.nanoTime() - start) / 1_000_000);
                Map<String, Object> changes = new LinkedHashMap<>(attempted);
                changes.put("imported", report.inserted);
                changes.put("updated", report.updated);
                changes.put("skipped", report.skipped);
                changes.put("rejected", report.rejected.size());
                return new AuditLog.Outcome(Json.write(result), report.ids, changes,
                        "import " + t.name() + " " + mode);
            };
        }));
    }
}
