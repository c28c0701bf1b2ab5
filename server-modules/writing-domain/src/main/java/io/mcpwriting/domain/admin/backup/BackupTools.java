package io.mcpwriting.domain.admin.backup;

import io.mcpwriting.mcp.resource.FileResources;
import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.domain.admin.audit.AuditLog;
import io.mcpwriting.domain.admin.schema.SchemaCatalog;
import io.mcpwriting.domain.admin.schema.Table;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.domain.admin.AdminFiles;
import io.mcpwriting.domain.admin.records.Confirmation;
import io.mcpwriting.mcp.resource.WithFiles;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.Cancellation;
import io.mcpwriting.mcp.tool.ClientChannel;
import io.mcpwriting.mcp.tool.ErrorKind;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Backups and restores from the MCP server, with pg_dump, pg_restore and psql on the direct connection
 * (see {@link BackupEngine} for what each kind holds and how a restore stays all-or-nothing).
 */
@ApplicationScoped
public class BackupTools {

    private static final Logger LOG = Logger.getLogger(BackupTools.class.getName());

    @Inject
    BackupConfig config;

    @Inject
    SchemaCatalog catalog;

    @Inject
    AuditLog audit;

    @Inject
    Db db;

    @Tool(name = "db_backup_full", description = "Back up the whole database with pg_dump (custom format) into the "
            + "backup directory, with a SHA-256 manifest; encrypted with OpenPGP (AES-256) to the configured "
            + "recipients' public keys when they are set (readable by GnuPG; encryption and recipients with their "
            + "key ids and fingerprints are returned); with only the retired AES-256-GCM key set it fails and names the "
            + "setting to configure. "
            + "compress (default true) compresses inside the archive; includeSchema (default true) false backs up "
            + "data only. Backups older than the retention period (30 days by default) are removed afterwards, "
            + "the newest full backup always kept. Returns backupFile, size, checksum and row counts.")
    public WithFiles backupFull(
            @Arg(value = "compress", description = "Compress the archive (default true)") Boolean compress,
            @Arg(value = "includeSchema", description = "Include table definitions (default true); false: data only")
            Boolean includeSchema) {
        return BackupToolErrors.translated(() -> {
            BackupEngine engine = checkedEngine();
            ClientChannel.current().progress(0, 2.0, "pg_dump of the whole database");
            Manifest m = engine.backupFull(!Boolean.FALSE.equals(compress), !Boolean.FALSE.equals(includeSchema));
            return backupResult(engine, m);
        });
    }

    @Tool(name = "db_backup_table", description = "Back up one table with pg_dump (custom format): definition and "
            + "rows, or only rows (dataOnly) or only the definition (schemaOnly). Same storage, encryption, "
            + "checksum and retention as db_backup_full.")
    public WithFiles backupTable(
            @Arg(value = "table", required = true, description = "Table name") String table,
            @Arg(value = "dataOnly", description = "Rows only (default false)") Boolean dataOnly,
            @Arg(value = "schemaOnly", description = "Definition only, no rows (default false)") Boolean schemaOnly,
            @Arg(value = "compress", description = "Compress the archive (default true)") Boolean compress) {
        return BackupToolErrors.translated(() -> {
            Table t = catalog.described("table", table);
            if (t.isView()) {
                throw ToolException.invalid("table", t.name() + " is a view; only tables can be backed up alone");
            }
            BackupEngine engine = checkedEngine();
            ClientChannel.current().progress(0, 2.0, "pg_dump of " + t.name());
            Manifest m = engine.backupTable(t.name(), Boolean.TRUE.equals(dataOnly), Boolean.TRUE.equals(schemaOnly),
                    !Boolean.FALSE.equals(compress));
            return backupResult(engine, m);
        });
    }

    @Tool(name = "db_backup_incremental", description = "Back up everything that changed since a base backup "
            + "(default: the newest full backup; or a named full or incremental one), deletes included, read in one "
            + "consistent snapshot and stored as COPY data (gzip). Every table but flyway_schema_history: a table "
            + "with a primary key as changed_rows_and_keys (the rows inserted or updated since the base, found by "
            + "transaction id whatever wrote them, plus the primary keys of all its rows, so that rows deleted since "
            + "are deleted on restore); a table without one as whole_table (all its rows). When the base records no "
            + "comparable change horizon (older backups, another cluster) every table is captured whole. Returns "
            + "per table its capture, rows and keys, and deletes_captured. Restore the base with db_restore_full "
            + "dropExisting=true, then this backup with dropExisting=true: the database then equals its snapshot.")
    public WithFiles backupIncremental(
            @Arg(value = "baseBackup", description = "Backup file to compare against (default: newest full backup)")
            String baseBackup) {
        return BackupToolErrors.translated(() -> {
            BackupEngine engine = checkedEngine();
            ClientChannel.current().progress(0, 2.0, "reading the rows changed since the base backup");
            Manifest m = engine.backupIncremental(baseBackup);
            return backupResult(engine, m);
        });
    }

