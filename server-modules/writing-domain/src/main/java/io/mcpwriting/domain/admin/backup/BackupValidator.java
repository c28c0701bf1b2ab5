package io.mcpwriting.domain.admin.backup;

import io.mcpwriting.domain.admin.backup.ValidationReport.ArchiveFound;
import io.mcpwriting.domain.admin.backup.ValidationReport.Check;
import io.mcpwriting.domain.admin.backup.ValidationReport.DataFound;
import io.mcpwriting.domain.admin.backup.ValidationReport.Described;
import io.mcpwriting.domain.admin.backup.ValidationReport.IncrementalFound;
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

    ValidationReport validate(Path backup) {
        String backupFile = backup.getFileName().toString();
        List<Check> checks = new ArrayList<>();
        Manifest manifest;
        try {
            manifest = Manifest.read(backup);
            checks.add(new Check("manifest", true, Manifest.pathFor(backup).getFileName().toString()));
        } catch (IOException | RuntimeException e) {
            checks.add(new Check("manifest", false, "missing or unreadable: "
                    + Manifest.pathFor(backup).getFileName()));
            return ValidationReport.of(backupFile, null, null, checks);
        }
        Described described = new Described(manifest.type(), manifest.string("created_at"), manifest.flag("encrypted"));
        try {
            long size = Files.size(backup);
            Object expected = manifest.get("size_bytes");
            boolean sizeOk = expected instanceof Number n && n.longValue() == size;
            checks.add(new Check("size", sizeOk, size + " bytes" + (sizeOk ? "" : ", manifest says " + expected)));
        } catch (IOException e) {
            checks.add(new Check("size", false, e.getMessage()));
        }
        String problem = reader.checksumProblem(backup, manifest);
        checks.add(new Check("sha256", problem == null, problem == null ? manifest.sha256() : problem));
        if (problem != null) {
            checks.add(new Check("restore_listing", false, "not attempted: the checksum does not match"));
            return ValidationReport.of(backupFile, described, null, checks);
        }
        DataFound data = null;
        try {
            data = reader.withPlain(backup, manifest, plain -> {
                if (manifest.flag("encrypted")) {
                    checks.add(new Check("decryption", true, "decrypted and authenticated ("
                            + manifest.string("encryption") + ")"));
                }
                return BackupReader.isArchive(manifest) ? readArchive(plain, manifest, checks)
                        : readIncremental(plain, manifest, checks);
            });
        } catch (BackupException e) {
            checks.add(failure(manifest, e));
        }
        return ValidationReport.of(backupFile, described, data, checks);
    }

    /** The check a failure to decrypt or read the data fails. */
    private static Check failure(Manifest manifest, BackupException e) {
        return new Check(manifest.flag("encrypted") ? "decryption" : "restore_listing", false, e.getMessage());
    }

    /** Lists the archive with pg_restore, then reads all of its data and compares the rows with the manifest. */
    private ArchiveFound readArchive(Path plain, Manifest manifest, List<Check> checks) {
        PgTools.Result list = pg.run("pg_restore", List.of("--list", plain.toString()), null);
        boolean ok = list.ok();
        long entries = ok ? list.stdout().lines().filter(l -> !l.isBlank() && !l.startsWith(";")).count() : 0;
        long dataEntries = ok ? list.stdout().lines().filter(l -> l.contains(" TABLE DATA ")).count() : 0;
        checks.add(new Check("restore_listing", ok, ok ? "pg_restore --list: " + entries + " entries, "
                + dataEntries + " with table data" : PgTools.errorLines(list.stderr())));
        if (!ok || !manifest.flag("data_included")) {
            return new ArchiveFound(entries, null);
        }
        Map<String, Long> counts;
        try {
            counts = RowCounts.inArchive(pg, plain);
        } catch (BackupException e) {
            checks.add(failure(manifest, e));
            return new ArchiveFound(entries, null);
        }
        checks.add(compareCounts("rows", manifest, counts));
        return new ArchiveFound(entries, RowCounts.rows(counts));
    }

    /** Reads the COPY data of an incremental backup and compares its rows (and keys) with the manifest. */
    private IncrementalFound readIncremental(Path plain, Manifest manifest, List<Check> checks) {
        List<TableRows> tables = null;
        try (InputStream in = BackupReader.incrementalData(plain)) {
            List<CopyData.Block> blocks = CopyData.count(in);
            Map<String, Long> counts = RowCounts.perTable(blocks, false);
            checks.add(new Check("restore_listing", true, counts.size() + " tables of COPY data readable"));
            checks.add(compareCounts("rows", manifest, counts));
            if (manifest.flag("deletes_captured")) {
                checks.add(compareCounts("keys", manifest, RowCounts.perTable(blocks, true)));
            }
            tables = RowCounts.rows(counts);
        } catch (IOException e) {
            checks.add(new Check("restore_listing", false, "unreadable data: " + e.getMessage()));
        }
        String base = manifest.string("base_backup");
        boolean baseThere = base != null && Files.exists(store.dir().resolve(base));
        return new IncrementalFound(tables, base, baseThere);
    }

    /** Compares the rows (or keys) the data holds per table with the manifest's {@code field} of its tables. */
    private static Check compareCounts(String field, Manifest manifest, Map<String, Long> counts) {
        Map<String, Long> expected = new LinkedHashMap<>();
        for (Map<String, Object> t : manifest.tables()) {
            if (t.get(field) instanceof Number n) {
                expected.put((String) t.get("name"), n.longValue());
            }
        }
        boolean same = expected.equals(counts);
        String name = field.equals("rows") ? "row_counts" : "key_counts";
        return new Check(name, same, same ? RowCounts.total(counts) + " " + field + " in " + counts.size()
                + " tables, as recorded" : "the data holds " + counts + ", the manifest records " + expected);
    }
}
