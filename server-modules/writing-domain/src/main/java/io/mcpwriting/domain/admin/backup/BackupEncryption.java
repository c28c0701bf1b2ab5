package io.mcpwriting.domain.admin.backup;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * The keys of encrypted backups and which of them new backups use.
 * <ul>
 * <li>New backups: OpenPGP to every key in {@code mcp.backup.encryption.recipients} when it is set; else, when only
 * the legacy {@code mcp.backup.encryption.key} is set, none at all (the operator asked for encryption, and the
 * retired format is not written: neither falling back to it nor to plain backups); else not encrypted.</li>
 * <li>Reading, whatever new backups use: OpenPGP files with the secret keys of
 * {@code mcp.backup.encryption.secret.keyring} (and {@code .secret.passphrase}), {@code MCPENC01} files with
 * {@code mcp.backup.encryption.key}.</li>
 * </ul>
 * Key rotation: add the new public key to the recipients (later remove the old one) and keep every old secret key
 * in the secret keyring for as long as backups encrypted to it are kept.
 *
 * @param recipients     public key files new backups are encrypted to
 * @param secretKeyrings secret key files that decrypt OpenPGP backups
 * @param passphrase     unlocks those secret keys, or null when they are not protected
 * @param legacyKey      AES-256 key of the deprecated format, or null
 */
public record BackupEncryption(List<Path> recipients, List<Path> secretKeyrings, String passphrase, byte[] legacyKey) {

    static final String LEGACY_ONLY = "Backups are not written while only mcp.backup.encryption.key is set: its "
            + "AES-256-GCM format (.enc) is readable only by this application and is kept for reading older backups. "
            + "Set mcp.backup.encryption.recipients (MCP_BACKUP_ENCRYPTION_RECIPIENTS; Ansible "
            + "mcp_admin_backup_recipients) to OpenPGP public key files, and keep the key to restore the .enc backups; "
            + "see docs/BACKUP-RESTORE.md";
    private static final String KEY_HELP = "mcp.backup.encryption.key must be a 256-bit key, base64-encoded "
            + "(e.g. the output of: openssl rand -base64 32)";

    /** From the settings' text: comma-separated paths, the passphrase, the base64 legacy key; blank means unset. */
    public static BackupEncryption of(String recipients, String secretKeyrings, String passphrase, String legacyKey) {
        return new BackupEncryption(OpenPgpKeys.paths(recipients), OpenPgpKeys.paths(secretKeyrings),
                passphrase == null || passphrase.isEmpty() ? null : passphrase, parseLegacyKey(legacyKey));
    }

    /** Decodes a base64 AES-256 key; blank means none. */
    static byte[] parseLegacyKey(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw BackupException.failed(KEY_HELP);
        }
        if (key.length != 32) {
            throw BackupException.failed(KEY_HELP + "; the configured key has " + key.length + " bytes");
        }
        return key;
    }

    /**
     * How a new backup is stored; reads (and checks) the recipients' public keys. Fails, before anything is written,
     * when only the legacy key is set.
     */
    BackupCipher forNewBackups() {
        if (!recipients.isEmpty()) {
            return BackupCipher.openPgp(OpenPgpKeys.recipients(recipients));
        }
        if (legacyKey != null) {
            throw BackupException.failed(LEGACY_ONLY);
        }
        return BackupCipher.NONE;
    }

    /**
     * The plain bytes of a backup file, decrypted as they are read when its format is encrypted. Fails with a
     * BackupException when the key its format needs is not configured; an altered file fails with an IOException
     * (for OpenPGP at the end of the data, so read it all).
     */
    InputStream decrypting(StoredFormat format, Path backup) throws IOException {
        String name = backup.getFileName().toString();
        if (format == StoredFormat.LEGACY_AES && legacyKey == null) {
            throw BackupException.unusable(name + " is encrypted in the legacy AES-256-GCM format "
                    + "(MCPENC01), but no mcp.backup.encryption.key is configured");
        }
        OpenPgpDecryptor openPgp = format == StoredFormat.OPENPGP
                ? new OpenPgpDecryptor(OpenPgpKeys.secretKeys(secretKeyrings), passphrase) : null;
        InputStream in = new BufferedInputStream(Files.newInputStream(backup), 1 << 16);
        try {
            return switch (format) {
                case LEGACY_AES -> BackupCrypto.decrypting(in, legacyKey);
                case OPENPGP -> openPgp.decrypting(in, name);
                case PLAIN -> in;
            };
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }
}
