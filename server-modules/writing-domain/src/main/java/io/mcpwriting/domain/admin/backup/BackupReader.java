package io.mcpwriting.domain.admin.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads stored backups for validation, restores and incremental bases: the manifest, the checksum check every
 * use of a backup starts with, and the plain data (decrypted into a private scratch file when it is encrypted).
 */
final class BackupReader {

    private final BackupSettings settings;
    private final BackupStore store;

    BackupReader(BackupSettings settings, BackupStore store) {
        this.settings = settings;
        this.store = store;
    }

    /** The backup's manifest; without one it cannot be verified, and {@code argument} is refused. */
    Manifest readManifest(String argument, Path backup) {
        try {
            return Manifest.read(backup);
        } catch (IOException | RuntimeException e) {
            throw BackupException.invalid(argument, backup.getFileName() + " has no readable manifest ("
                    + backup.getFileName() + Manifest.SUFFIX + "); it cannot be verified");
        }
    }

    /** The checksum check every use of a backup starts with; null when it matches, else what is wrong. */
    String checksumProblem(Path backup, Manifest manifest) {
        String expected = manifest.sha256();
        if (expected == null) {
            return "the manifest has no sha256";
        }
        String actual = BackupStore.sha256(backup);
        if (!expected.equalsIgnoreCase(actual)) {
            return "SHA-256 mismatch: the manifest says " + expected + ", the file has " + actual
                    + " (the file is corrupted or was changed)";
        }
        return null;
    }

    /**
     * Runs {@code work} on the unencrypted archive (decrypted into a private scratch file when needed, with the
     * key its stored format needs, whatever new backups use).
     */
    <T> T withPlain(Path backup, Manifest manifest, PlainWork<T> work) {
        StoredFormat format;
        try {
            format = StoredFormat.of(backup);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (format == StoredFormat.PLAIN) {
            try {
                return work.apply(backup);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path work2 = store.scratch();
        try {
            Path plain = work2.resolve("plain");
            try (InputStream in = settings.encryption().decrypting(format, backup)) {
                Files.copy(in, plain);
            } catch (IOException e) {
                throw BackupException.unusable(backup.getFileName() + ": " + e.getMessage());
            }
            return work.apply(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            BackupStore.deleteTree(work2);
        }
    }

    /** Work on a backup's plain data. */
    @FunctionalInterface
    interface PlainWork<T> {
        T apply(Path plain) throws IOException;
    }

    /** A pg_dump archive (full and table backups), not the COPY data of an incremental backup. */
    static boolean isArchive(Manifest manifest) {
        return !"incremental".equals(manifest.type());
    }

    /** The COPY data of an incremental backup's plain file. */
    static InputStream incrementalData(Path plain) throws IOException {
        return new GZIPInputStream(new java.io.BufferedInputStream(Files.newInputStream(plain), 1 << 16), 1 << 16);
    }
}
