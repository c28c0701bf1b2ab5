package io.mcpwriting.mcp.server;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Names for secrets that reveal nothing usable: a token's fingerprint (the same on every server, so an operator
 * can tell tokens apart) and a session's reference (keyed with a secret of this process, so that it cannot be
 * turned back into the session id, nor computed by anyone who has seen other references).
 */
public final class Fingerprints {

    private static final byte[] SESSION_KEY = new SecureRandom().generateSeed(32);
    /** One keyed HMAC per thread: looking the algorithm up and keying it was most of the cost of a call's reference. */
    private static final ThreadLocal<Mac> SESSION_MAC = ThreadLocal.withInitial(Fingerprints::sessionMac);

    private Fingerprints() {
    }

    /** The first 12 hex digits of the SHA-256 of {@code secret}. */
    public static String of(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A reference to a session, stable while this server runs: 16 hex digits of an HMAC of its id. */
    public static String sessionRef(String sessionId) {
        if (sessionId == null) {
            return null;
        }
        byte[] mac = SESSION_MAC.get().doFinal(sessionId.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac, 0, 8);
    }

    private static Mac sessionMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SESSION_KEY, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
