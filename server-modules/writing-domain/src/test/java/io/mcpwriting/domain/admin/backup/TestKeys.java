package io.mcpwriting.domain.admin.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Date;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.Features;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/**
 * OpenPGP key pairs made for a test, as GnuPG makes them: an RSA primary key that signs and certifies, an RSA
 * subkey that encrypts, a user id, and the secret keys protected by a passphrase (AES-256, iterated SHA-256).
 */
record TestKeys(PGPPublicKeyRing publicRing, PGPSecretKeyRing secretRing) {

    private static final SecureRandom RANDOM = new SecureRandom();

    static TestKeys generate(String userId, String passphrase) throws PGPException {
        Date now = new Date();
        PGPKeyPair primary = new BcPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, rsa(), now);
        PGPKeyPair encryption = new BcPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, rsa(), now);

        PGPSignatureSubpacketGenerator primaryFlags = new PGPSignatureSubpacketGenerator();
        primaryFlags.setKeyFlags(false, KeyFlags.SIGN_DATA | KeyFlags.CERTIFY_OTHER);
        primaryFlags.setPreferredSymmetricAlgorithms(false, new int[] {SymmetricKeyAlgorithmTags.AES_256});
        primaryFlags.setPreferredHashAlgorithms(false, new int[] {HashAlgorithmTags.SHA256});
        primaryFlags.setFeature(false, Features.FEATURE_MODIFICATION_DETECTION);
        PGPSignatureSubpacketGenerator encryptionFlags = new PGPSignatureSubpacketGenerator();
        encryptionFlags.setKeyFlags(false, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);

        PGPDigestCalculator sha1 = new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1);
        PGPDigestCalculator sha256 = new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA256);
        PGPKeyRingGenerator generator = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, primary, userId,
                sha1, primaryFlags.generate(), null,
                new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256),
                new BcPBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256, sha256, 0x60)
                        .build(passphrase.toCharArray()));
        generator.addSubKey(encryption, encryptionFlags.generate(), null);
        return new TestKeys(generator.generatePublicKeyRing(), generator.generateSecretKeyRing());
    }

    private static org.bouncycastle.crypto.AsymmetricCipherKeyPair rsa() {
        RSAKeyPairGenerator rsa = new RSAKeyPairGenerator();
        rsa.init(new RSAKeyGenerationParameters(BigInteger.valueOf(0x10001), RANDOM, 2048, 80));
        return rsa.generateKeyPair();
    }

    /** The id of the subkey backups are encrypted to, as GnuPG and the manifest write it. */
    String encryptionKeyId() {
        for (PGPPublicKey key : publicRing) {
            if (!key.isMasterKey()) {
                return OpenPgpKeys.keyId(key.getKeyID());
            }
        }
        throw new IllegalStateException("no subkey");
    }

    String primaryFingerprint() {
        return OpenPgpKeys.fingerprint(publicRing.getPublicKey());
    }

    Path writePublic(Path file, boolean armoured) throws IOException {
        return write(file, armoured, publicRing.getEncoded());
    }

    Path writeSecret(Path file, boolean armoured) throws IOException {
        return write(file, armoured, secretRing.getEncoded());
    }

    /** Several keys' secret rings in one keyring file, as {@code gpg --export-secret-keys A B} writes them. */
    static Path writeSecretKeyring(Path file, TestKeys... keys) throws IOException {
        try (OutputStream out = new ArmoredOutputStream(Files.newOutputStream(file))) {
            for (TestKeys k : keys) {
                out.write(k.secretRing.getEncoded());
            }
        }
        return file;
    }

    private static Path write(Path file, boolean armoured, byte[] encoded) throws IOException {
        if (!armoured) {
            return Files.write(file, encoded);
        }
        try (OutputStream out = new ArmoredOutputStream(Files.newOutputStream(file))) {
            out.write(encoded);
        }
        return file;
    }
}
