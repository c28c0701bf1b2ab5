package io.mcpwriting.domain.admin.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bouncycastle.openpgp.PGPException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenPGP backups without a server: keys made here by BouncyCastle, files written and read through
 * {@link BackupEncryption} as the engine does (GnuPG itself: {@link GnuPgInteropTest}).
 */
class OpenPgpBackupTest {

    /** Keys that rotate share the keyring, and so its one passphrase. */
    private static final String PASSPHRASE = "backup keyring passphrase";

    private static TestKeys oldKey;
    private static TestKeys newKey;
    private static TestKeys strangerKey;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeKeys() throws PGPException {
        oldKey = TestKeys.generate("Backups 2024 <backups-2024@example.org>", PASSPHRASE);
        newKey = TestKeys.generate("Backups 2025 <backups-2025@example.org>", PASSPHRASE);
        strangerKey = TestKeys.generate("Someone else <someone@example.org>", "stranger passphrase");
    }

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    private Path encrypt(BackupEncryption encryption, byte[] plain) throws IOException {
        BackupCipher cipher = encryption.forNewBackups();
        Path file = Files.createTempFile(dir, "backup-", ".dump" + cipher.extension());
        try (OutputStream out = cipher.encrypting(Files.newOutputStream(file), "backup.dump")) {
            out.write(plain);
        }
        return file;
    }

    private static byte[] decrypt(BackupEncryption encryption, Path file) throws IOException {
        try (InputStream in = encryption.decrypting(StoredFormat.of(file), file)) {
            return in.readAllBytes();
        }
    }

    private static BackupEncryption to(Path... publicKeys) {
        return BackupEncryption.of(join(publicKeys), null, null, null);
    }

    private static BackupEncryption readingWith(String passphrase, Path... secretKeys) {
        return BackupEncryption.of(null, join(secretKeys), passphrase, null);
    }

    private static String join(Path... paths) {
        return String.join(", ", java.util.Arrays.stream(paths).map(Path::toString).toList());
    }

    @Test
    void roundTripsEmptySmallAndLargeDataAndRecordsTheRecipient() throws IOException {
        Path publicKey = oldKey.writePublic(dir.resolve("old.asc"), true);
        Path secretKey = oldKey.writeSecret(dir.resolve("old-secret.gpg"), false);
        for (int size : new int[] {0, 1, 65_536, 65_537, 300_000}) {
            byte[] plain = random(size);
            Path file = encrypt(to(publicKey), plain);
            assertEquals(StoredFormat.OPENPGP, StoredFormat.of(file));
            assertArrayEquals(plain, decrypt(readingWith(PASSPHRASE, secretKey), file), "size " + size);
        }
        BackupCipher cipher = to(publicKey).forNewBackups();
        assertEquals(".pgp", cipher.extension());
        assertEquals("openpgp", cipher.manifestFields().get("encryption"));
        Map<?, ?> recipient = (Map<?, ?>) ((List<?>) cipher.manifestFields().get("recipients")).get(0);
        assertEquals(oldKey.encryptionKeyId(), recipient.get("key_id"));
        assertTrue(((String) recipient.get("key_id")).matches("[0-9A-F]{16}"));
        assertTrue(((String) recipient.get("fingerprint")).matches("[0-9A-F]{40}"));
        assertEquals(oldKey.primaryFingerprint(), recipient.get("primary_fingerprint"));
        assertEquals("Backups 2024 <backups-2024@example.org>", recipient.get("user_id"));
    }

