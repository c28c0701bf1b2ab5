package it.io.mcpwriting.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.McpSession;
import it.io.mcpwriting.support.Outcome;
import it.io.mcpwriting.support.TestDb;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Backup, change, restore: the data comes back exactly, proven by the row count and checksum of every table
 * (read as the schema owner, the migration history included); a corrupted backup is refused by validation
 * and by restore without touching the database; the command-line restore does the same as the tools.
 */
class BackupRestoreIT {

    private static McpSession admin;

    @BeforeAll
    static void connect() {
        admin = McpSession.open("database-admin");
    }

    @AfterAll
    static void disconnect() {
        admin.close();
    }

    private static Path backupDir() {
        return Path.of(System.getProperty("backup.dir"));
    }

    /** A series with books, chapters and characters, so that restores cross foreign keys and triggers. */
    private static long seedSeries(String label) {
        long series = TestDb.newSeries();
        for (int b = 1; b <= 3; b++) {
            long book = ((Number) TestDb.value("INSERT INTO books (series_id, book_number, title, description) "
                    + "VALUES (?, ?, ?, ?) RETURNING id", series, b, label + " book " + b, "About " + b)).longValue();
            for (int c = 1; c <= 2; c++) {
                TestDb.value("INSERT INTO chapters (book_id, chapter_number, title, word_count) VALUES (?, ?, ?, ?) "
                        + "RETURNING id", book, c, label + " chapter " + c, 1000 * c);
            }
        }
        long character = TestDb.newCharacter(series, label + " hero");
        TestDb.value("UPDATE characters SET aliases = ARRAY['x', 'y z'] WHERE id = ? RETURNING id", character);
        return series;
    }

    /** Updates, deletes (children first) and inserts across several tables. */
    private static void changeEverything(long series) {
        TestDb.value("UPDATE books SET title = title || ' (revised)', status = 'draft' WHERE series_id = ? RETURNING 1",
                series);
        TestDb.value("DELETE FROM chapters WHERE book_id IN (SELECT id FROM books WHERE series_id = ? AND book_number = 3) "
                + "RETURNING 1", series);
        TestDb.value("DELETE FROM books WHERE series_id = ? AND book_number = 3 RETURNING 1", series);
        TestDb.value("UPDATE characters SET aliases = NULL, status = 'dead' WHERE series_id = ? RETURNING 1", series);
        TestDb.value("INSERT INTO books (series_id, book_number, title) VALUES (?, 9, 'Written after the backup') "
                + "RETURNING id", series);
        TestDb.newSeries();
    }

    @Test
    void fullBackupRestoredWithDropExistingBringsEveryTableBackExactly() {
        long series = seedSeries("Full");
        Map<String, String> atBackup = AdminDb.fingerprints();
        long auditMax = AdminDb.maxId("audit_logs");
        Outcome backup = admin.call("db_backup_full").ok();
        String file = (String) backup.get("backupFile");
        assertEquals(true, backup.get("schema_included"));
        assertEquals(true, backup.get("encrypted"));

        changeEverything(series);
        Map<String, String> changed = AdminDb.fingerprints();
        assertNotEquals(atBackup.get("books"), changed.get("books"));
        assertNotEquals(atBackup.get("chapters"), changed.get("chapters"));

        Outcome restore = admin.call("db_restore_full", "backupFile", file, "dropExisting", true).ok();
        assertEquals("replace_schema_and_data", restore.get("mode"));
        Map<String, String> restored = AdminDb.fingerprints(Map.of("audit_logs", "t.id <= " + auditMax));
        assertEquals(atBackup, restored, "every table, row counts and checksums, as at the backup");
        assertEquals(1, TestDb.count("SELECT count(*) FROM audit_logs WHERE id > ? AND success "
                + "AND changes->>'kind' = 'restore' AND changes->>'backup_file' = ?", auditMax, file),
                "the restore itself is audited after the restored trail");
        long next = admin.call("db_insert_record", "table", "books", "data",
                Map.of("series_id", series, "book_number", 10, "title", "After the restore")).ok().id();
        assertTrue(next > 0, "the application writes again: grants and sequences came back");
    }

