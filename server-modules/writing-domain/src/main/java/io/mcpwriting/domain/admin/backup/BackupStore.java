package io.mcpwriting.domain.admin.backup;

import io.mcpwriting.domain.admin.schema.Names;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The backup directory: naming, resolving a client's file name safely (only plain names of files inside the
 * directory, or absolute paths inside it), listing with manifests, checksums, deletion and retention.
 */
public final class BackupStore {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}");

    private final BackupSettings settings;

    public BackupStore(BackupSettings settings) {
        this.settings = settings;
    }

    public Path dir() {
        return settings.dir();
    }

    /** Creates the directory (owner-only) if needed. */
    public Path ensureDir(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                try {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system
                }
            }
            return dir;
        } catch (IOException e) {
            throw BackupException.failed("cannot create the backup directory " + dir + " ("
                    + e.getMessage() + "); set mcp.backup.dir to a writable directory");
        }
    }

    /** {@code full-20250131T120000Z-1a2b.dump}, {@code table-books-...}, {@code incremental-....sql.gz}. */
    public String newName(String type, String table, Instant at, String extension) {
        String id = UUID.randomUUID().toString().substring(0, 4);
        return type + (table == null ? "" : "-" + table) + "-" + STAMP.format(at) + "-" + id + extension;
    }

    /** A backup file the client named: a plain file name in the directory (or its absolute path there). */
    public Path resolve(String argument, String name) {
        Path file = inside(argument, name, dir());
        if (!Files.isRegularFile(file) || file.getFileName().toString().endsWith(Manifest.SUFFIX)) {
            throw BackupException.notFound("backup", Names.shown(name) + " (db_list_backups lists the backups in "
                    + dir() + ")");
        }
        return file;
    }

    /** A plain file name (or an absolute path) inside {@code base}; anything else is refused. */
    public static Path inside(String argument, String name, Path base) {
        if (name == null || name.isBlank()) {
            throw BackupException.invalid(argument, "a file name is required");
        }
        String n = name.strip();
        Path candidate = Path.of(n);
        if (candidate.isAbsolute()) {
            Path normalized = candidate.normalize();
            if (normalized.getParent() == null || normalized.getFileName() == null
                    || !normalized.getParent().equals(base.toAbsolutePath().normalize())) {
                throw BackupException.invalid(argument, "only files directly inside " + base + " can be used");
            }
            n = normalized.getFileName().toString();
        }
        if (!isPlainName(n)) {
            throw BackupException.invalid(argument, Names.shown(name) + " is not a plain file name (letters, digits, "
                    + "'.', '_', '-'; no directories)");
        }
        return base.resolve(n);
    }

    /** A name {@link #inside} accepts as it is: letters, digits, '.', '_', '-', no "..", not hidden. */
    public static boolean isPlainName(String name) {
        return SAFE_NAME.matcher(name).matches() && !name.contains("..");
    }

    /** Whether {@code name} is a backup of the directory: a plain name with its manifest beside it. */
    public boolean isBackup(String name) {
        return isPlainName(name) && !name.endsWith(Manifest.SUFFIX) && !name.endsWith(Manifest.SHA_SUFFIX)
                && Files.isRegularFile(dir().resolve(name + Manifest.SUFFIX));
    }

    /** The manifests of all backups, newest first. */
    public List<Manifest> list() {
        List<Manifest> all = new ArrayList<>();
        if (!Files.isDirectory(dir())) {
            return all;
        }
        try (Stream<Path> files = Files.list(dir())) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(Manifest.SUFFIX)).toList()) {
                String fileName = p.getFileName().toString();
                Path backup = p.resolveSibling(fileName.substring(0, fileName.length() - Manifest.SUFFIX.length()));
                try {
                    Manifest m = Manifest.read(backup);
                    m.with("present", Files.isRegularFile(backup));
                    all.add(m);
                } catch (IOException | RuntimeException e) {
                    // an unreadable manifest: the backup is listed by validate, not here
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        all.sort((a, b) -> b.createdAt().compareTo(a.createdAt()));
        return all;
    }

    /** Removes a backup with its manifest and checksum file; the bytes freed. */
    public long delete(Path backup) {
        try {
            long size = Files.size(backup);
            Files.deleteIfExists(backup);
            Files.deleteIfExists(Manifest.pathFor(backup));
            Files.deleteIfExists(backup.resolveSibling(backup.getFileName() + Manifest.SHA_SUFFIX));
            return size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Removes backups older than the retention period, keeping the newest full backup whatever its age.
     * Returns the removed file names.
     */
    public List<String> prune(Instant now) {
        Instant limit = now.minus(settings.retentionDays(), ChronoUnit.DAYS);
        List<Manifest> all = list();
        String newestFull = all.stream().filter(m -> "full".equals(m.type())).map(m -> m.string("file"))
                .findFirst().orElse(null);
        List<String> removed = new ArrayList<>();
        for (Manifest m : all) {
            String file = m.string("file");
            if (m.createdAt().isBefore(limit) && !file.equals(newestFull)) {
                Path p = dir().resolve(file);
                if (Files.exists(p)) {
                    delete(p);
                } else {
                    try {
                        Files.deleteIfExists(Manifest.pathFor(p));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                removed.add(file);
            }
        }
        return removed;
    }

    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A private scratch directory for one operation (decrypted archives, generated scripts). */
    public Path scratch() {
        try {
            Path work = ensureDir(settings.workDir());
            return Files.createTempDirectory(work, "op-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(PgTools::deleteQuietly);
        } catch (IOException e) {
            // leftovers in the work directory are removed by the next clean-up
        }
    }
}
