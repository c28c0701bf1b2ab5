package io.mcpwriting.domain.admin.backup;

import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.domain.admin.schema.Identifiers;
import io.mcpwriting.domain.admin.schema.Names;
import io.mcpwriting.mcp.tool.ErrorKind;
import io.mcpwriting.mcp.tool.ToolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Backups and restores with PostgreSQL's own tools over the direct connection, usable from the MCP tools and
 * from the command line alike (it needs no container and no pool).
 *
 * <ul>
 * <li>Full and table backups: {@code pg_dump --format=custom} (compressed inside the archive unless asked not
 * to), streamed through optional encryption (OpenPGP, or the deprecated AES-256-GCM format: see
 * {@link BackupEncryption}) into the backup directory; SHA-256 over the stored bytes in the manifest.</li>
 * <li>Incremental backups: everything changed since a base backup, deletes included ({@link IncrementalBackup}),
 * applied on top of the base by a restore with {@code dropExisting}.</li>
 * <li>Restores run in one transaction ({@code pg_restore --single-transaction} or one psql script with
 * {@code ON_ERROR_STOP}), after the checksum and the archive were verified; a failure changes nothing.</li>
 * </ul>
 * Every backup's manifest records its snapshot's {@link ChangeHorizon}, where later incrementals start.
 */
public final class BackupEngine {

    private final BackupSettings settings;
    private final BackupStore store;
    private final PgTools pg;

    public BackupEngine(BackupSettings settings) {
        this.settings = settings;
        this.store = new BackupStore(settings);
        this.pg = new PgTools(settings);
    }

    public BackupStore store() {
        return store;
    }

    public BackupSettings settings() {
        return settings;
    }

    /** How a restore treats rows already in the database. */
    public enum Conflict {
        ERROR, SKIP, OVERWRITE
    }

    /** Who restores, for the audit row: user id and client details. */
    public record Caller(String userId, Map<String, Object> clientInfo) {
    }

    // ------------------------------------------------------------------ catalog

    public LiveCatalog liveCatalog() {
        PgTools.Result r = pg.run("psql", psqlArgs("-c", LiveCatalog.QUERY), null);
        PgTools.check("reading the catalog through psql (" + settings.connection() + ")", r);
        return LiveCatalog.parse(r.stdout());
    }

    List<String> psqlArgs(String... extra) {
        List<String> args = new ArrayList<>(settings.connection().options());
        args.addAll(List.of("--dbname=" + settings.connection().database(), "-X", "-q", "-A", "-t"));
        args.addAll(List.of(extra));
        return args;
    }

    PgTools pg() {
        return pg;
    }

    private String toolVersion(String tool) {
        PgTools.Result r = pg.run(tool, List.of("--version"), null);
        return r.ok() ? r.stdout().strip() : null;
    }

    // ------------------------------------------------------------------ backups

    /** A full backup: every table (schema and data, or data only) of the database. */
    public Manifest backupFull(boolean compress, boolean includeSchema) {
        List<String> args = new ArrayList<>(List.of("--format=custom", "--compress=" + (compress ? 6 : 0)));
        if (!includeSchema) {
            args.add("--data-only");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "full");
        m.put("schema_included", includeSchema);
        m.put("data_included", true);
        return dump("full", null, args, compress, m);
    }

    /** One table's definition and/or rows. */
    public Manifest backupTable(String table, boolean dataOnly, boolean schemaOnly, boolean compress) {
        if (dataOnly && schemaOnly) {
            throw ToolException.invalid("dataOnly", "dataOnly and schemaOnly exclude each other");
        }
        List<String> args = new ArrayList<>(List.of("--format=custom", "--compress=" + (compress ? 6 : 0),
                "--table=" + Identifiers.quote("public") + "." + Identifiers.quote(table)));
        if (dataOnly) {
            args.add("--data-only");
        }
        if (schemaOnly) {
            args.add("--schema-only");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "table");
        m.put("table", table);
        m.put("schema_included", !dataOnly);
        m.put("data_included", !schemaOnly);
        return dump("table", table, args, compress, m);
    }

