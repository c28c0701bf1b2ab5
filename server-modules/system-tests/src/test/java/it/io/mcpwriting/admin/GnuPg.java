package it.io.mcpwriting.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The GnuPG command line in a throwaway home of its own (as on an operator's machine with nothing but gpg), in
 * batch mode with one passphrase for its keys. Closing stops its agent and deletes the home.
 */
final class GnuPg implements AutoCloseable {

    /** A key pair gpg made and exported: the files, and the encryption subkey backups are encrypted to. */
    record KeyPair(Path publicKey, Path secretKey, String subkeyId, String subkeyFingerprint) {
    }

    private final Path home;
    private final String passphrase;

    private GnuPg(Path home, String passphrase) {
        this.home = home;
        this.passphrase = passphrase;
    }

    /** A new home in the temporary directory (short: gpg-agent's socket path must stay under 108 characters). */
    static GnuPg newHome(String passphrase) {
        try {
            return new GnuPg(Files.createTempDirectory("gnupg-it-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))), passphrase);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs gpg; fails the test with gpg's output when it fails. Returns standard output and error together. */
    String run(String... args) {
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--yes",
                "--pinentry-mode", "loopback", "--passphrase", passphrase));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(180, TimeUnit.SECONDS), "gpg " + String.join(" ", args) + " did not finish");
            assertEquals(0, process.exitValue(), "gpg " + String.join(" ", args) + ":\n" + output);
            return output;
        } catch (IOException e) {
            throw new AssertionError("gpg (GnuPG) is needed and could not be run; scripts/bootstrap.sh installs it: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Makes a key pair with gpg's defaults (a primary key and an encryption subkey) and exports it into dir. */
    KeyPair generate(String userId, String email, Path dir, String name) {
        run("--quick-generate-key", userId + " <" + email + ">", "default", "default", "never");
        Path publicKey = dir.resolve(name + ".asc");
        Path secretKey = dir.resolve(name + "-secret.asc");
        run("--armor", "--output", publicKey.toString(), "--export", email);
        run("--armor", "--output", secretKey.toString(), "--export-secret-keys", email);
        String subkeyId = null;
        String subkeyFingerprint = null;
        for (String line : run("--with-colons", "--with-subkey-fingerprints", "--list-keys", email).split("\n")) {
            String[] fields = line.split(":", -1);
            if (fields[0].equals("sub")) {
                subkeyId = fields[4];
            } else if (fields[0].equals("fpr") && subkeyId != null && subkeyFingerprint == null) {
                subkeyFingerprint = fields[9];
            }
        }
        assertTrue(subkeyId != null && subkeyFingerprint != null, "gpg made no encryption subkey for " + email);
        return new KeyPair(publicKey, secretKey, subkeyId, subkeyFingerprint);
    }

    @Override
    public void close() {
        try {
            new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "all").start()
                    .waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no gpgconf: the agent ends with the machine; the home is removed all the same
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
