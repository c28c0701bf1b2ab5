package io.mcpwriting.domain.admin.backup;

import io.mcpwriting.mcp.tool.ErrorKind;
import io.mcpwriting.mcp.tool.ToolException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * Where backups live and how they are made.
 *
 * @param dir            the backup directory ({@code mcp.backup.dir}, default {@code /backups})
 * @param retentionDays  backups older than this are removed after each new backup ({@code mcp.backup.retention.days})
 * @param encryptionKey  AES-256 key, or null for unencrypted backups ({@code mcp.backup.encryption.key})
 * @param binDir         directory of pg_dump/pg_restore/psql, or null to use the PATH ({@code mcp.backup.pg.bin})
 * @param timeout        the longest one PostgreSQL tool may run ({@code mcp.backup.timeout.seconds})
 */
public record BackupSettings(Path dir, int retentionDays, byte[] encryptionKey, PgConnection connection, Path binDir,
        Duration timeout) {

    public static final String KEY_HELP = "mcp.backup.encryption.key must be a 256-bit key, base64-encoded "
            + "(e.g. the output of: openssl rand -base64 32)";

    /** Decodes a base64 AES-256 key; blank means no encryption. */
    public static byte[] parseKey(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new ToolException(ErrorKind.INTERNAL, KEY_HELP);
        }
        if (key.length != 32) {
            throw new ToolException(ErrorKind.INTERNAL, KEY_HELP + "; the configured key has " + key.length + " bytes");
        }
        return key;
    }

    public boolean encrypts() {
        return encryptionKey != null;
    }

    public Path workDir() {
        return dir.resolve(".work");
    }

    public Path exportsDir() {
        return dir.resolve("exports");
    }
}
