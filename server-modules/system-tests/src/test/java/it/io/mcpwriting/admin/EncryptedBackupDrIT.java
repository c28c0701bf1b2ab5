package it.io.mcpwriting.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.Faults;
import it.io.mcpwriting.support.McpSession;
import it.io.mcpwriting.support.Outcome;
import it.io.mcpwriting.support.TestDb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Disaster recovery of an OpenPGP backup with standard tools only. gpg makes a key pair; the database-admin
 * server, restarted with its public key as recipient (and its secret key for validation), makes a backup through
 * the MCP tool; on the "recovery machine" gpg alone decrypts the backup with the exported secret key, pg_restore
 * restores it into a scratch database, and every table has the rows it had at backup time. The same through
 * scripts/dr-decrypt.sh. The server is started as the build started it again afterwards.
 * <p>
 * Needs: gpg, pg_restore and psql on the PATH, and root (the scratch databases are created and dropped as the
 * postgres superuser through {@code runuser}).
 */
class EncryptedBackupDrIT {

    private static final String ADMIN = "database-admin";
    private static final String PASSPHRASE = "disaster recovery test passphrase";

    private static GnuPg keyMaker;
    private static GnuPg.KeyPair backupKey;
    private static GnuPg.KeyPair strangerKey;
    private static String olderBackup;
    private static McpSession admin;

    @BeforeAll
    static void serverEncryptsToAKeyMadeByGpg() throws IOException {
        try (McpSession asBuilt = McpSession.open(ADMIN)) {
            olderBackup = (String) asBuilt.call("db_backup_table", "table", "genres").ok().get("backupFile");
        }
        Path keys = Files.createDirectories(Path.of(System.getProperty("backup.keys.dir")));
        keyMaker = GnuPg.newHome(PASSPHRASE);
        backupKey = keyMaker.generate("MCP DR test", "dr-test@mcp-writing.invalid", keys, "dr-test");
        strangerKey = keyMaker.generate("Someone else", "stranger@mcp-writing.invalid", keys, "stranger");
        Faults.stopServer(ADMIN);
        // a key rotation: new backups go to the new key; the build's secret key stays in the keyring for older ones
        Faults.startServer(ADMIN, Map.of(
                "MCP_BACKUP_ENCRYPTION_RECIPIENTS", backupKey.publicKey().toString(),
                "MCP_BACKUP_ENCRYPTION_SECRET_KEYRING", backupKey.secretKey() + "," + System.getProperty(
                        "backup.secret.keyring"),
                "MCP_BACKUP_ENCRYPTION_SECRET_PASSPHRASE", PASSPHRASE));
        admin = McpSession.open(ADMIN);
    }

    @AfterAll
    static void serverAsBuilt() {
        try {
            if (admin != null) {
                admin.close();
            }
            if (keyMaker != null) {
                keyMaker.close();
            }
        } finally {
            Faults.stopServer(ADMIN);
            Faults.startServer(ADMIN);
        }
    }

    private static Path backupDir() {
        return Path.of(System.getProperty("backup.dir"));
    }

    @Test
    void backupsAreOpenPgpToTheConfiguredKeyAndOlderOnesStillValidate() {
        Outcome backup = admin.call("db_backup_full").ok();
        String file = (String) backup.get("backupFile");
        assertTrue(file.startsWith("full-") && file.endsWith(".dump.pgp"), file);
        assertEquals(true, backup.get("encrypted"));
        assertEquals("openpgp", backup.get("encryption"));
        List<Map<String, Object>> recipients = backup.list("recipients");
        assertEquals(1, recipients.size(), backup.text());
        assertEquals(backupKey.subkeyId(), recipients.get(0).get("key_id"), "the subkey gpg made to encrypt");
        assertEquals(backupKey.subkeyFingerprint(), recipients.get(0).get("fingerprint"));

        Map<String, Object> listed = admin.call("db_list_backups", "type", "full", "limit", 1).ok().list("backups")
                .get(0);
        assertEquals(file, listed.get("backupFile"));
        assertEquals("openpgp", listed.get("encryption"));
        assertEquals(recipients, listed.get("recipients"));

        Outcome valid = admin.call("db_validate_backup", "backupFile", file).ok();
        assertEquals(true, valid.get("valid"), valid.text());
        Outcome older = admin.call("db_validate_backup", "backupFile", olderBackup).ok();
        assertEquals(true, older.get("valid"), "a backup to the rotated-out key still decrypts: " + older.text());
    }

