package io.mcpwriting.domain.admin.backup;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where backups live and how they are made.
 *
 * @param dir            the backup directory ({@code mcp.backup.dir}, default {@code /backups})
 * @param retentionDays  backups older than this are removed after each new backup ({@code mcp.backup.retention.days})
 * @param encryption     the keys of encrypted backups ({@code mcp.backup.encryption.*}, see {@link BackupEncryption})
 * @param binDir         directory of pg_dump/pg_restore/psql, or null to use the PATH ({@code mcp.backup.pg.bin})
 * @param timeout        the longest one PostgreSQL tool may run ({@code mcp.backup.timeout.seconds})
 */
public record BackupSettings(Path dir, int retentionDays, BackupEncryption encryption, PgConnection connection,
        Path binDir, Duration timeout) {

    public Path workDir() {
        return dir.resolve(".work");
    }

    public Path exportsDir() {
        return dir.resolve("exports");
    }
}