    private Manifest dump(String type, String table, List<String> dumpArgs, boolean compress, Map<String, Object> m) {
        long start = System.nanoTime();
        store.ensureDir(store.dir());
        BackupCipher cipher = settings.encryption().forNewBackups();
        LiveCatalog live = liveCatalog();
        Instant now = Instant.now();
        String name = store.newName(type, table, now, ".dump" + cipher.extension());
        Path target = store.dir().resolve(name);
        List<String> args = new ArrayList<>(settings.connection().options());
        args.addAll(dumpArgs);
        args.add("--dbname=" + settings.connection().database());
        Path work = store.scratch();
        try {
            // rows are counted in the archive as written: the backup itself, or a private plain copy of what was
            // encrypted (the server may hold public keys only, and cannot decrypt what it wrote)
            Path archive = cipher.encrypts() ? work.resolve("archive.dump") : target;
            String sha = writeThrough(target, cipher, sink -> {
                try (OutputStream copy = cipher.encrypts()
                        ? new java.io.BufferedOutputStream(Files.newOutputStream(archive), 1 << 16)
                        : OutputStream.nullOutputStream()) {
                    PgTools.check("pg_dump", pg.copy("pg_dump", args, new Tee(sink, copy)));
                }
            });
            Manifest manifest = new Manifest(m);
            manifest.with("file", name).with("format", "custom (pg_dump)").with("created_at", now.toString())
                    .with("snapshot_time", live.now()).with("change_horizon", live.horizon().fields())
                    .with("database", live.database())
                    .with("server_version", live.serverVersion()).with("pg_dump_version", toolVersion("pg_dump"))
                    .with("compressed", compress);
            cipher.manifestFields().forEach(manifest::with);
            if (manifest.flag("data_included")) {
                Map<String, Long> counts = countArchiveRows(archive);
                manifest.with("tables", rowsList(counts)).with("total_rows", total(counts));
            } else {
                manifest.with("tables", List.of()).with("total_rows", 0);
            }
            return finish(target, manifest, sha, start);
        } finally {
            BackupStore.deleteTree(work);
        }
    }

    /** Everything changed since a base backup (null: the newest full backup), deletes included. */
    public Manifest backupIncremental(String baseBackup) {
        return new IncrementalBackup(this).write(baseBackup);
    }

