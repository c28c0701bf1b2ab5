package io.mcpwriting.domain.admin.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** How a backup file's bytes are stored, told from its first bytes (whatever its name or manifest says). */
enum StoredFormat {

    /** A pg_dump archive ({@code PGDMP}) or gzip data as they are. */
    PLAIN,
    /** The retired AES-256-GCM segments of {@link BackupCrypto} ({@code MCPENC01}): read, never written. */
    LEGACY_AES,
    /** An OpenPGP message, binary or ASCII-armoured. */
    OPENPGP;

    private static final byte[] ARMOR = "-----BEGIN PGP MESSAGE-----".getBytes(StandardCharsets.US_ASCII);

    static StoredFormat of(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(ARMOR.length);
        }
        if (startsWith(head, BackupCrypto.MAGIC)) {
            return LEGACY_AES;
        }
        // every binary OpenPGP packet header has its top bit set; "PGDMP" and gzip's 0x1f do not
        if (startsWith(head, ARMOR) || head.length > 0 && (head[0] & 0x80) != 0) {
            return OPENPGP;
        }
        return PLAIN;
    }

    private static boolean startsWith(byte[] head, byte[] prefix) {
        return head.length >= prefix.length && Arrays.equals(head, 0, prefix.length, prefix, 0, prefix.length);
    }
}