    @Test
    void encryptsAndDecryptsAsTheBytesFlowWithoutHoldingTheBackup() throws IOException {
        Path publicKey = oldKey.writePublic(dir.resolve("old.asc"), true);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        byte[] chunk = random(1 << 20);
        try (OutputStream out = to(publicKey).forNewBackups().encrypting(file, "big.dump")) {
            for (int i = 0; i < 4; i++) {
                out.write(chunk);
                assertTrue(file.size() > (i + 1) * chunk.length - (1 << 17),
                        "after " + (i + 1) + " MiB the file holds " + file.size() + " bytes: it is written as it comes");
            }
        }
        Path encrypted = Files.write(dir.resolve("big.dump.pgp"), file.toByteArray());
        Path secretKey = oldKey.writeSecret(dir.resolve("old-secret.asc"), true);
        long[] consumed = new long[1];
        BackupEncryption reading = readingWith(PASSPHRASE, secretKey);
        try (InputStream counted = new FilterInputStream(Files.newInputStream(encrypted)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                consumed[0] += Math.max(n, 0);
                return n;
            }
        }; InputStream plain = new OpenPgpDecryptor(OpenPgpKeys.secretKeys(List.of(secretKey)), PASSPHRASE)
                .decrypting(counted, "big.dump.pgp")) {
            assertArrayEquals(java.util.Arrays.copyOf(chunk, 1000), plain.readNBytes(1000));
            assertTrue(consumed[0] < chunk.length, "reading the first bytes read " + consumed[0] + " bytes of the file");
        }
        assertEquals(4 * chunk.length, decrypt(reading, encrypted).length);
    }

    @Test
    void rotationEncryptsToEveryRecipientAndKeepsOldBackupsReadable() throws IOException {
        Path oldPublic = oldKey.writePublic(dir.resolve("old.asc"), true);
        Path newPublic = newKey.writePublic(dir.resolve("new.gpg"), false);
        Path oldSecret = oldKey.writeSecret(dir.resolve("old-secret.asc"), true);
        Path newSecret = newKey.writeSecret(dir.resolve("new-secret.asc"), true);
        byte[] plain = random(100_000);

        Path beforeRotation = encrypt(to(oldPublic), plain);
        Path duringRotation = encrypt(to(oldPublic, newPublic), plain);
        Path afterRotation = encrypt(to(newPublic), plain);
        List<?> recipients = (List<?>) to(oldPublic, newPublic).forNewBackups().manifestFields().get("recipients");
        assertEquals(List.of(oldKey.encryptionKeyId(), newKey.encryptionKeyId()),
                recipients.stream().map(r -> ((Map<?, ?>) r).get("key_id")).toList());
        // both keys in one file, armoured one after the other (cat old.asc new.asc): both are recipients
        Path bothPublic = dir.resolve("both.asc");
        Files.write(bothPublic, Files.readAllBytes(oldPublic));
        Files.write(bothPublic, Files.readAllBytes(newKey.writePublic(dir.resolve("new.asc"), true)),
                java.nio.file.StandardOpenOption.APPEND);
        assertEquals(recipients, to(bothPublic).forNewBackups().manifestFields().get("recipients"));

        assertArrayEquals(plain, decrypt(readingWith(PASSPHRASE, oldSecret), duringRotation), "old secret key");
        assertArrayEquals(plain, decrypt(readingWith(PASSPHRASE, newSecret), duringRotation), "new secret key");

        // the secret keyring after rotation keeps the old key beside the new one: in one file, or as two files
        Path keyring = TestKeys.writeSecretKeyring(dir.resolve("keyring.asc"), newKey, oldKey);
        for (BackupEncryption reading : List.of(readingWith(PASSPHRASE, keyring),
                readingWith(PASSPHRASE, newSecret, oldSecret))) {
            assertArrayEquals(plain, decrypt(reading, beforeRotation));
            assertArrayEquals(plain, decrypt(reading, duringRotation));
        }
        assertArrayEquals(plain, decrypt(readingWith(PASSPHRASE, keyring), afterRotation));
    }

    @Test
    void aBackupForKeysNotInTheKeyringNamesTheKeysItNeeds() throws IOException {
        Path file = encrypt(to(oldKey.writePublic(dir.resolve("old.asc"), true),
                newKey.writePublic(dir.resolve("new.asc"), true)), random(10_000));
        Path strangerSecret = strangerKey.writeSecret(dir.resolve("stranger.asc"), true);

        BackupException wrongKey = assertThrows(BackupException.class,
                () -> decrypt(readingWith("stranger passphrase", strangerSecret), file));
        String message = wrongKey.getMessage();
        assertTrue(message.contains(file.getFileName() + " is encrypted to OpenPGP key(s) " + oldKey.encryptionKeyId()
                + ", " + newKey.encryptionKeyId()), message);
        assertTrue(message.contains("; none of them is in mcp.backup.encryption.secret.keyring, which holds "
                + OpenPgpKeys.keyId(strangerKey.publicRing().getPublicKey().getKeyID()) + ", "
                + strangerKey.encryptionKeyId()), message);
        assertEquals("validation", BackupToolErrors.toolError(wrongKey).kind().type());

        BackupException noKeyring = assertThrows(BackupException.class,
                () -> decrypt(BackupEncryption.of(null, null, null, null), file));
        assertTrue(noKeyring.getMessage().contains(oldKey.encryptionKeyId()), noKeyring.getMessage());
        assertTrue(noKeyring.getMessage().contains("no mcp.backup.encryption.secret.keyring is configured"),
                noKeyring.getMessage());
    }

    @Test
    void aWrongOrMissingPassphraseIsNamed() throws IOException {
        Path file = encrypt(to(oldKey.writePublic(dir.resolve("old.asc"), true)), random(1000));
        Path secret = oldKey.writeSecret(dir.resolve("old-secret.asc"), true);
        assertTrue(assertThrows(BackupException.class, () -> decrypt(readingWith("wrong", secret), file)).getMessage()
                .contains("mcp.backup.encryption.secret.passphrase does not unlock it"));
        assertTrue(assertThrows(BackupException.class, () -> decrypt(readingWith(null, secret), file)).getMessage()
                .contains("mcp.backup.encryption.secret.passphrase is not set"));
    }

    @Test
    void anAlteredOrTruncatedBackupFailsAuthentication() throws IOException {
        Path publicKey = oldKey.writePublic(dir.resolve("old.asc"), true);
        BackupEncryption reading = readingWith(PASSPHRASE, oldKey.writeSecret(dir.resolve("s.asc"), true));
        byte[] plain = random(300_000);

        Path altered = encrypt(to(publicKey), plain);
        try (RandomAccessFile raf = new RandomAccessFile(altered.toFile(), "rw")) {
            raf.seek(raf.length() / 2);
            int b = raf.read();
            raf.seek(raf.length() / 2);
            raf.write(b ^ 0x01);
        }
        IOException changed = assertThrows(IOException.class, () -> decrypt(reading, altered));
        assertTrue(changed.getMessage().contains("failed authentication"), changed.getMessage());

        Path truncated = encrypt(to(publicKey), plain);
        byte[] whole = Files.readAllBytes(truncated);
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length - 30));
        IOException cut = assertThrows(IOException.class, () -> decrypt(reading, truncated));
        assertTrue(cut.getMessage().contains("failed authentication"), cut.getMessage());
    }

    @Test
    void recipientsAreNeededForNewBackupsAndTheLegacyKeyStillReadsOldOnes() throws IOException {
        byte[] legacyKey = random(32);
        String legacyText = Base64.getEncoder().encodeToString(legacyKey);
        byte[] plain = random(70_000);

        BackupException legacyOnly = assertThrows(BackupException.class,
                () -> BackupEncryption.of(null, null, null, legacyText).forNewBackups());
        assertEquals(BackupException.Reason.FAILED, legacyOnly.reason());
        assertTrue(legacyOnly.getMessage().contains("Set mcp.backup.encryption.recipients"), legacyOnly.getMessage());
        Path oldBackup = Files.createTempFile(dir, "backup-", ".dump.enc");
        try (OutputStream out = LegacyBackups.encrypting(Files.newOutputStream(oldBackup), legacyKey)) {
            out.write(plain);
        }
        assertEquals(StoredFormat.LEGACY_AES, StoredFormat.of(oldBackup));

        Path publicKey = oldKey.writePublic(dir.resolve("old.asc"), true);
        Path secretKey = oldKey.writeSecret(dir.resolve("old-secret.asc"), true);
        BackupEncryption both = BackupEncryption.of(publicKey.toString(), secretKey.toString(), PASSPHRASE,
                legacyText);
        assertEquals(".pgp", both.forNewBackups().extension(), "with recipients, new backups are OpenPGP");
        Path newBackup = encrypt(both, plain);
        assertArrayEquals(plain, decrypt(both, oldBackup), "the legacy key still reads MCPENC01 backups");
        assertArrayEquals(plain, decrypt(both, newBackup));

        BackupException noLegacyKey = assertThrows(BackupException.class,
                () -> decrypt(readingWith(PASSPHRASE, secretKey), oldBackup));
        assertTrue(noLegacyKey.getMessage().contains("no mcp.backup.encryption.key is configured"));
        assertFalse(BackupCipher.NONE.encrypts());
        assertEquals("", BackupEncryption.of(null, " ", null, "").forNewBackups().extension());
    }

    @Test
    void unusableRecipientFilesAreNamedWithTheSetting() throws IOException {
        Path missing = dir.resolve("missing.asc");
        BackupException notThere = assertThrows(BackupException.class, () -> to(missing).forNewBackups());
        assertEquals("mcp.backup.encryption.recipients: " + missing + " does not exist", notThere.getMessage());

        Path secretInstead = oldKey.writeSecret(dir.resolve("secret.asc"), true);
        BackupException wrongKind = assertThrows(BackupException.class, () -> to(secretInstead).forNewBackups());
        assertTrue(wrongKind.getMessage().startsWith("mcp.backup.encryption.recipients: " + secretInstead
                + " is not an OpenPGP public key"), wrongKind.getMessage());

        Path garbage = Files.writeString(dir.resolve("garbage.asc"), "not a key");
        assertThrows(BackupException.class, () -> to(garbage).forNewBackups());
        Path publicInstead = oldKey.writePublic(dir.resolve("public.asc"), true);
        Path file = encrypt(to(publicInstead), random(10));
        BackupException notSecret = assertThrows(BackupException.class,
                () -> decrypt(readingWith(PASSPHRASE, publicInstead), file));
        assertTrue(notSecret.getMessage().startsWith("mcp.backup.encryption.secret.keyring: " + publicInstead
                + " is not an OpenPGP secret key"), notSecret.getMessage());
    }
}
