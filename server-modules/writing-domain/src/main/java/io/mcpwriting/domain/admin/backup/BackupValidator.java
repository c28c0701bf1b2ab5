package io.mcpwriting.domain.admin.backup;

import io.mcpwriting.mcp.tool.ToolException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a backup without touching the database: manifest, size, SHA-256, decryption (authenticated), then a test
 * restore listing ({@code pg_restore --list}) and a full read of the data with row counts compared to the manifest
 * (incremental backups: decompression and COPY structure).
 */
final class BackupValidator {

    private final BackupStore store;
    private final BackupReader reader;
    private final PgTools pg;

    BackupValidator(BackupStore store, BackupReader reader, PgTools pg) {
        this.store = store;
        this.reader = reader;
        this.pg = pg;
    }

    Map<String, Object> validate(Path backup) {
        List<Map<String, Object>> checks = new ArrayList<>();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("backupFile", backup.getFileName().toString());
        Manifest manifest;
        try {
            manifest = Manifest.read(backup);
            check(checks, "manifest", true, Manifest.pathFor(backup).getFileName().toString());
        } catch (IOException | RuntimeException e) {
            check(checks, "manifest", false, "missing or unreadable: " + Manifest.pathFor(backup).getFileName());
            return done(report, checks);
        }
        report.put("type", manifest.type());
        report.put("created_at", manifest.string("created_at"));
        report.put("encrypted", manifest.flag("encrypted"));
        try {
            long size = Files.size(backup);
            Object expected = manifest.get("size_bytes");
            boolean sizeOk = expected instanceof Number n && n.longValue() == size;
            check(checks, "size", sizeOk, size + " bytes" + (sizeOk ? "" : ", manifest says " + expected));
        } catch (IOException e) {
            check(checks, "size", false, e.getMessage());
        }
        String problem = reader.checksumProblem(backup, manifest);
        check(checks, "sha256", problem == null, problem == null ? manifest.sha256() : problem);
        if (problem != null) {
            check(checks, "restore_listing", false, "not attempted: the checksum does not match");
            return done(report, checks);
        }
        try {
            reader.withPlain(backup, manifest, plain -> {
                if (manifest.flag("encrypted")) {
                    check(checks, "decryption", true, "decrypted and authenticated (" + manifest.string("encryption")
                            + ")");
                }
                if (BackupReader.isArchive(manifest)) {
                    PgTools.Result list = pg.run("pg_restore", List.of("--list", plain.toString()), null);
                    boolean ok = list.ok();
                    long entries = ok ? list.stdout().lines().filter(l -> !l.isBlank() && !l.startsWith(";")).count() : 0;
                    long dataEntries = ok ? list.stdout().lines().filter(l -> l.contains(" TABLE DATA ")).count() : 0;
                    check(checks, "restore_listing", ok, ok ? "pg_restore --list: " + entries + " entries, "
                            + dataEntries + " with table data" : PgTools.errorLines(list.stderr()));
                    report.put("archive_entries", entries);
                    if (ok && manifest.flag("data_included")) {
                        Map<String, Long> counts = RowCounts.inArchive(pg, plain);
                        compareCounts(checks, "rows", manifest, counts);
                        report.put("tables", RowCounts.list(counts));
                    }
                } else {
                    try (InputStream in = BackupReader.incrementalData(plain)) {
                        List<CopyData.Block> blocks = CopyData.count(in);
                        Map<String, Long> counts = RowCounts.perTable(blocks, false);
                        check(checks, "restore_listing", true, counts.size() + " tables of COPY data readable");
                        compareCounts(checks, "rows", manifest, counts);
                        if (manifest.flag("deletes_captured")) {
                            compareCounts(checks, "keys", manifest, RowCounts.perTable(blocks, true));
                        }
                        report.put("tables", RowCounts.list(counts));
                    } catch (IOException e) {
                        check(checks, "restore_listing", false, "unreadable data: " + e.getMessage());
                    }
                    String base = manifest.string("base_backup");
                    boolean baseThere = base != null && Files.exists(store.dir().resolve(base));
                    report.put("base_backup", base);
                    report.put("base_backup_present", baseThere);
                }
                return null;
            });
        } catch (ToolException e) {
            check(checks, manifest.flag("encrypted") ? "decryption" : "restore_listing", false, e.getMessage());
        }
        return done(report, checks);
    }

    /** Compares the rows (or keys) the data holds per table with the manifest's {@code field} of its tables. */
    private static void compareCounts(List<Map<String, Object>> checks, String field, Manifest manifest,
            Map<String, Long> counts) {
        Map<String, Long> expected = new LinkedHashMap<>();
        for (Map<String, Object> t : manifest.tables()) {
            if (t.get(field) instanceof Number n) {
                expected.put((String) t.get("name"), n.longValue());
            }
        }
        boolean same = expected.equals(counts);
        String name = field.equals("rows") ? "row_counts" : "key_counts";
        check(checks, name, same, same ? RowCounts.total(counts) + " " + field + " in " + counts.size()
                + " tables, as recorded" : "the data holds " + counts + ", the manifest records " + expected);
    }

    private static void check(List<Map<String, Object>> checks, String name, boolean ok, String detail) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("check", name);
        c.put("ok", ok);
        c.put("detail", detail);
        checks.add(c);
    }

    private static Map<String, Object> done(Map<String, Object> report, List<Map<String, Object>> checks) {
        boolean valid = checks.stream().allMatch(c -> Boolean.TRUE.equals(c.get("ok")));
        report.put("valid", valid);
        report.put("checks", checks);
        report.put("problems", checks.stream().filter(c -> !Boolean.TRUE.equals(c.get("ok")))
                .map(c -> c.get("check") + ": " + c.get("detail")).toList());
        return report;
    }
}