    @Test
    void gpgAloneDecryptsTheBackupAndPgRestoreRestoresItIntoAScratchDatabase() throws Exception {
        seedSeries("DR by hand");
        Map<String, Long> atBackup = rowCounts(ownerConnection(liveDatabase()));
        Outcome backup = admin.call("db_backup_full").ok();
        Path file = backupDir().resolve((String) backup.get("backupFile"));
        assertEquals(backup.get("checksum"), sha256(file), "the stored bytes are what the manifest says");

        Path archive = Files.createTempFile("dr-archive-", ".dump");
        String database = scratchDatabase();
        try (GnuPg recoveryMachine = GnuPg.newHome(PASSPHRASE)) {
            recoveryMachine.run("--import", backupKey.secretKey().toString());
            String decrypted = recoveryMachine.run("--output", archive.toString(), "--decrypt", file.toString());
            assertTrue(decrypted.contains(backupKey.subkeyId()), decrypted);
            run(List.of("pg_restore", "--list", archive.toString()), Map.of());
            run(List.of("pg_restore", "--host=" + dbHost(), "--port=" + dbPort(), "--username=" + ownerUser(),
                    "--no-password", "--dbname=" + database, "--no-owner", "--single-transaction", "--exit-on-error",
                    archive.toString()), Map.of("PGPASSWORD", ownerPassword()));
            assertRestoredAsBackedUp(backup, atBackup, database);
        } finally {
            Files.deleteIfExists(archive);
            dropDatabase(database);
        }
    }

    @Test
    void theDrScriptDecryptsAndRestoresWithoutJava() throws Exception {
        seedSeries("DR script");
        Map<String, Long> atBackup = rowCounts(ownerConnection(liveDatabase()));
        Outcome backup = admin.call("db_backup_full").ok();
        Path file = backupDir().resolve((String) backup.get("backupFile"));
        String database = scratchDatabase();
        try {
            String output = run(List.of(Path.of(System.getProperty("root.dir"), "scripts/dr-decrypt.sh").toString(),
                    "--file=" + file, "--secret-key=" + backupKey.secretKey(), "--dbname=" + database),
                    Map.of("PGHOST", dbHost(), "PGPORT", dbPort(), "PGUSER", ownerUser(), "PGPASSWORD",
                            ownerPassword(), "MCP_BACKUP_ENCRYPTION_SECRET_PASSPHRASE", PASSPHRASE));
            assertTrue(output.contains("checksum ok") && output.contains("restored"), output);
            assertRestoredAsBackedUp(backup, atBackup, database);
        } finally {
            dropDatabase(database);
        }
    }

    @Test
    void aBackupForKeysTheServerDoesNotHoldNamesThem() throws Exception {
        Outcome backup = admin.call("db_backup_table", "table", "genres").ok();
        String file = (String) backup.get("backupFile");
        Path archive = Files.createTempFile("dr-archive-", ".dump");
        String forged = "stranger-" + file;
        try (GnuPg other = GnuPg.newHome(PASSPHRASE)) {
            other.run("--import", backupKey.secretKey().toString());
            other.run("--import", strangerKey.publicKey().toString());
            other.run("--output", archive.toString(), "--decrypt", backupDir().resolve(file).toString());
            other.run("--trust-model", "always", "--recipient", "stranger@mcp-writing.invalid", "--output",
                    backupDir().resolve(forged).toString(), "--encrypt", archive.toString());
        } finally {
            Files.deleteIfExists(archive);
        }
        String manifest = Files.readString(backupDir().resolve(file + ".manifest.json"), StandardCharsets.UTF_8);
        Files.writeString(backupDir().resolve(forged + ".manifest.json"), manifest.replace(file, forged)
                .replaceFirst("\"sha256\" : \"[0-9a-f]+\"", "\"sha256\" : \"" + sha256(backupDir().resolve(forged))
                        + "\""), StandardCharsets.UTF_8);

        Outcome validation = admin.call("db_validate_backup", "backupFile", forged).ok();
        assertEquals(false, validation.get("valid"));
        String problems = validation.get("problems").toString();
        assertTrue(problems.contains(strangerKey.subkeyId()) && problems.contains("none of them is in"), problems);
        Outcome refused = admin.call("db_restore_table", "backupFile", forged, "table", "genres", "onConflict", "skip")
                .error(strangerKey.subkeyId(), "mcp.backup.encryption.secret.keyring");
        assertEquals("validation", refused.errorType());
        assertTrue(!refused.text().contains("Exception") && !refused.text().contains("\tat "), refused.text());
        admin.call("db_delete_backup", "backupFile", forged).ok();
    }

