package io.mcpwriting.domain.admin.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes a backup into the backup directory, whatever produced it: the bytes, encrypted as the cipher says, into
 * a partial file renamed when complete (owner-only), then the manifest with their size and SHA-256. A backup
 * that fails or is cancelled before its manifest is written is {@linkplain #discard discarded}.
 */
final class BackupFiles {

    private BackupFiles() {
    }

    /** Writes what {@code writer} produces into the stream it is given. */
    @FunctionalInterface
    interface SinkWriter {
        void write(OutputStream sink) throws IOException;
    }

    /**
     * Writes a backup file: bytes go (encrypted as {@code cipher} says) to a partial file, renamed when complete.
     * Returns the SHA-256 of the stored bytes.
     */
    static String writeThrough(Path target, BackupCipher cipher, SinkWriter writer) {
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        String fileName = target.getFileName().toString();
        String plainName = fileName.substring(0, fileName.length() - cipher.extension().length());
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (OutputStream file = Files.newOutputStream(partial);
                    DigestOutputStream hashed = new DigestOutputStream(new java.io.BufferedOutputStream(file, 1 << 16),
                            digest);
                    OutputStream sink = cipher.encrypting(hashed, plainName)) {
                writer.write(sink);
            }
            restrict(partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + target.getFileName() + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            PgTools.deleteQuietly(partial);
        }
    }

    /**
     * Completes the manifest of the backup in {@code target} (size, SHA-256, duration) and writes it beside the
     * backup, which is removed when that fails.
     */
    static Manifest finish(Path target, Manifest manifest, String sha, long start) {
        try {
            manifest.with("size_bytes", Files.size(target)).with("sha256", sha)
                    .with("duration_ms", (System.nanoTime() - start) / 1_000_000)
                    .with("tool", "mcp-writing database-admin");
            manifest.write(target);
            return manifest;
        } catch (IOException e) {
            discard(target);
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Removes a backup that was not finished (cancelled, or failed after its bytes were written) with whatever of
     * its manifest was written: a backup without its manifest is not in the catalogue and would only take space.
     */
    static void discard(Path target) {
        PgTools.deleteQuietly(target);
        PgTools.deleteQuietly(Manifest.pathFor(target));
        PgTools.deleteQuietly(target.resolveSibling(target.getFileName() + Manifest.SHA_SUFFIX));
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system; the directory is owner-only anyway
        }
    }
}
