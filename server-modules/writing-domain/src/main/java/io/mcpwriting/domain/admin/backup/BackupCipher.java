package io.mcpwriting.domain.admin.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a new backup is stored: the extension its file name gets, the stream that encrypts its bytes on their way
 * to the file, and what its manifest says about that ({@code encrypted}, {@code encryption}, and for OpenPGP the
 * {@code recipients}: key ids and fingerprints).
 */
record BackupCipher(String extension, Map<String, Object> manifestFields, Encrypting encrypting) {

    static final BackupCipher NONE = new BackupCipher("", fields(false, null), (out, name) -> out);

    @FunctionalInterface
    interface Encrypting {
        OutputStream open(OutputStream out, String plainName) throws IOException;
    }

    static BackupCipher openPgp(List<OpenPgpKeys.Recipient> recipients) {
        Map<String, Object> fields = fields(true, "openpgp");
        fields.put("recipients", recipients.stream().map(OpenPgpKeys.Recipient::describe).toList());
        return new BackupCipher(".pgp", fields, (out, name) -> OpenPgpEncryptor.encrypting(out, recipients, name));
    }

    private static Map<String, Object> fields(boolean encrypted, String encryption) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("encrypted", encrypted);
        fields.put("encryption", encryption);
        return fields;
    }

    boolean encrypts() {
        return Boolean.TRUE.equals(manifestFields.get("encrypted"));
    }

    /**
     * The stream to write the backup's plain bytes to; closing it closes {@code out}.
     *
     * @param plainName the backup's file name without the encryption extension
     */
    OutputStream encrypting(OutputStream out, String plainName) throws IOException {
        return encrypting.open(out, plainName);
    }
}
