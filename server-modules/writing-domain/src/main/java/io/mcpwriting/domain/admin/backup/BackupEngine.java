package io.mcpwriting.domain.admin.backup;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/**
 * Backups and restores with PostgreSQL's own tools over the direct connection, usable from the MCP tools and
 * from the command line alike (it needs no container and no pool, and fails with {@link BackupException}).
 *
 * <ul>
 * <li>Full and table backups: {@code pg_dump --format=custom} (compressed inside the archive unless asked not
 * to), streamed through optional OpenPGP encryption (older backups may be in the retired AES-256-GCM format: see
 * {@link BackupEncryption}) into the backup directory; SHA-256 over the stored bytes in the manifest
 * ({@link DumpBackup}).</li>
 * <li>Incremental backups: everything changed since a base backup, deletes included ({@link IncrementalBackup}),
 * applied on top of the base by a restore with {@code dropExisting}.</li>
 * <li>Validation without touching the database ({@link BackupValidator}).</li>
 * <li>Restores run in one transaction ({@code pg_restore --single-transaction} or one psql script with
 * {@code ON_ERROR_STOP}), after the checksum and the archive were verified; a failure changes nothing
 * ({@link BackupRestorer}).</li>
 * </ul>
 * Every backup's manifest records its snapshot's {@link ChangeHorizon}, where later incrementals start.
 */
public final class BackupEngine {

    private final BackupSettings settings;
    private final BackupStore store;
    private final LiveDatabase db;
    private final BackupReader reader;

    public BackupEngine(BackupSettings settings) {
        this.settings = settings;
        this.store = new BackupStore(settings);
        this.db = new LiveDatabase(settings);
        this.reader = new BackupReader(settings, store);
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

    /** The rows the database's tables among {@code tables} hold now, by table (what a restore would affect). */
    Map<String, Long> liveRows(Collection<String> tables) {
        return db.rowCounts(tables);
    }

    /** A full backup: every table (schema and data, or data only) of the database. */
    public Manifest backupFull(boolean compress, boolean includeSchema) {
        return new DumpBackup(settings, store, db).full(compress, includeSchema);
    }

    /** One table's definition and/or rows. */
    public Manifest backupTable(String table, boolean dataOnly, boolean schemaOnly, boolean compress) {
        return new DumpBackup(settings, store, db).table(table, dataOnly, schemaOnly, compress);
    }

    /** Everything changed since a base backup (null: the newest full backup), deletes included. */
    public Manifest backupIncremental(String baseBackup) {
        return new IncrementalBackup(settings, store, db, reader).write(baseBackup);
    }

    /**
     * Checks a backup without touching the database: manifest, size, SHA-256, decryption (authenticated), then
     * a test restore listing ({@code pg_restore --list}) and a full read of the data with row counts compared
     * to the manifest (incremental backups: decompression and COPY structure).
     */
    public ValidationReport validate(Path backup) {
        return new BackupValidator(store, reader, db.pg()).validate(backup);
    }

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
    public RestoreReport restore(Path backup, String table, boolean dropExisting, Conflict onConflict,
            Caller caller) {
        return new BackupRestorer(settings, store, db, reader).restore(backup, table, dropExisting, onConflict,
                caller);
    }
}
