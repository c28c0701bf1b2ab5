package io.mcpwriting.domain.admin.backup;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads the retired format of encrypted backups ({@code .enc}, readable only by this application), so that older
 * backups can still be validated and restored; new backups are never written in it (see {@link BackupEncryption}).
 * <p>
 * Encryption at rest with AES-256-GCM (javax.crypto), streamed in segments so that neither side holds a
 * whole backup in memory. File layout: the magic {@code MCPENC01}, an 8-byte random nonce prefix, then
 * segments of {@code [4-byte length][ciphertext + 16-byte tag]}, each of at most 64 KiB of plaintext. A
 * segment's nonce is the prefix plus its 4-byte counter; its associated data says whether it is the last one,
 * so a reordered, truncated or altered file fails authentication.
 */
public final class BackupCrypto {

    static final byte[] MAGIC = "MCPENC01".getBytes(StandardCharsets.US_ASCII);
    static final int SEGMENT = 64 * 1024;
    private static final int TAG_BITS = 128;

    private BackupCrypto() {
    }

    /** Decrypts while reading; fails with an IOException when the file was altered or the key is wrong. */
    public static InputStream decrypting(InputStream in, byte[] key) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] magic = data.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("not an encrypted backup (no MCPENC01 header)");
        }
        byte[] prefix = data.readNBytes(8);
        if (prefix.length != 8) {
            throw new IOException("encrypted backup is truncated (no nonce)");
        }
        return new DecryptingStream(data, key, prefix);
    }

    /** The cipher of one segment (package-private: the tests write old-format files with it). */
    static Cipher cipher(int mode, byte[] key, byte[] prefix, int counter, boolean last) throws IOException {
        try {
            byte[] nonce = ByteBuffer.allocate(12).put(prefix).putInt(counter).array();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(new byte[] {(byte) (last ? 1 : 0)});
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IOException("AES-256-GCM is not available: " + e.getMessage(), e);
        }
    }

    private static final class DecryptingStream extends InputStream {
        private final DataInputStream in;
        private final byte[] key;
        private final byte[] prefix;
        private byte[] plain = new byte[0];
        private int pos;
        private int counter;
        private boolean done;

        DecryptingStream(DataInputStream in, byte[] key, byte[] prefix) {
            this.in = in;
            this.key = key;
            this.prefix = prefix;
        }

        private boolean fill() throws IOException {
            while (pos >= plain.length) {
                if (done) {
                    return false;
                }
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException e) {
                    throw new IOException("encrypted backup is truncated (its last segment is missing)");
                }
                if (length < 16 || length > SEGMENT + 16) {
                    throw new IOException("encrypted backup is corrupted (segment length " + length + ")");
                }
                byte[] sealed = in.readNBytes(length);
                if (sealed.length != length) {
                    throw new IOException("encrypted backup is truncated");
                }
                plain = open(sealed, false);
                if (plain == null) {
                    plain = open(sealed, true);
                    if (plain == null) {
                        throw new IOException("encrypted backup failed authentication: it was altered, or "
                                + "mcp.backup.encryption.key is not the key it was written with");
                    }
                    done = true;
                    if (in.read() != -1) {
                        throw new IOException("encrypted backup has data after its last segment");
                    }
                }
                counter++;
                pos = 0;
            }
            return true;
        }

        private byte[] open(byte[] sealed, boolean last) throws IOException {
            try {
                return cipher(Cipher.DECRYPT_MODE, key, prefix, counter, last).doFinal(sealed);
            } catch (AEADBadTagException e) {
                return null;
            } catch (GeneralSecurityException e) {
                throw new IOException("decryption failed: " + e.getMessage(), e);
            }
        }

        @Override
        public int read() throws IOException {
            return fill() ? plain[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, plain.length - pos);
            System.arraycopy(plain, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