    // ---------------------------------------------------------------- data and databases

    private static void seedSeries(String label) {
        long series = TestDb.newSeries();
        for (int b = 1; b <= 2; b++) {
            long book = TestDb.newBook(series, b);
            TestDb.newChapter(book, 1);
        }
        TestDb.newCharacter(series, TestDb.unique(label));
    }

    /** Every table has the rows the manifest counted, and (but the audit trail) those of the live database. */
    private static void assertRestoredAsBackedUp(Outcome backup, Map<String, Long> atBackup, String database)
            throws SQLException {
        Map<String, Long> restored = rowCounts(ownerConnection(database));
        Map<String, Long> recorded = new TreeMap<>();
        for (Map<String, Object> t : backup.list("tables")) {
            recorded.put((String) t.get("name"), ((Number) t.get("rows")).longValue());
        }
        assertEquals(recorded, restored, "row counts of every table, as the manifest recorded them");
        Map<String, Long> live = new TreeMap<>(atBackup);
        live.remove("audit_logs");
        restored.remove("audit_logs");
        assertEquals(live, restored, "row counts of every table, as in the database at backup time");
        assertTrue(restored.getOrDefault("books", 0L) >= 2, "the seeded books came back: " + restored);
    }

    /** Rows per base table of the public schema (the migration history included). */
    private static Map<String, Long> rowCounts(Connection connection) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = connection; Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM public.\"" + table + "\"")) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    private static Connection ownerConnection(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + dbHost() + ":" + dbPort() + "/" + database,
                ownerUser(), ownerPassword());
    }

    /** An empty database owned by the schema owner, made by the postgres superuser (the owner may not). */
    private static String scratchDatabase() {
        String name = "mcp_dr_it_" + UUID.randomUUID().toString().substring(0, 8);
        superuserSql("CREATE DATABASE " + name + " OWNER " + ownerUser());
        return name;
    }

    private static void dropDatabase(String name) {
        superuserSql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void superuserSql(String sql) {
        run(List.of("runuser", "-u", "postgres", "--", "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-p", dbPort(),
                "-d", "postgres", "-c", sql), Map.of());
    }

    /** jdbc:postgresql://host:port/name of the direct connection, in parts. */
    private static String[] directUrl() {
        return System.getProperty("db.direct.url").replaceFirst("^jdbc:postgresql://", "").split("[:/?]");
    }

    private static String dbHost() {
        return directUrl()[0];
    }

    private static String dbPort() {
        return directUrl()[1];
    }

    private static String liveDatabase() {
        return directUrl()[2];
    }

    private static String ownerUser() {
        return System.getProperty("db.owner.user", "mcp_owner");
    }

    private static String ownerPassword() {
        return System.getProperty("db.owner.password", "mcp_owner_dev_password");
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (var in = new java.security.DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Runs a command to completion and returns its output; fails the test with that output when it fails. */
    private static String run(List<String> command, Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process process = pb.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(300, TimeUnit.SECONDS), command.get(0) + " did not finish");
            assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + output);
            return output;
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " could not be run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
