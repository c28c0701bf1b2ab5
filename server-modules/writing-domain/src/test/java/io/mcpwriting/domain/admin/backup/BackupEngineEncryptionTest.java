package io.mcpwriting.domain.admin.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.openpgp.PGPException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's side of encrypted backups, with stand-ins for psql, pg_dump and pg_restore (shell scripts that
 * print a fixed catalog and archive): file names, manifests, checksums over the stored bytes, row counts, what
 * is left on disk, and validation with and without the keys a backup needs.
 */
class BackupEngineEncryptionTest {

    private static final String PASSPHRASE = "engine test passphrase";
    /** What the pg_dump stand-in writes: an archive whose data the pg_restore stand-in prints. */
    private static final String ARCHIVE = "PGDMP stand-in archive\n"
            + "COPY public.books (id, title) FROM stdin;\n1\tOne\n2\tTwo\n3\tThree\n\\.\n"
            + "COPY public.genres (id, name) FROM stdin;\n1\tFantasy\n\\.\n";

    private static TestKeys keys;

    @TempDir
    Path dir;

    private Path bin;
    private Path publicKey;
    private Path secretKey;

    @BeforeAll
    static void makeKeys() throws PGPException {
        keys = TestKeys.generate("Engine test <engine@example.org>", PASSPHRASE);
    }

    @BeforeEach
    void standInTools() throws IOException {
        bin = Files.createDirectory(dir.resolve("bin"));
        Path archive = Files.writeString(dir.resolve("archive"), ARCHIVE, StandardCharsets.UTF_8);
        tool("psql", "echo '{\"database\": \"mcp_writing\", \"server_version\": \"15.0\", "
                + "\"now\": \"2025-01-31T02:00:00.000000Z\", \"horizon\": {\"system_identifier\": \"7\", "
                + "\"timeline\": 1, \"xmin\": \"900\"}, \"next_xid\": \"901\", \"tables\": []}'");
        tool("pg_dump", "if [ \"$1\" = --version ]; then echo 'pg_dump (PostgreSQL) 15.0'; else cat '" + archive
                + "'; fi");
        tool("pg_restore", "for a; do last=$a; done\n"
                + "if [ \"$1\" = --list ]; then echo '; archive'; echo '1; 0 0 TABLE DATA public books o'; "
                + "else tail -n +2 \"$last\"; fi");
        publicKey = keys.writePublic(dir.resolve("recipient.asc"), true);
        secretKey = keys.writeSecret(dir.resolve("secret.asc"), true);
    }

    private void tool(String name, String body) throws IOException {
        Files.writeString(bin.resolve(name), "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(bin.resolve(name), PosixFilePermissions.fromString("rwx------"));
    }

    private BackupEngine engine(BackupEncryption encryption) {
        return new BackupEngine(new BackupSettings(dir.resolve("backups"), 30, encryption,
                new PgConnection("localhost", 5432, "mcp_writing", "mcp_owner", "secret"), bin, Duration.ofSeconds(60)));
    }

    @Test
    void aServerWithPublicKeysOnlyWritesAnOpenPgpBackupWithItsKeyIdsAndRowCounts() throws IOException {
        BackupEngine engine = engine(BackupEncryption.of(publicKey.toString(), null, null, null));
        Manifest manifest = engine.backupFull(true, true);

        String file = manifest.string("file");
        assertTrue(file.matches("full-\\d{8}T\\d{6}Z-[0-9a-f]{4}\\.dump\\.pgp"), file);
        assertEquals(true, manifest.get("encrypted"));
        assertEquals("openpgp", manifest.get("encryption"));
        Map<?, ?> recipient = (Map<?, ?>) ((List<?>) manifest.get("recipients")).get(0);
        assertEquals(keys.encryptionKeyId(), recipient.get("key_id"));
        assertEquals(keys.primaryFingerprint(), recipient.get("primary_fingerprint"));
        assertEquals(4L, ((Number) manifest.get("total_rows")).longValue(), "counted in the plain copy as written");

        Path stored = engine.store().dir().resolve(file);
        assertEquals(BackupStore.sha256(stored), manifest.sha256(), "the checksum is over the stored bytes");
        assertEquals(StoredFormat.OPENPGP, StoredFormat.of(stored));
        assertEquals(file, Manifest.read(stored).string("file"));
        try (Stream<Path> work = Files.walk(engine.settings().workDir())) {
            assertEquals(List.of(engine.settings().workDir()), work.toList(), "no plain copy is left behind");
        }
        BackupEncryption reading = BackupEncryption.of(null, secretKey.toString(), PASSPHRASE, null);
        try (InputStream in = reading.decrypting(StoredFormat.OPENPGP, stored)) {
            assertArrayEquals(ARCHIVE.getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }

        ValidationReport withoutSecretKey = engine.validate(stored);
        assertEquals(false, withoutSecretKey.valid());
        assertTrue(withoutSecretKey.problems().toString().contains("decryption: " + file
                + " is encrypted to OpenPGP key(s) " + keys.encryptionKeyId()), withoutSecretKey.toString());
    }

    @Test
    void withOnlyTheLegacyKeyABackupFailsNamingTheSettingAndWritesNothing() throws IOException {
        String legacyKey = Base64.getEncoder().encodeToString(new byte[32]);
        BackupEngine engine = engine(BackupEncryption.of(null, null, null, legacyKey));
        for (Runnable backup : List.<Runnable>of(() -> engine.backupFull(true, true),
                () -> engine.backupTable("books", false, false, true))) {
            BackupException refused = assertThrows(BackupException.class, backup::run);
            assertTrue(refused.getMessage().startsWith("Backups are not written while only "
                    + "mcp.backup.encryption.key is set"), refused.getMessage());
            assertTrue(refused.getMessage().contains("Set mcp.backup.encryption.recipients"), refused.getMessage());
        }
        try (Stream<Path> files = Files.list(engine.store().dir())) {
            assertEquals(List.of(), files.filter(f -> !f.getFileName().toString().startsWith(".")).toList(),
                    "neither an .enc nor a plain backup");
        }
    }

    @Test
    void backupsValidateWithTheSecretKeyringAndOlderEncBackupsWithTheLegacyKey() throws IOException {
        byte[] legacyKey = new byte[32];
        Manifest plainBackup = engine(BackupEncryption.of(null, null, null, null)).backupTable("books", false,
                false, true);
        assertEquals(false, plainBackup.get("encrypted"));
        assertTrue(plainBackup.string("file").endsWith(".dump"), plainBackup.fields().toString());
        BackupEngine both = engine(BackupEncryption.of(publicKey.toString(), secretKey.toString(), PASSPHRASE,
                Base64.getEncoder().encodeToString(legacyKey)));
        Manifest legacy = LegacyBackups.of(both.store().dir().resolve(plainBackup.string("file")), legacyKey);

        Manifest openPgp = both.backupTable("books", false, false, true);
        assertTrue(openPgp.string("file").endsWith(".dump.pgp"), openPgp.string("file"));
        for (Manifest m : List.of(legacy, openPgp)) {
            ValidationReport report = both.validate(both.store().dir().resolve(m.string("file")));
            assertEquals(true, report.valid(), report.toString());
        }
    }
}