    @Test
    void dataOnlyFullBackupReplacesTheRowsOfEveryTable() {
        long series = seedSeries("Data");
        Map<String, String> atBackup = AdminDb.fingerprints();
        long auditMax = AdminDb.maxId("audit_logs");
        String file = (String) admin.call("db_backup_full", "includeSchema", false).ok().get("backupFile");
        changeEverything(series);
        Outcome restore = admin.call("db_restore_full", "backupFile", file, "dropExisting", true).ok();
        assertEquals("replace_data", restore.get("mode"));
        assertEquals(atBackup, AdminDb.fingerprints(Map.of("audit_logs", "t.id <= " + auditMax)));
        assertEquals(1, TestDb.count("SELECT count(*) FROM audit_logs WHERE id > ? AND changes->>'mode' = 'replace'",
                auditMax));
    }

    @Test
    void tableBackupRestoresTheTableExactlyAndLeavesOtherTablesAlone() {
        long series = seedSeries("Table");
        Map<String, String> atBackup = AdminDb.fingerprints();
        String file = (String) admin.call("db_backup_table", "table", "chapters").ok().get("backupFile");
        TestDb.value("UPDATE chapters SET title = 'Overwritten', word_count = 1 WHERE book_id IN "
                + "(SELECT id FROM books WHERE series_id = ?) RETURNING 1", series);
        TestDb.value("DELETE FROM chapters WHERE chapter_number = 2 AND book_id IN "
                + "(SELECT id FROM books WHERE series_id = ?) RETURNING 1", series);
        TestDb.value("UPDATE books SET title = 'Not restored' WHERE series_id = ? AND book_number = 1 RETURNING 1", series);
        Map<String, String> changed = AdminDb.fingerprints();
        assertNotEquals(atBackup.get("chapters"), changed.get("chapters"));

        Outcome restore = admin.call("db_restore_table", "backupFile", file, "table", "chapters",
                "onConflict", "overwrite").ok();
        Map<String, Object> chapters = restore.list("tables").get(0);
        assertEquals("chapters", chapters.get("table"));
        assertEquals(3, ((Number) chapters.get("inserted")).intValue(), "the three deleted chapters");
        Map<String, String> restored = AdminDb.fingerprints();
        assertEquals(atBackup.get("chapters"), restored.get("chapters"), "chapters exactly as backed up, "
                + "updated_at included (triggers are off during the restore)");
        restored.remove("audit_logs");
        changed.remove("audit_logs");
        restored.remove("chapters");
        changed.remove("chapters");
        assertEquals(changed, restored, "no other table changed");
        assertEquals("Not restored", TestDb.value("SELECT title FROM books WHERE series_id = ? AND book_number = 1",
                series));
    }

    @Test
    void incrementalBackupCarriesTheChangesSinceItsBase() {
        long series = seedSeries("Incremental");
        String base = (String) admin.call("db_backup_full").ok().get("backupFile");
        TestDb.value("UPDATE books SET title = 'Renamed after base' WHERE series_id = ? AND book_number = 1 RETURNING 1",
                series);
        long added = ((Number) TestDb.value("INSERT INTO books (series_id, book_number, title) VALUES (?, 7, 'Added') "
                + "RETURNING id", series)).longValue();
        Outcome incremental = admin.call("db_backup_incremental").ok();
        assertEquals(base, incremental.get("base_backup"), "the newest full backup is the default base");
        String afterChanges = (String) TestDb.value("SELECT string_agg(b::text, '|' ORDER BY id) FROM books b "
                + "WHERE series_id = ?", series);
        TestDb.value("DELETE FROM books WHERE id = ? RETURNING 1", added);
        TestDb.value("UPDATE books SET title = 'Lost edit' WHERE series_id = ? AND book_number = 1 RETURNING 1", series);

        admin.call("db_restore_full", "backupFile", incremental.get("backupFile")).error("duplicate key");
        Outcome restore = admin.call("db_restore_full", "backupFile", incremental.get("backupFile"),
                "onConflict", "overwrite").ok();
        assertEquals("merge", restore.get("mode"));
        assertEquals(afterChanges, TestDb.value("SELECT string_agg(b::text, '|' ORDER BY id) FROM books b "
                + "WHERE series_id = ?", series), "the added book and the renamed title are back");
    }

