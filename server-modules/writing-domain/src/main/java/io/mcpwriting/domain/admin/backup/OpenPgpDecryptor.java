package io.mcpwriting.domain.admin.backup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;

/**
 * Reads an OpenPGP message encrypted to public keys (ours, or one {@code gpg --encrypt} wrote, compressed or
 * not) with whichever of its recipients' secret keys the keyring holds. Data without integrity protection is
 * refused; the integrity check runs when the data has been read to its end, so a reader must read it all.
 */
final class OpenPgpDecryptor {

    private final PGPSecretKeyRingCollection keys;
    private final char[] passphrase;

    /** @param keys the secret keyring ({@code mcp.backup.encryption.secret.keyring}); empty when none is set */
    OpenPgpDecryptor(PGPSecretKeyRingCollection keys, String passphrase) {
        this.keys = keys;
        this.passphrase = passphrase == null ? new char[0] : passphrase.toCharArray();
    }

    /** The plain data of {@code in}; fails with a BackupException naming the keys when none of them is here. */
    InputStream decrypting(InputStream in, String fileName) throws IOException {
        PGPPublicKeyEncryptedData data = null;
        PGPSecretKey key = null;
        List<String> needed = new ArrayList<>();
        for (PGPEncryptedData candidate : encryptedDataList(in)) {
            if (candidate instanceof PGPPublicKeyEncryptedData pk) {
                long id = pk.getKeyIdentifier().getKeyId();
                needed.add(OpenPgpKeys.keyId(id));
                if (key == null && keys.getSecretKey(id) != null) {
                    data = pk;
                    key = keys.getSecretKey(id);
                }
            }
        }
        if (key == null) {
            throw BackupException.unusable(fileName + " is encrypted to OpenPGP key(s) "
                    + (needed.isEmpty() ? "(none: it is not encrypted to a public key)" : String.join(", ", needed))
                    + "; " + (keys.size() == 0 ? "no " + OpenPgpKeys.SECRET_KEYRING + " is configured"
                            : "none of them is in " + OpenPgpKeys.SECRET_KEYRING + ", which holds "
                                    + String.join(", ", OpenPgpKeys.keyIds(keys)))
                    + "; configure a secret keyring holding one of them");
        }
        if (!data.isIntegrityProtected() && !data.isAEAD()) {
            throw new IOException("the OpenPGP data has no integrity protection (no MDC); it is refused");
        }
        try {
            InputStream clear = data.getDataStream(new BcPublicKeyDataDecryptorFactory(keyPair(key)));
            return new VerifiedAtEnd(literalData(clear), data);
        } catch (PGPException e) {
            throw damaged(e);
        }
    }

    private static PGPEncryptedDataList encryptedDataList(InputStream in) throws IOException {
        BcPGPObjectFactory factory = new BcPGPObjectFactory(PGPUtil.getDecoderStream(in));
        Object next = factory.nextObject();
        while (next instanceof PGPMarker) {
            next = factory.nextObject();
        }
        if (next instanceof PGPEncryptedDataList list) {
            return list;
        }
        throw new IOException("not an OpenPGP encrypted message");
    }

    private PGPKeyPair keyPair(PGPSecretKey key) {
        String id = OpenPgpKeys.keyId(key.getKeyID());
        if (key.isPrivateKeyEmpty()) {
            throw BackupException.failed("secret key " + id + " in " + OpenPgpKeys.SECRET_KEYRING
                    + " has no private part (a stub); export it with gpg --export-secret-keys on the machine that "
                    + "holds it");
        }
        try {
            return key.extractKeyPair(
                    new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(passphrase));
        } catch (PGPException e) {
            throw BackupException.failed("secret key " + id + " in " + OpenPgpKeys.SECRET_KEYRING
                    + " is protected by a passphrase, and " + OpenPgpKeys.PASSPHRASE
                    + (passphrase.length == 0 ? " is not set" : " does not unlock it"));
        }
    }

    /** The literal data packet, inside a compressed packet when gpg compressed it. */
    private static InputStream literalData(InputStream clear) throws IOException, PGPException {
        Object next = new BcPGPObjectFactory(clear).nextObject();
        if (next instanceof PGPCompressedData compressed) {
            next = new BcPGPObjectFactory(compressed.getDataStream()).nextObject();
        }
        if (next instanceof PGPLiteralData literal) {
            return literal.getInputStream();
        }
        throw new IOException("the OpenPGP message holds no plain data packet (signed messages are not supported)");
    }

    private static IOException damaged(Exception cause) {
        return new IOException("failed authentication (OpenPGP): the file was altered or is damaged ("
                + cause.getMessage() + ")", cause);
    }

    /** Checks the message's integrity packet once the plain data has been read to its end. */
    private static final class VerifiedAtEnd extends FilterInputStream {
        private final PGPEncryptedData data;
        private boolean verified;

        VerifiedAtEnd(InputStream plain, PGPEncryptedData data) {
            super(plain);
            this.data = data;
        }

        @Override
        public int read() throws IOException {
            int b = guarded(() -> super.read());
            return b < 0 ? atEnd(b) : b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = guarded(() -> super.read(b, off, len));
            return n < 0 ? atEnd(n) : n;
        }

        private int atEnd(int eof) throws IOException {
            if (!verified) {
                boolean intact;
                try {
                    // AEAD checks every chunk as it is read; the MDC is checked over the whole message here
                    intact = data.isAEAD() || data.verify();
                } catch (PGPException e) {
                    throw damaged(e);
                }
                if (!intact) {
                    throw new IOException("failed authentication (OpenPGP integrity check, MDC): the file was altered "
                            + "or is damaged");
                }
                verified = true;
            }
            return eof;
        }

        private static int guarded(Read read) throws IOException {
            try {
                return read.get();
            } catch (IOException e) {
                throw damaged(e);
            }
        }

        @FunctionalInterface
        private interface Read {
            int get() throws IOException;
        }
    }
}
