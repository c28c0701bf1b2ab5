package io.mcpwriting.domain.admin.backup;

import io.mcpwriting.domain.admin.schema.Identifiers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Full and table backups: {@code pg_dump --format=custom} (compressed inside the archive unless asked not to),
 * streamed through the encryption new backups use into the backup directory, with the archive's row counts in the
 * manifest.
 */
final class DumpBackup {

    private final BackupSettings settings;
    private final BackupStore store;
    private final LiveDatabase db;

    DumpBackup(BackupSettings settings, BackupStore store, LiveDatabase db) {
        this.settings = settings;
        this.store = store;
        this.db = db;
    }

    /** Every table (schema and data, or data only) of the database. */
    Manifest full(boolean compress, boolean includeSchema) {
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
    Manifest table(String table, boolean dataOnly, boolean schemaOnly, boolean compress) {
        if (dataOnly && schemaOnly) {
            throw BackupException.invalid("dataOnly", "dataOnly and schemaOnly exclude each other");
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
        LiveCatalog live = db.catalog();
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
            String sha = BackupFiles.writeThrough(target, cipher, sink -> {
                try (OutputStream copy = cipher.encrypts()
                        ? new java.io.BufferedOutputStream(Files.newOutputStream(archive), 1 << 16)
                        : OutputStream.nullOutputStream()) {
                    PgTools.check("pg_dump", db.pg().copy("pg_dump", args, new Tee(sink, copy)));
                }
            });
            Manifest manifest = new Manifest(m);
            manifest.with("file", name).with("format", "custom (pg_dump)").with("created_at", now.toString())
                    .with("snapshot_time", live.now()).with("change_horizon", live.horizon().fields())
                    .with("database", live.database())
                    .with("server_version", live.serverVersion()).with("pg_dump_version", db.toolVersion("pg_dump"))
                    .with("compressed", compress);
            cipher.manifestFields().forEach(manifest::with);
            if (manifest.flag("data_included")) {
                Map<String, Long> counts = RowCounts.inArchive(db.pg(), archive);
                manifest.with("tables", RowCounts.list(counts)).with("total_rows", RowCounts.total(counts));
            } else {
                manifest.with("tables", List.of()).with("total_rows", 0);
            }
            return BackupFiles.finish(target, manifest, sha, start);
        } catch (RuntimeException e) {
            BackupFiles.discard(target);
            throw e;
        } finally {
            BackupStore.deleteTree(work);
        }
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
}
