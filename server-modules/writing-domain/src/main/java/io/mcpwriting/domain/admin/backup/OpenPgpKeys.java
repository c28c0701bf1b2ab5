package io.mcpwriting.domain.admin.backup;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.KeyFingerPrintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/**
 * Reads OpenPGP keys from files, ASCII-armoured or binary, one key or a whole keyring (what {@code gpg --export}
 * and {@code gpg --export-secret-keys} write). Key ids and fingerprints are written as GnuPG writes them:
 * upper-case hex, 16 and 40 digits.
 */
final class OpenPgpKeys {

    static final String RECIPIENTS = "mcp.backup.encryption.recipients";
    static final String SECRET_KEYRING = "mcp.backup.encryption.secret.keyring";
    static final String PASSPHRASE = "mcp.backup.encryption.secret.passphrase";

    private static final KeyFingerPrintCalculator FINGERPRINTS = new BcKeyFingerprintCalculator();
    private static final int ENCRYPTS = KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE;

    private OpenPgpKeys() {
    }

    /** One recipient of new backups: the (sub)key their session key is encrypted to, and whose key that is. */
    record Recipient(PGPPublicKey encryptionKey, PGPPublicKey primaryKey, String userId) {

        String keyId() {
            return OpenPgpKeys.keyId(encryptionKey.getKeyID());
        }

        /** What the manifest records: the key id found in the file, fingerprints, and the owner. */
        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key_id", keyId());
            m.put("fingerprint", fingerprint(encryptionKey));
            m.put("primary_fingerprint", fingerprint(primaryKey));
            m.put("user_id", userId);
            return m;
        }
    }

    static String keyId(long id) {
        return HexFormat.of().withUpperCase().toHexDigits(id);
    }

    static String fingerprint(PGPPublicKey key) {
        return HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
    }

    /** One recipient per key in the files: each key's newest valid encryption (sub)key. */
    static List<Recipient> recipients(List<Path> files) {
        Instant now = Instant.now();
        List<Recipient> recipients = new ArrayList<>();
        for (Path file : files) {
            PGPPublicKeyRingCollection rings;
            try {
                rings = new PGPPublicKeyRingCollection(packets(RECIPIENTS, file), FINGERPRINTS);
            } catch (IOException | PGPException e) {
                throw unreadable(RECIPIENTS, file, "an OpenPGP public key (gpg --export --armor KEYID)", e);
            }
            if (rings.size() == 0) {
                throw unreadable(RECIPIENTS, file, "an OpenPGP public key (gpg --export --armor KEYID)", null);
            }
            for (PGPPublicKeyRing ring : rings) {
                recipients.add(recipient(file, ring, now));
            }
        }
        return recipients;
    }

    private static Recipient recipient(Path file, PGPPublicKeyRing ring, Instant now) {
        PGPPublicKey primary = ring.getPublicKey();
        Iterator<String> ids = primary.getUserIDs();
        String userId = ids.hasNext() ? ids.next() : "";
        PGPPublicKey newest = null;
        if (usable(primary, now)) {
            for (PGPPublicKey key : ring) {
                if (encrypts(key) && usable(key, now)
                        && (newest == null || key.getCreationTime().after(newest.getCreationTime()))) {
                    newest = key;
                }
            }
        }
        if (newest == null) {
            throw BackupException.failed(RECIPIENTS + ": key " + keyId(primary.getKeyID()) + " ("
                    + userId + ") in " + file + " has no usable encryption key (revoked, expired or sign-only)");
        }
        return new Recipient(newest, primary, userId);
    }

    /** Whether a key may encrypt: its algorithm can, and its self-signatures, if they carry key flags, allow it. */
    private static boolean encrypts(PGPPublicKey key) {
        if (!key.isEncryptionKey()) {
            return false;
        }
        int flags = 0;
        boolean flagged = false;
        for (Iterator<PGPSignature> it = key.getSignatures(); it.hasNext();) {
            PGPSignatureSubpacketVector hashed = it.next().getHashedSubPackets();
            if (hashed != null && hashed.hasSubpacket(SignatureSubpacketTags.KEY_FLAGS)) {
                flagged = true;
                flags |= hashed.getKeyFlags();
            }
        }
        return !flagged || (flags & ENCRYPTS) != 0;
    }

    private static boolean usable(PGPPublicKey key, Instant now) {
        long valid = key.getValidSeconds();
        return !key.hasRevocation()
                && (valid == 0 || key.getCreationTime().toInstant().plusSeconds(valid).isAfter(now));
    }

    /** Every secret key ring in the files, as one collection. */
    static PGPSecretKeyRingCollection secretKeys(List<Path> files) {
        List<PGPSecretKeyRing> rings = new ArrayList<>();
        for (Path file : files) {
            try {
                new PGPSecretKeyRingCollection(packets(SECRET_KEYRING, file), FINGERPRINTS).forEach(rings::add);
            } catch (IOException | PGPException e) {
                throw unreadable(SECRET_KEYRING, file, "an OpenPGP secret key (gpg --export-secret-keys --armor KEYID)",
                        e);
            }
        }
        return new PGPSecretKeyRingCollection(rings);
    }

    /** The ids of the keys a collection holds, subkeys included, for error messages. */
    static List<String> keyIds(PGPSecretKeyRingCollection keys) {
        List<String> ids = new ArrayList<>();
        keys.forEach(ring -> ring.getPublicKeys().forEachRemaining(k -> ids.add(keyId(k.getKeyID()))));
        return ids;
    }

    /**
     * A key file's packets: a binary file as it is; an armoured one decoded block by block, so that keys exported
     * one after the other into one file ({@code cat a.asc b.asc}) are all read, not only the first.
     */
    private static byte[] packets(String setting, Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(open(setting, file))) {
            ByteArrayOutputStream packets = new ByteArrayOutputStream();
            InputStream decoded;
            do {
                decoded = PGPUtil.getDecoderStream(raw);
                decoded.transferTo(packets);
            } while (decoded instanceof ArmoredInputStream && anotherBlockFollows(raw));
            return packets.toByteArray();
        }
    }

    /** Skips the white space after an armoured block; whether anything follows it. */
    private static boolean anotherBlockFollows(InputStream raw) throws IOException {
        while (true) {
            raw.mark(1);
            int b = raw.read();
            if (b < 0) {
                return false;
            }
            if (!Character.isWhitespace(b)) {
                raw.reset();
                return true;
            }
        }
    }

    private static InputStream open(String setting, Path file) {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw BackupException.failed(setting + ": " + file + " does not exist");
        } catch (IOException e) {
            throw BackupException.failed(setting + ": " + file + " cannot be read (" + e.getMessage()
                    + ")");
        }
    }

    private static BackupException unreadable(String setting, Path file, String expected, Exception cause) {
        return BackupException.failed(setting + ": " + file + " is not " + expected
                + (cause == null ? "" : " (" + cause.getMessage() + ")"));
    }

    /** Paths from a comma-separated setting; blank means none. */
    static List<Path> paths(String setting) {
        if (setting == null || setting.isBlank()) {
            return List.of();
        }
        return Arrays.stream(setting.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Path::of).toList();
    }
}
