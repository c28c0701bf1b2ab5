package io.mcpwriting.domain.admin.backup;

import io.mcpwriting.domain.admin.Json;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The command-line restore for operators, outside MCP (what {@code restore-backup --file=...} was):
 * <pre>
 * scripts/restore-backup.sh --file=/backups/full-20250131T020000Z-1a2b.dump [--table=books]
 *     [--on-conflict=error|skip|overwrite] [--drop-existing] [--validate-only]
 * </pre>
 * Same verification and the same single-transaction restore as the MCP tools (see {@link BackupEngine}).
 * Settings from the environment: {@code MCP_BACKUP_DB_HOST/PORT/NAME/USER/PASSWORD} (falling back to
 * {@code DB_HOST}, {@code DB_DIRECT_PORT} or 5432, {@code DB_NAME}, {@code DB_OWNER_USER}, {@code DB_OWNER_PASSWORD}),
 * {@code MCP_BACKUP_ENCRYPTION_SECRET_KEYRING} and {@code MCP_BACKUP_ENCRYPTION_SECRET_PASSPHRASE} (OpenPGP
 * backups), {@code MCP_BACKUP_ENCRYPTION_KEY} (legacy {@code .enc} backups), {@code MCP_BACKUP_DIR} (for a file
 * given by name), {@code MCP_BACKUP_PG_BIN},
 * {@code MCP_BACKUP_TIMEOUT_SECONDS}. Prints a JSON report; exit status 0 on success, 1 on failure, 2 on misuse.
 */
public final class RestoreCommand {

    static final String USAGE = """
            usage: restore-backup.sh --file=BACKUP [--table=TABLE] [--on-conflict=error|skip|overwrite]
                                     [--drop-existing] [--validate-only]
              --file           backup file (a name in MCP_BACKUP_DIR, default /backups, or a path)
              --table          restore only this table's rows (merged by --on-conflict)
              --on-conflict    rows whose key exists: error (default, fail and change nothing), skip, overwrite
              --drop-existing  make the database's tables equal to the backup's: a full backup replaces them,
                               an incremental one is applied on top of its base (restored first), deletes included
              --validate-only  check the backup (checksum, decryption, pg_restore --list, data) and stop""";

    private RestoreCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String file = null;
        String table = null;
        String onConflict = "error";
        boolean dropExisting = false;
        boolean validateOnly = false;
        for (String arg : args) {
            if (arg.startsWith("--file=")) {
                file = arg.substring("--file=".length());
            } else if (arg.startsWith("--table=")) {
                table = arg.substring("--table=".length());
            } else if (arg.startsWith("--on-conflict=")) {
                onConflict = arg.substring("--on-conflict=".length()).toLowerCase(Locale.ROOT);
            } else if (arg.equals("--drop-existing")) {
                dropExisting = true;
            } else if (arg.equals("--validate-only")) {
                validateOnly = true;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                out.println(USAGE);
                return 0;
            } else {
                err.println("unknown option " + arg + "\n" + USAGE);
                return 2;
            }
        }
        if (file == null || file.isBlank()) {
            err.println("--file is required\n" + USAGE);
            return 2;
        }
        if (!onConflict.matches("error|skip|overwrite")) {
            err.println("--on-conflict must be error, skip or overwrite\n" + USAGE);
            return 2;
        }
        try {
            Path given = Path.of(file);
            Path dir = given.isAbsolute() || given.getParent() != null ? given.toAbsolutePath().normalize().getParent()
                    : Path.of(env.getOrDefault("MCP_BACKUP_DIR", "/backups")).toAbsolutePath().normalize();
            BackupEngine engine = new BackupEngine(settings(env, dir));
            Path backup = engine.store().resolve("--file", given.getFileName().toString());
            if (validateOnly) {
                ValidationReport report = engine.validate(backup);
                out.println(Json.pretty(report));
                return report.valid() ? 0 : 1;
            }
            Map<String, Object> client = new LinkedHashMap<>();
            client.put("tool", "restore-backup (command line)");
            client.put("os_user", System.getProperty("user.name"));
            RestoreReport report = engine.restore(backup, table == null || table.isBlank() ? null : table, dropExisting,
                    BackupEngine.Conflict.valueOf(onConflict.toUpperCase(Locale.ROOT)),
                    new BackupEngine.Caller("cli:" + System.getProperty("user.name"), client));
            out.println(Json.pretty(report));
            return 0;
        } catch (BackupException | UncheckedIOException e) {
            err.println("restore-backup: " + e.getMessage());
            return 1;
        }
    }

    static BackupSettings settings(Map<String, String> env, Path dir) {
        PgConnection connection = new PgConnection(
                first(env, "localhost", "MCP_BACKUP_DB_HOST", "DB_HOST"),
                Integer.parseInt(first(env, "5432", "MCP_BACKUP_DB_PORT", "DB_DIRECT_PORT")),
                first(env, "mcp_writing", "MCP_BACKUP_DB_NAME", "DB_NAME"),
                first(env, "mcp_owner", "MCP_BACKUP_DB_USER", "DB_OWNER_USER"),
                first(env, "", "MCP_BACKUP_DB_PASSWORD", "DB_OWNER_PASSWORD", "PGPASSWORD"));
        String bin = env.get("MCP_BACKUP_PG_BIN");
        BackupEncryption encryption = BackupEncryption.of(null, env.get("MCP_BACKUP_ENCRYPTION_SECRET_KEYRING"),
                env.get("MCP_BACKUP_ENCRYPTION_SECRET_PASSPHRASE"), env.get("MCP_BACKUP_ENCRYPTION_KEY"));
        return new BackupSettings(dir, 30, encryption, connection,
                bin == null || bin.isBlank() ? null : Path.of(bin),
                Duration.ofSeconds(Long.parseLong(first(env, "3600", "MCP_BACKUP_TIMEOUT_SECONDS"))));
    }

    private static String first(Map<String, String> env, String fallback, String... names) {
        for (String name : names) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return fallback;
    }
}
