package io.mcpwriting.domain.admin.backup;

import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.domain.admin.schema.Identifiers;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Incremental backups that miss nothing: what brings a database holding the base backup's data to this backup's
 * snapshot, inserts, updates and deletes of every table alike, read in one REPEATABLE READ snapshot and stored as
 * COPY blocks (gzip), each after a line naming its {@link CopyData.Part}:
 * <ul>
 * <li>a table with a primary key: the rows written since the base's {@link ChangeHorizon} (found by transaction
 * id, so whatever wrote them and whether or not the table has timestamps), then the primary keys of all its rows;
 * a row whose key is not among them was deleted;</li>
 * <li>a table without a primary key (its deleted rows could not be named), and every table when the base records
 * no horizon this cluster can compare with: all its rows.</li>
 * </ul>
 * The manifest says per table what was captured. {@code db_restore_full dropExisting=true} applies the backup on
 * top of its base ({@link RestoreScript.Mode#APPLY}).
 */
final class IncrementalBackup {

    /** The migration history belongs to the migrations: no restore writes it. */
    static final String EXCLUDED = "flyway_schema_history";

    static final String CAPTURES = "every table except " + EXCLUDED + ", in one REPEATABLE READ snapshot: a table "
            + "with a primary key as changed_rows_and_keys (the rows inserted or updated since the base backup's "
            + "snapshot, found by transaction id, and the primary keys of all its rows: a restore deletes the rows "
            + "whose keys are not among them), a table without one as whole_table (all its rows, replacing the "
            + "table's on restore)";

    /** What the backup holds of one table. */
    enum Capture {
        CHANGED_ROWS_AND_KEYS, WHOLE_TABLE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private record Plan(LiveCatalog.LiveTable table, Capture capture) {
    }

    private final BackupSettings settings;
    private final BackupStore store;
    private final LiveDatabase db;
    private final BackupReader reader;

    IncrementalBackup(BackupSettings settings, BackupStore store, LiveDatabase db, BackupReader reader) {
        this.settings = settings;
        this.store = store;
        this.db = db;
        this.reader = reader;
    }

    /** Writes the incremental backup of the changes since {@code baseBackup} (null: the newest full backup). */
    Manifest write(String baseBackup) {
        long start = System.nanoTime();
        store.ensureDir(store.dir());
        Manifest base = base(baseBackup);
        BackupCipher cipher = settings.encryption().forNewBackups();
        LiveCatalog live = db.catalog();
        ChangeHorizon since = ChangeHorizon.of(base.get("change_horizon"));
        String notComparable = since == null
                ? "the base backup records no change_horizon (it was made before incremental backups compared "
                        + "transaction ids)"
                : since.notComparableWith(live.horizon(), live.nextXid());
        List<Plan> plans = new ArrayList<>();
        for (LiveCatalog.LiveTable t : live.tables().values()) {
            if (!t.name().equals(EXCLUDED)) {
                plans.add(new Plan(t, t.primaryKey().isEmpty() || notComparable != null ? Capture.WHOLE_TABLE
                        : Capture.CHANGED_ROWS_AND_KEYS));
            }
        }
        Instant now = Instant.now();
        String name = store.newName("incremental", null, now, ".sql.gz" + cipher.extension());
        Path target = store.dir().resolve(name);
        Path work = store.scratch();
        try {
            Path script = work.resolve("incremental.sql");
            Path horizonFile = work.resolve("horizon.json");
            Path plain = work.resolve("incremental.data");
            writeScript(script, plans, since, horizonFile, plain);
            PgTools.check("psql (incremental export)", db.pg().run("psql", db.psqlArgs("-f",
                    script.toString()), null));
            ChangeHorizon horizon = ChangeHorizon.of(Json.object(Files.readString(horizonFile).strip()));
            List<CopyData.Block> blocks;
            try (InputStream in = Files.newInputStream(plain)) {
                blocks = CopyData.count(in);
            }
            String sha = BackupFiles.writeThrough(target, cipher, sink -> {
                try (GZIPOutputStream gz = new GZIPOutputStream(new NonClosing(sink), 1 << 16)) {
                    Files.copy(plain, gz);
                }
            });
            Manifest manifest = new Manifest(new LinkedHashMap<>());
            manifest.with("type", "incremental").with("file", name).with("format", "sql (COPY blocks, gzip)")
                    .with("created_at", now.toString()).with("snapshot_time", live.now())
                    .with("database", live.database()).with("server_version", live.serverVersion())
                    .with("change_horizon", horizon.fields())
                    .with("base_backup", base.string("file")).with("base_snapshot_time", base.snapshotTime().toString())
                    .with("changes_since", notComparable == null ? since.fields() : null)
                    .with("captures", CAPTURES + (notComparable == null ? ""
                            : "; here every table was captured whole: " + notComparable))
                    .with("deletes_captured", true).with("excluded_tables", List.of(EXCLUDED))
                    .with("schema_included", false).with("data_included", true).with("compressed", true);
            cipher.manifestFields().forEach(manifest::with);
            List<Map<String, Object>> tables = tables(plans, blocks);
            manifest.with("tables", tables)
                    .with("total_rows", tables.stream().mapToLong(t -> (Long) t.get("rows")).sum())
                    .with("total_keys", tables.stream().mapToLong(t -> (Long) t.getOrDefault("keys", 0L)).sum());
            return BackupFiles.finish(target, manifest, sha, start);
        } catch (IOException e) {
            BackupFiles.discard(target);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            BackupFiles.discard(target);
            throw e;
        } finally {
            BackupStore.deleteTree(work);
        }
    }

    /** The base: the newest full backup with data, or the named full or incremental backup. */
    private Manifest base(String baseBackup) {
        if (baseBackup == null || baseBackup.isBlank()) {
            return store.list().stream()
                    .filter(b -> "full".equals(b.type()) && b.flag("data_included") && b.flag("present"))
                    .findFirst()
                    .orElseThrow(() -> BackupException.invalid("baseBackup", "there is no full backup to base on; "
                            + "run db_backup_full first or name a base backup"));
        }
        Manifest base = reader.readManifest("baseBackup", store.resolve("baseBackup", baseBackup));
        if (!base.flag("data_included")) {
            throw BackupException.invalid("baseBackup", base.string("file") + " holds no data (schema only)");
        }
        if ("table".equals(base.type())) {
            throw BackupException.invalid("baseBackup", base.string("file") + " is a table backup; an incremental "
                    + "backup covers the whole database and needs a full or incremental base");
        }
        return base;
    }

    private static void writeScript(Path script, List<Plan> plans, ChangeHorizon since, Path horizonFile, Path data)
            throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(script, StandardCharsets.UTF_8)) {
            out.write("\\set ON_ERROR_STOP on\nSET client_encoding = 'UTF8';\n"
                    + "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;\n");
            // the first statement takes the snapshot; its horizon is where incrementals based on this one start
            out.write("\\o " + psqlQuoted(horizonFile.toString()) + "\nSELECT jsonb_build_object("
                    + ChangeHorizon.SQL_FIELDS + ");\n\\o " + psqlQuoted(data.toString()) + "\n");
            for (Plan p : plans) {
                String table = "public." + Identifiers.quote(p.table().name());
                if (p.capture() == Capture.WHOLE_TABLE) {
                    block(out, CopyData.Part.WHOLE_TABLE, table, p.table().columns(), "");
                } else {
                    block(out, CopyData.Part.CHANGED_ROWS, table, p.table().columns(),
                            " WHERE " + since.writtenSince("t"));
                    block(out, CopyData.Part.KEYS, table, p.table().primaryKey(), "");
                }
            }
            out.write("COMMIT;\n");
        }
    }

    private static void block(BufferedWriter out, CopyData.Part part, String table, List<String> columns,
            String where) throws IOException {
        out.write("\\qecho " + psqlQuoted(part.marker()) + "\n");
        out.write("\\qecho " + psqlQuoted("COPY " + table + " (" + String.join(", ", columns.stream()
                .map(Identifiers::quote).toList()) + ") FROM stdin;") + "\n");
        out.write("COPY (SELECT " + String.join(", ", columns.stream().map(c -> "t." + Identifiers.quote(c)).toList())
                + " FROM " + table + " t" + where + ") TO STDOUT;\n");
        out.write("\\qecho " + psqlQuoted(CopyData.END) + "\n");
    }

    /** Per table: what was captured, the rows, and for changed_rows_and_keys the keys. */
    private static List<Map<String, Object>> tables(List<Plan> plans, List<CopyData.Block> blocks) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (Plan p : plans) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", p.table().name());
            item.put("capture", p.capture().label());
            item.put("rows", 0L);
            if (p.capture() == Capture.CHANGED_ROWS_AND_KEYS) {
                item.put("keys", 0L);
            } else if (p.table().primaryKey().isEmpty()) {
                item.put("reason", "no primary key: its deleted rows could not be named");
            }
            byName.put(p.table().name(), item);
        }
        for (CopyData.Block b : blocks) {
            byName.get(b.table()).merge(b.part() == CopyData.Part.KEYS ? "keys" : "rows", b.rows(),
                    (a, n) -> (Long) a + (Long) n);
        }
        return new ArrayList<>(byName.values());
    }

    private static String psqlQuoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** Lets a GZIP stream finish without closing the encrypting stream beneath it. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
