package io.mcpwriting.domain.admin.backup;

import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.domain.admin.schema.Identifiers;
import io.mcpwriting.domain.admin.backup.RestoreReport.AppliedOn;
import io.mcpwriting.domain.admin.backup.RestoreReport.Outcome;
import io.mcpwriting.domain.admin.backup.RestoreReport.Replaced;
import io.mcpwriting.domain.admin.backup.RestoreReport.ReplacedTable;
import io.mcpwriting.domain.admin.backup.RestoreReport.RowsRestored;
import io.mcpwriting.domain.admin.backup.RestoreReport.TableRestored;
import io.mcpwriting.domain.admin.schema.Names;
import io.mcpwriting.mcp.tool.Cancellation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Restores a backup in one transaction after verifying it: {@code pg_restore --clean --single-transaction} when a
 * full backup with schema replaces the database, else one psql script ({@link RestoreScript}) with
 * {@code ON_ERROR_STOP}; a failure changes nothing, nor does a cancellation (it kills the tool before COMMIT, see
 * {@link PgTools#stream}). Audited when a caller is given.
 */
final class BackupRestorer {

    private final BackupSettings settings;
    private final BackupStore store;
    private final LiveDatabase db;
    private final BackupReader reader;

    BackupRestorer(BackupSettings settings, BackupStore store, LiveDatabase db, BackupReader reader) {
        this.settings = settings;
        this.store = store;
        this.db = db;
        this.reader = reader;
    }

    /** Restores a backup, or refuses it (changing nothing); see {@link BackupEngine#restore}. */
    RestoreReport restore(Path backup, String table, boolean dropExisting, BackupEngine.Conflict onConflict,
            BackupEngine.Caller caller) {
        long start = System.nanoTime();
        Manifest manifest = reader.readManifest("backupFile", backup);
        String problem = reader.checksumProblem(backup, manifest);
        if (problem != null) {
            throw BackupException.invalid("backupFile", backup.getFileName() + " failed verification: " + problem
                    + "; nothing was restored");
        }
        if (!manifest.flag("data_included")) {
            throw BackupException.invalid("backupFile", backup.getFileName() + " holds no data (schema only); "
                    + "restore it with pg_restore by hand if its definitions are needed");
        }
        boolean incremental = "incremental".equals(manifest.type());
        if (dropExisting && !incremental && !"full".equals(manifest.type())) {
            throw BackupException.invalid("dropExisting", "only full and incremental backups can replace the "
                    + "database's rows; " + backup.getFileName() + " is a " + manifest.type() + " backup, restore it "
                    + "without dropExisting");
        }
        if (dropExisting && incremental && !manifest.flag("deletes_captured")) {
            throw BackupException.invalid("dropExisting", backup.getFileName() + " was made before incremental "
                    + "backups captured deleted rows, so it cannot make the database equal to its snapshot; merge it "
                    + "without dropExisting (onConflict=overwrite)");
        }
        if (dropExisting && table != null) {
            throw BackupException.invalid("dropExisting", "a table restore merges rows; dropExisting applies to full "
                    + "restores");
        }
        LiveCatalog live = db.catalog();
        if (table != null && live.table(table) == null) {
            throw BackupException.invalid("table", "no table " + Names.shown(table) + " in the database");
        }
        Outcome outcome = reader.withPlain(backup, manifest, plain -> {
            if (BackupReader.isArchive(manifest)) {
                PgTools.Result list = db.pg().run("pg_restore", List.of("--list", plain.toString()), null);
                if (!list.ok()) {
                    throw BackupException.invalid("backupFile", backup.getFileName() + " is not a readable archive ("
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
        return new RestoreReport(outcome, backup.getFileName().toString(), manifest.type(),
                manifest.string("created_at"), (System.nanoTime() - start) / 1_000_000);
    }

    private Replaced cleanRestore(Path archive, Manifest manifest, LiveCatalog live,
            BackupEngine.Caller caller) {
        List<String> args = new ArrayList<>(settings.connection().options());
        args.addAll(List.of("--dbname=" + settings.connection().database(), "--clean", "--if-exists", "--no-owner",
                "--single-transaction", "--exit-on-error", archive.toString()));
        PgTools.Result r = db.pg().run("pg_restore", args, null);
        PgTools.check("pg_restore (nothing was restored: the transaction rolled back)", r);
        // every table of the backup was re-created with the rows its manifest records
        Replaced replaced = new Replaced(manifest.tables().stream().map(t -> new ReplacedTable(
                Objects.toString(t.get("name"), null), number(t.get("rows")), number(t.get("rows")), 0, 0)).toList(),
                manifest.number("total_rows"));
        if (caller != null) {
            auditAfterCleanRestore(manifest, caller);
        }
        return replaced;
    }

    private void auditAfterCleanRestore(Manifest manifest, BackupEngine.Caller caller) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("kind", "restore");
        changes.put("backup_file", manifest.string("file"));
        changes.put("mode", Replaced.MODE);
        changes.put("tables", manifest.tables());
        String sql = "INSERT INTO public.audit_logs (operation, table_name, user_id, client_info, changes, success) "
                + "SELECT 'BATCH_INSERT', '*', " + Identifiers.literal(caller.userId()) + ", "
                + Identifiers.literal(Json.write(caller.clientInfo())) + "::jsonb, "
                + Identifiers.literal(Json.write(changes)) + "::jsonb, true "
                + "WHERE to_regclass('public.audit_logs') IS NOT NULL";
        Path work = store.scratch();
        // the restore has committed: its audit row is written even if the client cancels the call now
        try (Cancellation.Registration committed = Cancellation.bind(new Cancellation())) {
            Path script = work.resolve("audit.sql");
            Files.writeString(script, "\\set ON_ERROR_STOP on\nSET standard_conforming_strings = on;\n" + sql + ";\n",
                    StandardCharsets.UTF_8);
            PgTools.check("auditing the restore", db.pg().run("psql", db.psqlArgs("-f", script.toString()), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            BackupStore.deleteTree(work);
        }
    }

    private RowsRestored dataRestore(Path plain, Manifest manifest, LiveCatalog live, String table,
            RestoreScript.Mode mode, BackupEngine.Caller caller, String fileName) throws IOException {
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
            if (BackupReader.isArchive(manifest)) {
                Path data = work.resolve("data.sql");
                List<String> args = new ArrayList<>(List.of("--data-only", "--file=" + data));
                if (table != null) {
                    args.add("--table=" + table);
                }
                args.add(plain.toString());
                PgTools.check("pg_restore (extracting the data)", db.pg().run("pg_restore", args, null));
                try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(data), 1 << 16)) {
                    order = script.write(in, scriptFile);
                }
                PgTools.deleteQuietly(data);
            } else {
                try (InputStream in = BackupReader.incrementalData(plain)) {
                    order = script.write(in, scriptFile);
                }
            }
            PgTools.Result r = db.pg().run("psql", db.psqlArgs("--single-transaction", "-f", scriptFile.toString()),
                    null);
            Map<String, Long> missing = AbsentRows.missing(r.stdout());
            if (!r.ok() && !missing.isEmpty()) {
                throw BackupException.conflict(fileName + " was not applied, nothing changed: the database does not "
                        + "hold the data of its base backup " + manifest.string("base_backup") + " (rows of the "
                        + "backup's snapshot are neither in the database nor in the backup: " + missing + "); "
                        + "restore the base with dropExisting=true first, or merge this backup without dropExisting");
            }
            PgTools.check("restore (nothing was restored: the transaction rolled back)", r);
            List<TableRestored> tables = RestoreScript.results(r.stdout());
            boolean merge = mode != RestoreScript.Mode.REPLACE && mode != RestoreScript.Mode.APPLY;
            return RowsRestored.of(merge ? "merge" : mode == RestoreScript.Mode.APPLY ? "apply_incremental"
                    : "replace_data", merge ? mode.name().toLowerCase(Locale.ROOT) : null,
                    mode == RestoreScript.Mode.APPLY ? new AppliedOn(manifest.string("base_backup")) : null, tables,
                    order);
        } finally {
            BackupStore.deleteTree(work);
        }
    }

    /** A number of the manifest as a long; null when it records none. */
    private static Long number(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }
}
