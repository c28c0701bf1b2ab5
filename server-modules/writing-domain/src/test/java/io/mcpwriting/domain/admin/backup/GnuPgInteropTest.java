package io.mcpwriting.domain.admin.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our OpenPGP backups and the real GnuPG command line, both ways: gpg decrypts what we encrypted, we decrypt what
 * gpg encrypted, with keys made by BouncyCastle and keys made by gpg. gpg must be installed (scripts/bootstrap.sh
 * installs gnupg): without it these tests fail, they are not skipped.
 */
class GnuPgInteropTest {

    private static final String PASSPHRASE = "interop passphrase";

    @TempDir
    Path dir;

    private Path home;

    @BeforeEach
    void gnupgHome() throws IOException {
        home = Files.createDirectory(dir.resolve("gnupg"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    @AfterEach
    void stopAgent() {
        // gpg started an agent for this home; it would outlive the test
        try {
            new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "all").start().waitFor(30,
                    TimeUnit.SECONDS);
        } catch (IOException e) {
            // no gpgconf: nothing was started that it could stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs gpg in the test's home, in batch mode, the passphrase given on the command line; fails on error. */
    private String gpg(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--yes",
                "--pinentry-mode", "loopback", "--passphrase", PASSPHRASE));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("gpg (GnuPG) is needed for this test and is not installed; scripts/bootstrap.sh "
                    + "installs it (apt-get install gnupg): " + e.getMessage(), e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "gpg " + String.join(" ", args) + " did not finish");
        assertEquals(0, process.exitValue(), "gpg " + String.join(" ", args) + ":\n" + output);
        return output;
    }

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    private Path encryptWithOurCode(byte[] plain, Path... publicKeys) throws IOException {
        BackupCipher cipher = BackupEncryption.of(String.join(",", java.util.Arrays.stream(publicKeys)
                .map(Path::toString).toList()), null, null, null).forNewBackups();
        Path file = dir.resolve("full-20250101T000000Z-abcd.dump" + cipher.extension());
        try (OutputStream out = cipher.encrypting(Files.newOutputStream(file), "full-20250101T000000Z-abcd.dump")) {
            out.write(plain);
        }
        return file;
    }

    private static byte[] decryptWithOurCode(Path file, Path secretKeys) throws IOException {
        BackupEncryption reading = BackupEncryption.of(null, secretKeys.toString(), PASSPHRASE, null);
        try (InputStream in = reading.decrypting(StoredFormat.of(file), file)) {
            return in.readAllBytes();
        }
    }

    private byte[] decryptWithGpg(Path file) throws IOException, InterruptedException {
        Path out = dir.resolve("decrypted-by-gpg");
        gpg("--output", out.toString(), "--decrypt", file.toString());
        return Files.readAllBytes(out);
    }

    private Path encryptWithGpg(byte[] plain, String recipient) throws IOException, InterruptedException {
        Path in = Files.write(dir.resolve("plain-for-gpg"), plain);
        Path out = dir.resolve("encrypted-by-gpg.gpg");
        gpg("--trust-model", "always", "--recipient", recipient, "--output", out.toString(), "--encrypt", in.toString());
        return out;
    }

    @Test
    void gpgDecryptsOurBackupsAndWeDecryptGpgsWithBouncyCastleKeys() throws Exception {
        TestKeys keys = TestKeys.generate("MCP backups <backups@example.org>", PASSPHRASE);
        TestKeys other = TestKeys.generate("Rotated in <rotated@example.org>", PASSPHRASE);
        Path publicKey = keys.writePublic(dir.resolve("backups.asc"), true);
        Path secretKey = keys.writeSecret(dir.resolve("backups-secret.asc"), true);
        gpg("--import", secretKey.toString());

        byte[] plain = random(300_000);
        assertArrayEquals(plain, decryptWithGpg(encryptWithOurCode(plain, publicKey)));
        Path toBoth = encryptWithOurCode(plain, other.writePublic(dir.resolve("other.gpg"), false), publicKey);
        String packets = gpg("--show-session-key", "--list-packets", toBoth.toString());
        assertTrue(packets.contains("keyid " + keys.encryptionKeyId())
                && packets.contains("keyid " + other.encryptionKeyId()), packets);
        // the session key's algorithm 9 is AES-256; MDC method 2 is SHA-1 over the plain data
        assertTrue(packets.contains("session key: '9:") && packets.contains("mdc_method: 2"),
                "AES-256 with MDC:\n" + packets);
        assertTrue(packets.contains("literal data packet") && !packets.contains("compressed packet"),
                "not compressed:\n" + packets);
        assertArrayEquals(plain, decryptWithGpg(toBoth), "gpg holds one of the two recipients' secret keys");

        Path byGpg = encryptWithGpg(plain, keys.primaryFingerprint());
        assertEquals(StoredFormat.OPENPGP, StoredFormat.of(byGpg));
        assertArrayEquals(plain, decryptWithOurCode(byGpg, secretKey), "gpg compresses by default: we read it too");
    }

    @Test
    void keysMadeByGpgWorkBothWays() throws Exception {
        gpg("--quick-generate-key", "GnuPG made <gnupg@example.org>", "future-default", "default", "never");
        Path publicKey = dir.resolve("gpg-public.asc");
        Path secretKey = dir.resolve("gpg-secret.asc");
        gpg("--armor", "--output", publicKey.toString(), "--export", "gnupg@example.org");
        gpg("--armor", "--output", secretKey.toString(), "--export-secret-keys", "gnupg@example.org");
        String subkeyId = gpg("--with-colons", "--list-keys", "gnupg@example.org").lines()
                .filter(l -> l.startsWith("sub:")).map(l -> l.split(":")[4]).findFirst().orElseThrow();

        byte[] plain = random(200_000);
        BackupCipher cipher = BackupEncryption.of(publicKey.toString(), null, null, null).forNewBackups();
        Map<?, ?> recipient = (Map<?, ?>) ((List<?>) cipher.manifestFields().get("recipients")).get(0);
        assertEquals(subkeyId, recipient.get("key_id"), "the manifest names the subkey gpg encrypts to");
        assertArrayEquals(plain, decryptWithGpg(encryptWithOurCode(plain, publicKey)));
        assertArrayEquals(plain, decryptWithOurCode(encryptWithGpg(plain, "gnupg@example.org"), secretKey));
    }
}
