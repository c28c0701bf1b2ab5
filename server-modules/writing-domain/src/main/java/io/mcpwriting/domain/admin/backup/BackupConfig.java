package io.mcpwriting.domain.admin.backup;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Backup settings from MicroProfile Config (environment variables such as {@code MCP_BACKUP_DIR} included).
 * The direct connection ({@code mcp.backup.db.host/port/name/user/password}) defaults to the datasource's
 * {@code db.host}, {@code db.name}, {@code db.user} and {@code db.password} on port 5432 (PostgreSQL itself,
 * not PgBouncer). Restores need the schema owner: set {@code mcp.backup.db.user}/{@code password} to it.
 * Encryption: see {@link BackupEncryption} ({@code mcp.backup.encryption.recipients} for new backups; the retired
 * {@code mcp.backup.encryption.key} only decrypts older backups).
 */
@ApplicationScoped
public class BackupConfig {

    private static final Logger LOG = Logger.getLogger(BackupConfig.class.getName());

    @Inject
    Config config;

    @Inject
    @ConfigProperty(name = "mcp.backup.dir", defaultValue = "/backups")
    String dir;

    @Inject
    @ConfigProperty(name = "mcp.backup.retention.days", defaultValue = "30")
    int retentionDays;

    @Inject
    @ConfigProperty(name = "mcp.backup.encryption.key")
    Optional<String> encryptionKey;

    /** Comma-separated OpenPGP public key files that new backups are encrypted to. */
    @Inject
    @ConfigProperty(name = "mcp.backup.encryption.recipients")
    Optional<String> recipients;

    /** Comma-separated OpenPGP secret key files that decrypt backups for restore and validation. */
    @Inject
    @ConfigProperty(name = "mcp.backup.encryption.secret.keyring")
    Optional<String> secretKeyring;

    @Inject
    @ConfigProperty(name = "mcp.backup.encryption.secret.passphrase")
    Optional<String> secretPassphrase;

    @Inject
    @ConfigProperty(name = "mcp.backup.db.port", defaultValue = "5432")
    int port;

    @Inject
    @ConfigProperty(name = "mcp.backup.pg.bin")
    Optional<String> binDir;

    @Inject
    @ConfigProperty(name = "mcp.backup.timeout.seconds", defaultValue = "1800")
    long timeoutSeconds;

    public BackupSettings settings() {
        PgConnection connection = new PgConnection(
                value("mcp.backup.db.host", "db.host", "localhost"), port,
                value("mcp.backup.db.name", "db.name", "mcp_writing"),
                value("mcp.backup.db.user", "db.user", "mcp_app"),
                value("mcp.backup.db.password", "db.password", ""));
        return new BackupSettings(Path.of(dir).toAbsolutePath().normalize(), Math.max(1, retentionDays),
                encryption(), connection,
                binDir.filter(b -> !b.isBlank()).map(Path::of).orElse(null),
                Duration.ofSeconds(Math.max(10, timeoutSeconds)));
    }

    private BackupEncryption encryption() {
        return BackupEncryption.of(recipients.orElse(null), secretKeyring.orElse(null), secretPassphrase.orElse(null),
                encryptionKey.orElse(null));
    }

    /** Once, when the server first uses its backup settings: with the legacy key alone, every backup fails. */
    @PostConstruct
    void warnAboutTheLegacyKey() {
        if (encryptionKey.filter(k -> !k.isBlank()).isPresent() && recipients.filter(r -> !r.isBlank()).isEmpty()) {
            LOG.severe(BackupEncryption.LEGACY_ONLY);
        }
    }

    public BackupEngine engine() {
        return new BackupEngine(settings());
    }

    private String value(String key, String fallbackKey, String fallback) {
        return config.getOptionalValue(key, String.class)
                .or(() -> config.getOptionalValue(fallbackKey, String.class))
                .orElse(fallback);
    }
}