    @Test
    void aCorruptedBackupIsRejectedAndTheDatabaseIsNotTouched() throws IOException {
        seedSeries("Corrupt");
        String file = (String) admin.call("db_backup_full").ok().get("backupFile");
        Path path = backupDir().resolve(file);
        try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
            raf.seek(raf.length() / 2);
            int b = raf.read();
            raf.seek(raf.length() / 2);
            raf.write(b ^ 0x5a);
        }
        Outcome validation = admin.call("db_validate_backup", "backupFile", file).ok();
        assertEquals(false, validation.get("valid"));
        assertTrue(validation.get("problems").toString().contains("SHA-256 mismatch"), validation.text());

        Map<String, String> before = AdminDb.fingerprints();
        admin.call("db_restore_full", "backupFile", file, "dropExisting", true).error("failed verification",
                "nothing was restored");
        admin.call("db_restore_table", "backupFile", file, "table", "books", "onConflict", "overwrite")
                .error("failed verification");
        Map<String, String> after = AdminDb.fingerprints();
        before.remove("audit_logs");
        after.remove("audit_logs");
        assertEquals(before, after, "no table was touched");

        Path manifest = backupDir().resolve(file + ".manifest.json");
        String text = Files.readString(manifest, StandardCharsets.UTF_8);
        String actual = java.util.HexFormat.of().formatHex(sha256(path));
        Files.writeString(manifest, text.replaceFirst("\"sha256\" : \"[0-9a-f]+\"", "\"sha256\" : \"" + actual + "\""),
                StandardCharsets.UTF_8);
        Outcome forged = admin.call("db_validate_backup", "backupFile", file).ok();
        assertEquals(false, forged.get("valid"), "a matching checksum does not save an altered encrypted file");
        assertTrue(forged.get("problems").toString().contains("authentication"), forged.text());
        admin.call("db_restore_full", "backupFile", file, "dropExisting", true).error("authentication");
        Map<String, String> still = AdminDb.fingerprints();
        still.remove("audit_logs");
        assertEquals(before, still);
    }

    @Test
    void commandLineRestoreVerifiesAndRestoresLikeTheTools() throws Exception {
        long series = seedSeries("Cli");
        Map<String, String> atBackup = AdminDb.fingerprints();
        String file = (String) admin.call("db_backup_table", "table", "books").ok().get("backupFile");
        TestDb.value("UPDATE books SET title = 'Changed by hand' WHERE series_id = ? RETURNING 1", series);

        Result validate = cli("--file=" + backupDir().resolve(file), "--validate-only");
        assertEquals(0, validate.exit, validate.output);
        assertTrue(validate.output.contains("\"valid\" : true"), validate.output);
        Result fails = cli("--file=" + file, "--table=books");
        assertEquals(1, fails.exit, fails.output);
        assertTrue(fails.output.contains("duplicate key"), fails.output);
        Result restore = cli("--file=" + file, "--table=books", "--on-conflict=overwrite");
        assertEquals(0, restore.exit, restore.output);
        assertEquals(atBackup.get("books"), AdminDb.fingerprints().get("books"));
        assertEquals(1, TestDb.count("SELECT count(*) FROM audit_logs WHERE user_id LIKE 'cli:%' "
                + "AND changes->>'backup_file' = ?", file));
        Result usage = cli("--table=books");
        assertEquals(2, usage.exit);
        assertTrue(usage.output.contains("--file is required"));
    }

    private record Result(int exit, String output) {
    }

    private static Result cli(String... args) throws Exception {
        Path root = Path.of(System.getProperty("root.dir"));
        List<String> command = new java.util.ArrayList<>(List.of(root.resolve("scripts/restore-backup.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        String dbName = System.getProperty("db.url").replaceAll(".*/([^/?]+)(\\?.*)?$", "$1");
        pb.environment().put("MCP_BACKUP_DIR", backupDir().toString());
        pb.environment().put("MCP_BACKUP_DB_NAME", dbName);
        pb.environment().put("MCP_BACKUP_DB_USER", "mcp_owner");
        pb.environment().put("MCP_BACKUP_DB_PASSWORD", "mcp_owner_dev_password");
        pb.environment().put("MCP_BACKUP_ENCRYPTION_SECRET_KEYRING", System.getProperty("backup.secret.keyring"));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Result(p.exitValue(), output);
    }

    private static byte[] sha256(Path file) throws IOException {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
