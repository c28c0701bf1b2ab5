package io.mcpwriting.domain.admin.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

/**
 * Writes an OpenPGP message (RFC 4880, what {@code gpg --decrypt} reads): one session key encrypted to every
 * recipient, the data in AES-256 with an integrity packet (MDC), not compressed (pg_dump and gzip already
 * compress). Packets of at most 64 KiB are streamed, so nothing holds the whole backup.
 */
final class OpenPgpEncryptor {

    private static final int PACKET = 1 << 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private OpenPgpEncryptor() {
    }

    /**
     * An encrypting stream in front of {@code out}; closing it finishes the message and closes {@code out}.
     *
     * @param plainName the file name recorded in the message (what {@code gpg --use-embedded-filename} would use)
     */
    static OutputStream encrypting(OutputStream out, List<OpenPgpKeys.Recipient> recipients, String plainName)
            throws IOException {
        PGPEncryptedDataGenerator encryption = new PGPEncryptedDataGenerator(
                new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true)
                        .setSecureRandom(RANDOM));
        for (OpenPgpKeys.Recipient recipient : recipients) {
            encryption.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(recipient.encryptionKey())
                    .setSecureRandom(RANDOM));
        }
        try {
            OutputStream encrypted = encryption.open(out, new byte[PACKET]);
            PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
            OutputStream data = literal.open(encrypted, PGPLiteralData.BINARY, plainName, new Date(), new byte[PACKET]);
            return new Message(data, encrypted, out);
        } catch (PGPException e) {
            throw new IOException("OpenPGP encryption failed: " + e.getMessage(), e);
        }
    }

    /** The literal data stream; closing ends the literal packet, then the encrypted one, then the file. */
    private static final class Message extends OutputStream {
        private final OutputStream data;
        private final OutputStream encrypted;
        private final OutputStream file;
        private boolean closed;

        Message(OutputStream data, OutputStream encrypted, OutputStream file) {
            this.data = data;
            this.encrypted = encrypted;
            this.file = file;
        }

        @Override
        public void write(int b) throws IOException {
            data.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            data.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            data.flush();
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                data.close();
                encrypted.close();
                file.close();
            }
        }
    }
}
