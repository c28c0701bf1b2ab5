package io.mcpwriting.domain.admin.backup;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;

/**
 * Backups in the retired {@code .enc} format (MCPENC01), as older releases wrote them: the server only reads them
 * now, so the tests that check it still can make them here.
 */
final class LegacyBackups {

    /** The manifest's description of the format, as older manifests have it. */
    static final String DESCRIPTION = "AES-256-GCM (javax.crypto, 64 KiB authenticated segments)";
    private static final SecureRandom RANDOM = new SecureRandom();

    private LegacyBackups() {
    }

    /** The stream older releases encrypted a backup's bytes with; closing it writes the last segment. */
    static OutputStream encrypting(OutputStream out, byte[] key) throws IOException {
        byte[] prefix = new byte[8];
        RANDOM.nextBytes(prefix);
        out.write(BackupCrypto.MAGIC);
        out.write(prefix);
        return new EncryptingStream(out, key, prefix);
    }

    /**
     * The {@code .enc} backup an older release made of the same data as the plain backup {@code plain}: the file
     * beside it, with its manifest (encryption, size and SHA-256 of the stored bytes).
     */
    static Manifest of(Path plain, byte[] key) throws IOException {
        Path stored = plain.resolveSibling(plain.getFileName() + ".enc");
        try (OutputStream out = encrypting(Files.newOutputStream(stored), key)) {
            Files.copy(plain, out);
        }
        Manifest manifest = Manifest.read(plain).with("file", stored.getFileName().toString())
                .with("encrypted", true).with("encryption", DESCRIPTION)
                .with("size_bytes", Files.size(stored)).with("sha256", BackupStore.sha256(stored));
        manifest.write(stored);
        return manifest;
    }

    private static final class EncryptingStream extends FilterOutputStream {
        private final byte[] key;
        private final byte[] prefix;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(BackupCrypto.SEGMENT);
        private int counter;
        private boolean closed;

        EncryptingStream(OutputStream out, byte[] key, byte[] prefix) {
            super(out);
            this.key = key;
            this.prefix = prefix;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, BackupCrypto.SEGMENT - buffer.size());
                buffer.write(b, off, n);
                off += n;
                len -= n;
                if (buffer.size() == BackupCrypto.SEGMENT) {
                    segment(false);
                }
            }
        }

        private void segment(boolean last) throws IOException {
            try {
                byte[] sealed = BackupCrypto.cipher(Cipher.ENCRYPT_MODE, key, prefix, counter++, last).doFinal(buffer.toByteArray());
                out.write(ByteBuffer.allocate(4).putInt(sealed.length).array());
                out.write(sealed);
                buffer.reset();
            } catch (GeneralSecurityException e) {
                throw new IOException("encryption failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                segment(true);
                super.close();
            }
        }
    }
}