    Manifest finish(Path target, Manifest manifest, String sha, long start) {
        try {
            manifest.with("size_bytes", Files.size(target)).with("sha256", sha)
                    .with("duration_ms", (System.nanoTime() - start) / 1_000_000)
                    .with("tool", "mcp-writing database-admin");
            manifest.write(target);
            return manifest;
        } catch (IOException e) {
            PgTools.deleteQuietly(target);
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a backup file: bytes go (encrypted as {@code cipher} says) to a partial file, renamed when complete.
     * Returns the SHA-256 of the stored bytes.
     */
    String writeThrough(Path target, BackupCipher cipher, SinkWriter writer) {
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        String fileName = target.getFileName().toString();
        String plainName = fileName.substring(0, fileName.length() - cipher.extension().length());
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (OutputStream file = Files.newOutputStream(partial);
                    DigestOutputStream hashed = new DigestOutputStream(new java.io.BufferedOutputStream(file, 1 << 16),
                            digest);
                    OutputStream sink = cipher.encrypting(hashed, plainName)) {
                writer.write(sink);
            }
            restrict(partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + target.getFileName() + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            PgTools.deleteQuietly(partial);
        }
    }

    @FunctionalInterface
    interface SinkWriter {
        void write(OutputStream sink) throws IOException;
    }

    /** Copies what pg_dump writes into the backup and into a plain copy; closes neither (their owners do). */
    private static final class Tee extends OutputStream {
        private final OutputStream backup;
        private final OutputStream copy;

        Tee(OutputStream backup, OutputStream copy) {
            this.backup = backup;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            backup.write(b);
            copy.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            backup.write(b, off, len);
            copy.write(b, off, len);
        }
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system; the directory is owner-only anyway
        }
    }

    // ------------------------------------------------------------------ reading backups

    Manifest readManifest(String argument, Path backup) {
        try {
            return Manifest.read(backup);
        } catch (IOException | RuntimeException e) {
            throw ToolException.invalid(argument, backup.getFileName() + " has no readable manifest ("
                    + backup.getFileName() + Manifest.SUFFIX + "); it cannot be verified");
        }
    }

    /** The checksum check every use of a backup starts with; null when it matches, else what is wrong. */
    private String checksumProblem(Path backup, Manifest manifest) {
        String expected = manifest.sha256();
        if (expected == null) {
            return "the manifest has no sha256";
        }
        String actual = BackupStore.sha256(backup);
        if (!expected.equalsIgnoreCase(actual)) {
            return "SHA-256 mismatch: the manifest says " + expected + ", the file has " + actual
                    + " (the file is corrupted or was changed)";
        }
        return null;
    }

    /**
     * Runs {@code work} on the unencrypted archive (decrypted into a private scratch file when needed, with the
     * key its stored format needs, whatever new backups use).
     */
    private <T> T withPlain(Path backup, Manifest manifest, PlainWork<T> work) {
        StoredFormat format;
        try {
            format = StoredFormat.of(backup);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (format == StoredFormat.PLAIN) {
            try {
                return work.apply(backup);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path work2 = store.scratch();
        try {
            Path plain = work2.resolve("plain");
            try (InputStream in = settings.encryption().decrypting(format, backup)) {
                Files.copy(in, plain);
            } catch (IOException e) {
                throw new ToolException(ErrorKind.VALIDATION, backup.getFileName() + ": " + e.getMessage());
            }
            return work.apply(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            BackupStore.deleteTree(work2);
        }
    }

    @FunctionalInterface
    private interface PlainWork<T> {
        T apply(Path plain) throws IOException;
    }

    private static boolean isArchive(Manifest manifest) {
        return !"incremental".equals(manifest.type());
    }

    /** Row counts per table of a custom archive, by reading all of its data through pg_restore. */
    private Map<String, Long> countArchiveRows(Path archive) {
        Map<String, Long> counts = new LinkedHashMap<>();
        PgTools.Result r = pg.stream("pg_restore", List.of("--data-only", "--file=-", archive.toString()), null,
                in -> counts.putAll(rowsPerTable(CopyData.count(in), false)));
        PgTools.check("pg_restore (reading the archive's data)", r);
        return counts;
    }

    /** Rows per table in the blocks of keys ({@code keys}) or in the other blocks. */
    private static Map<String, Long> rowsPerTable(List<CopyData.Block> blocks, boolean keys) {
        Map<String, Long> result = new LinkedHashMap<>();
        for (CopyData.Block b : blocks) {
            if ((b.part() == CopyData.Part.KEYS) == keys) {
                result.merge(b.table(), b.rows(), Long::sum);
            }
        }
        return result;
    }

    private static InputStream incrementalData(Path plain) throws IOException {
        return new GZIPInputStream(new java.io.BufferedInputStream(Files.newInputStream(plain), 1 << 16), 1 << 16);
    }

    private static List<Object> rowsList(Map<String, Long> counts) {
        List<Object> list = new ArrayList<>();
        counts.forEach((t, n) -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", t);
            item.put("rows", n);
            list.add(item);
        });
        return list;
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    // ------------------------------------------------------------------ validation

    /**
     * Checks a backup without touching the database: manifest, size, SHA-256, decryption (authenticated), then
     * a test restore listing ({@code pg_restore --list}) and a full read of the data with row counts compared
     * to the manifest (incremental backups: decompression and COPY structure).
     */
    public Map<String, Object> validate(Path backup) {
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
        String problem = checksumProblem(backup, manifest);
        check(checks, "sha256", problem == null, problem == null ? manifest.sha256() : problem);
        if (problem != null) {
            check(checks, "restore_listing", false, "not attempted: the checksum does not match");
            return done(report, checks);
        }
        try {
            withPlain(backup, manifest, plain -> {
                if (manifest.flag("encrypted")) {
                    check(checks, "decryption", true, "decrypted and authenticated (" + manifest.string("encryption")
                            + ")");
                }
                if (isArchive(manifest)) {
                    PgTools.Result list = pg.run("pg_restore", List.of("--list", plain.toString()), null);
                    boolean ok = list.ok();
                    long entries = ok ? list.stdout().lines().filter(l -> !l.isBlank() && !l.startsWith(";")).count() : 0;
                    long dataEntries = ok ? list.stdout().lines().filter(l -> l.contains(" TABLE DATA ")).count() : 0;
                    check(checks, "restore_listing", ok, ok ? "pg_restore --list: " + entries + " entries, "
                            + dataEntries + " with table data" : PgTools.errorLines(list.stderr()));
                    report.put("archive_entries", entries);
                    if (ok && manifest.flag("data_included")) {
                        Map<String, Long> counts = countArchiveRows(plain);
                        compareCounts(checks, "rows", manifest, counts);
                        report.put("tables", rowsList(counts));
                    }
                } else {
                    try (InputStream in = incrementalData(plain)) {
                        List<CopyData.Block> blocks = CopyData.count(in);
                        Map<String, Long> counts = rowsPerTable(blocks, false);
                        check(checks, "restore_listing", true, counts.size() + " tables of COPY data readable");
                        compareCounts(checks, "rows", manifest, counts);
                        if (manifest.flag("deletes_captured")) {
                            compareCounts(checks, "keys", manifest, rowsPerTable(blocks, true));
                        }
                        report.put("tables", rowsList(counts));
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
        check(checks, name, same, same ? total(counts) + " " + field + " in " + counts.size() + " tables, as recorded"
                : "the data holds " + counts + ", the manifest records " + expected);
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

    // ------------------------------------------------------------------ restore

    /**
     * Restores a backup in one transaction after verifying it.
     *
     * @param table        restore only this table's rows, or null for everything the backup holds
     * @param dropExisting make the database's tables equal to the backup's: a full backup replaces them (with
     *                     schema: {@code pg_restore --clean}, objects dropped and re-created; data only: the tables
     *                     are truncated and reloaded), an incremental one is applied on top of its base (changed
     *                     rows upserted, deleted rows deleted). Otherwise rows are merged by {@code onConflict}.
     * @param caller       recorded in the audit row, or null for none
     */
    public Map<String, Object> restore(Path backup, String table, boolean dropExisting, Conflict onConflict,
            Caller caller) {
        long start = System.nanoTime();
        Manifest manifest = readManifest("backupFile", backup);
        String problem = checksumProblem(backup, manifest);
        if (problem != null) {
            throw ToolException.invalid("backupFile", backup.getFileName() + " failed verification: " + problem
                    + "; nothing was restored");
        }
        if (!manifest.flag("data_included")) {
            throw ToolException.invalid("backupFile", backup.getFileName() + " holds no data (schema only); "
                    + "restore it with pg_restore by hand if its definitions are needed");
        }
        boolean incremental = "incremental".equals(manifest.type());
        if (dropExisting && !incremental && !"full".equals(manifest.type())) {
            throw ToolException.invalid("dropExisting", "only full and incremental backups can replace the "
                    + "database's rows; " + backup.getFileName() + " is a " + manifest.type() + " backup, restore it "
                    + "without dropExisting");
        }
        if (dropExisting && incremental && !manifest.flag("deletes_captured")) {
            throw ToolException.invalid("dropExisting", backup.getFileName() + " was made before incremental "
                    + "backups captured deleted rows, so it cannot make the database equal to its snapshot; merge it "
                    + "without dropExisting (onConflict=overwrite)");
        }
        if (dropExisting && table != null) {
            throw ToolException.invalid("dropExisting", "a table restore merges rows; dropExisting applies to full "
                    + "restores");
        }
        LiveCatalog live = liveCatalog();
        if (table != null && live.table(table) == null) {
            throw ToolException.invalid("table", "no table " + Names.shown(table) + " in the database");
        }
        Map<String, Object> result = withPlain(backup, manifest, plain -> {
            if (isArchive(manifest)) {
                PgTools.Result list = pg.run("pg_restore", List.of("--list", plain.toString()), null);
                if (!list.ok()) {
                    throw ToolException.invalid("backupFile", backup.getFileName() + " is not a readable archive ("
                            + PgTools.errorLines(list.stderr()) + "); nothing was restored");
                }
            }
            if (dropExisting && manifest.flag("schema_included")) {
                return cleanRestore(plain, manifest, live, caller);
            }
            RestoreScript.Mode mode = !dropExisting ? RestoreScript.Mode.valueOf(onConflict.name())
                    : incremental ? RestoreScript.Mode.APPLY : RestoreScript.Mode.REPLACE;
            return dataRestore(plain, manifest, live, table, mode, caller, backup.getFileName().toString());
        });
        result.put("backupFile", backup.getFileName().toString());
        result.put("backup_type", manifest.type());
        result.put("backup_created_at", manifest.string("created_at"));
        result.put("duration_ms", (System.nanoTime() - start) / 1_000_000);
        return result;
    }

    private Map<String, Object> cleanRestore(Path archive, Manifest manifest, LiveCatalog live, Caller caller) {
        List<String> args = new ArrayList<>(settings.connection().options());
        args.addAll(List.of("--dbname=" + settings.connection().database(), "--clean", "--if-exists", "--no-owner",
                "--single-transaction", "--exit-on-error", archive.toString()));
        PgTools.Result r = pg.run("pg_restore", args, null);
        PgTools.check("pg_restore (nothing was restored: the transaction rolled back)", r);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mode", "replace_schema_and_data");
        result.put("on_conflict", null);
        result.put("tables", manifest.tables().stream().map(t -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("table", t.get("name"));
            item.put("rows_in_backup", t.get("rows"));
            item.put("inserted", t.get("rows"));
            item.put("updated", 0);
            item.put("skipped", 0);
            return item;
        }).toList());
        result.put("total_rows", manifest.get("total_rows"));
        if (caller != null) {
            auditAfterCleanRestore(manifest, caller);
        }
        return result;
    }

    private void auditAfterCleanRestore(Manifest manifest, Caller caller) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("kind", "restore");
        changes.put("backup_file", manifest.string("file"));
        changes.put("mode", "replace_schema_and_data");
        changes.put("tables", manifest.tables());
        String sql = "INSERT INTO public.audit_logs (operation, table_name, user_id, client_info, changes, success) "
                + "SELECT 'BATCH_INSERT', '*', " + Identifiers.literal(caller.userId()) + ", "
                + Identifiers.literal(Json.write(caller.clientInfo())) + "::jsonb, "
                + Identifiers.literal(Json.write(changes)) + "::jsonb, true "
                + "WHERE to_regclass('public.audit_logs') IS NOT NULL";
        Path work = store.scratch();
        try {
            Path script = work.resolve("audit.sql");
            Files.writeString(script, "\\set ON_ERROR_STOP on\nSET standard_conforming_strings = on;\n" + sql + ";\n",
                    StandardCharsets.UTF_8);
            PgTools.check("auditing the restore", pg.run("psql", psqlArgs("-f", script.toString()), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            BackupStore.deleteTree(work);
        }
    }

    private Map<String, Object> dataRestore(Path plain, Manifest manifest, LiveCatalog live, String table,
            RestoreScript.Mode mode, Caller caller, String fileName) throws IOException {
        Path work = store.scratch();
        try {
            Map<String, Object> audit = null;
            if (caller != null && live.table("audit_logs") != null) {
                Map<String, Object> changes = new LinkedHashMap<>();
                changes.put("kind", "restore");
                changes.put("backup_file", fileName);
                changes.put("mode", mode.name().toLowerCase(Locale.ROOT));
                if (mode == RestoreScript.Mode.APPLY) {
                    changes.put("base_backup", manifest.string("base_backup"));
                }
                audit = new LinkedHashMap<>();
                audit.put("user_id", caller.userId());
                audit.put("client_info", caller.clientInfo());
                audit.put("changes", changes);
            }
            RestoreScript script = new RestoreScript(live, mode, table, audit);
            Path scriptFile = work.resolve("restore.sql");
            List<String> order;
            if (isArchive(manifest)) {
                Path data = work.resolve("data.sql");
                List<String> args = new ArrayList<>(List.of("--data-only", "--file=" + data));
                if (table != null) {
                    args.add("--table=" + table);
                }
                args.add(plain.toString());
                PgTools.check("pg_restore (extracting the data)", pg.run("pg_restore", args, null));
                try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(data), 1 << 16)) {
                    order = script.write(in, scriptFile);
                }
                PgTools.deleteQuietly(data);
            } else {
                try (InputStream in = incrementalData(plain)) {
                    order = script.write(in, scriptFile);
                }
            }
            PgTools.Result r = pg.run("psql", psqlArgs("--single-transaction", "-f", scriptFile.toString()), null);
            Map<String, Long> missing = AbsentRows.missing(r.stdout());
            if (!r.ok() && !missing.isEmpty()) {
                throw ToolException.conflict(fileName + " was not applied, nothing changed: the database does not "
                        + "hold the data of its base backup " + manifest.string("base_backup") + " (rows of the "
                        + "backup's snapshot are neither in the database nor in the backup: " + missing + "); "
                        + "restore the base with dropExisting=true first, or merge this backup without dropExisting");
            }
            PgTools.check("restore (nothing was restored: the transaction rolled back)", r);
            List<Map<String, Object>> tables = RestoreScript.results(r.stdout());
            boolean merge = mode != RestoreScript.Mode.REPLACE && mode != RestoreScript.Mode.APPLY;
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("mode", merge ? "merge"
                    : mode == RestoreScript.Mode.APPLY ? "apply_incremental" : "replace_data");
            result.put("on_conflict", merge ? mode.name().toLowerCase(Locale.ROOT) : null);
            if (mode == RestoreScript.Mode.APPLY) {
                result.put("base_backup", manifest.string("base_backup"));
            }
            result.put("tables", tables);
            result.put("restore_order", order);
            for (String count : List.of("inserted", "updated", "skipped", "deleted")) {
                result.put(count, tables.stream().mapToLong(t -> (Long) t.get(count)).sum());
            }
            return result;
        } finally {
            BackupStore.deleteTree(work);
        }
    }
}