    @Tool(name = "db_restore_full", description = "Restore a backup in one transaction, after verifying its "
            + "SHA-256 (a corrupted file is refused and nothing changes). dropExisting=true makes the database equal "
            + "to the backup: a full backup with schema drops and re-creates every object (pg_restore --clean "
            + "--single-transaction), a data-only one truncates and reloads the tables; an incremental backup is "
            + "applied on top of its base (restore the base first): changed rows replace or join the database's, "
            + "rows deleted since the base are deleted, whole tables are replaced (it fails, changing nothing, when "
            + "the database does not hold the base's rows). "
            + "Without dropExisting (default) rows are merged: rows missing from the database are inserted, rows "
            + "whose key exists follow onConflict — error (default: the restore fails, nothing changes), skip "
            + "(keep the database's row) or overwrite (the backup's row replaces it); rows that exist only in the "
            + "database are kept. Restored updated_at values are kept as backed up. Audited.",
            destructive = true)
    public JsonText restoreFull(
            @Arg(value = "backupFile", required = true, description = "Backup file name, as db_list_backups lists it")
            String backupFile,
            @Arg(value = "dropExisting", description = "Make the database's tables equal to the backup's: replace "
                    + "them (full backup) or apply it on top of its base (incremental backup); default false")
            Boolean dropExisting,
            @Arg(value = "onConflict", allowed = {"error", "skip", "overwrite"},
                    description = "Rows whose key exists: error (default), skip or overwrite") String onConflict) {
        return restore("db_restore_full", backupFile, null, Boolean.TRUE.equals(dropExisting), onConflict);
    }

    @Tool(name = "db_restore_table", description = "Restore one table's rows from a full, table or incremental "
            + "backup in one transaction, after verifying the backup's SHA-256. Rows missing from the table are "
            + "inserted; rows whose key exists follow onConflict: error (default: fail, nothing changes), skip or "
            + "overwrite. Rows that exist only in the table are kept (an incremental backup's deletes are applied "
            + "by db_restore_full dropExisting=true). Audited.", destructive = true)
    public JsonText restoreTable(
            @Arg(value = "backupFile", required = true, description = "Backup file name") String backupFile,
            @Arg(value = "table", required = true, description = "Table whose rows to restore") String table,
            @Arg(value = "onConflict", allowed = {"error", "skip", "overwrite"},
                    description = "Rows whose key exists: error (default), skip or overwrite") String onConflict) {
        return restore("db_restore_table", backupFile, table, false, onConflict);
    }

    @Tool(name = "db_list_backups", description = "List the backups in the backup directory from their manifests: "
            + "file, type, creation time, size, row counts, compression, encryption (openpgp with the recipients' "
            + "key ids and fingerprints, or the retired AES-256-GCM of older backups), base of incremental backups. "
            + "sortBy date (newest first, default) or size (largest first).", readOnly = true)
    public JsonText listBackups(
            @Arg(value = "type", allowed = {"full", "table", "incremental"}, description = "Only this kind") String type,
            @Arg(value = "sortBy", allowed = {"date", "size"}, description = "date (default) or size") String sortBy,
            @Arg(value = "limit", min = 1, description = "At most this many") Integer limit) {
        return BackupToolErrors.translated(() -> {
            BackupSettings settings = config.settings();
            BackupStore store = new BackupStore(settings);
            List<Manifest> all = store.list().stream().filter(m -> type == null || type.equals(m.type())).toList();
            if ("size".equals(sortBy)) {
                all = all.stream().sorted(Comparator.comparingLong((Manifest m) -> size(m)).reversed()).toList();
            }
            List<BackupListing.Entry> items = all.stream().limit(limit == null ? Long.MAX_VALUE : limit)
                    .map(BackupListing.Entry::of).toList();
            return new JsonText(Json.write(new BackupListing(items, items.size(), all.size(), settings.dir().toString(),
                    settings.retentionDays())));
        });
    }

    @Tool(name = "db_delete_backup", description = "Delete a backup file with its manifest and checksum file. "
            + "Permanent.", destructive = true)
    public JsonText deleteBackup(
            @Arg(value = "backupFile", required = true, description = "Backup file name") String backupFile) {
        return BackupToolErrors.translated(() -> {
            BackupStore store = new BackupStore(config.settings());
            Path file = store.resolve("backupFile", backupFile);
            JsonText declined = Confirmation.declined("db_delete_backup", () -> BackupQuestions.delete(file));
            if (declined != null) {
                return declined;
            }
            long freed = store.delete(file);
            LOG.info(() -> "deleted backup " + file.getFileName() + " (" + freed + " bytes)");
            return new JsonText(Json.write(new BackupDeleted(file.getFileName().toString(), freed)));
        });
    }

    @Tool(name = "db_validate_backup", description = "Check a backup without touching the database: manifest, "
            + "size, SHA-256, decryption (authenticated), a test restore listing (pg_restore --list) and a full "
            + "read of its data with row counts compared to the manifest. Returns valid (true/false), every "
            + "check with its detail, and the problems found.", readOnly = true)
    public JsonText validateBackup(
            @Arg(value = "backupFile", required = true, description = "Backup file name") String backupFile) {
        return BackupToolErrors.translated(() -> {
            BackupEngine engine = config.engine();
            Path file = engine.store().resolve("backupFile", backupFile);
            return new JsonText(Json.write(engine.validate(file)));
        });
    }

    private JsonText restore(String tool, String backupFile, String table, boolean dropExisting, String onConflict) {
        return BackupToolErrors.translated(() -> {
            BackupEngine.Conflict conflict = onConflict == null ? BackupEngine.Conflict.ERROR
                    : BackupEngine.Conflict.valueOf(onConflict.toUpperCase(Locale.ROOT));
            // bad arguments or configuration are tool errors here: not asked, the call fails below as it would
            JsonText declined = Confirmation.declined(tool, () -> BackupToolErrors.translated(() -> {
                BackupEngine engine = checkedEngine(); // the rows counted are those of the application's database
                return BackupQuestions.restore(engine, engine.store().resolve("backupFile", backupFile),
                        table == null ? null : catalog.described("table", table).name(), dropExisting, conflict);
            }));
            if (declined != null) {
                return declined;
            }
            ClientChannel.current().progress(0, 1.0, "restoring " + backupFile);
            long start = System.nanoTime();
            Map<String, Object> attempted = new LinkedHashMap<>();
            attempted.put("kind", "restore");
            attempted.put("backup_file", backupFile);
            attempted.put("table", table);
            attempted.put("drop_existing", dropExisting);
            attempted.put("on_conflict", onConflict);
            try {
                String tableName = table == null ? null : catalog.described("table", table).name();
                BackupEngine engine = checkedEngine();
                Path file = engine.store().resolve("backupFile", backupFile);
                RestoreReport result = engine.restore(file, tableName, dropExisting, conflict,
                        new BackupEngine.Caller(audit.userId(), audit.clientInfo(tool)));
                LOG.info(() -> tool + " restored " + file.getFileName() + ": " + result.outcome().mode());
                ClientChannel.current().progress(1, 1.0, "restored");
                return new JsonText(Json.write(result));
            } catch (RuntimeException e) {
                RuntimeException failure = e instanceof BackupException b ? BackupToolErrors.toolError(b) : e;
                audit.recordFailure(tool, "BATCH_INSERT", table == null ? "*" : table, attempted, failure,
                        (System.nanoTime() - start) / 1_000_000);
                throw failure;
            } finally {
                refreshCatalog();
            }
        });
    }

    /**
     * A restore may have re-created tables: the cached catalog is re-read, even when the client cancels the call
     * after the restore committed (a failure here is not the story).
     */
    private void refreshCatalog() {
        try (Cancellation.Registration own = Cancellation.bind(new Cancellation())) {
            catalog.refresh();
        } catch (RuntimeException e) {
            LOG.warning(() -> "could not re-read the catalog after a restore: " + e.getMessage());
        }
    }

    /** The engine, after checking that its direct connection reaches the application's own database. */
    private BackupEngine checkedEngine() {
        BackupEngine engine = config.engine();
        String ours = db.read(sql -> sql.text("SELECT current_database()"));
        String theirs = engine.settings().connection().database();
        if (!ours.equals(theirs)) {
            throw new ToolException(ErrorKind.INTERNAL, "mcp.backup.db.name is " + theirs
                    + " but the application uses database " + ours + "; fix the configuration");
        }
        return engine;
    }

    private static long size(Manifest m) {
        Object s = m.get("size_bytes");
        return s instanceof Number n ? n.longValue() : 0;
    }

    private WithFiles backupResult(BackupEngine engine, Manifest m) {
        List<String> pruned = engine.store().prune(Instant.now());
        BackupWritten result = BackupWritten.of(m, engine.store().dir(), pruned);
        LOG.info(() -> "backup " + m.string("file") + " written (" + m.get("size_bytes") + " bytes)");
        ClientChannel.current().progress(2, 2.0, "backup written and verified");
        return WithFiles.of(new JsonText(Json.write(result)),
                FileResources.link(AdminFiles.BACKUPS, engine.store().dir().resolve(m.string("file")), "Backup"));
    }
}
