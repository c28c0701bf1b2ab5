package io.mcpwriting.domain.admin.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Backups in the retired .enc format, as older releases wrote them, are still read, and checked as they are. */
class BackupCryptoTest {

    private static final byte[] KEY = new byte[32];

    static {
        new Random(7).nextBytes(KEY);
    }

    private static byte[] encrypt(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream enc = LegacyBackups.encrypting(out, KEY)) {
            enc.write(plain);
        }
        return out.toByteArray();
    }

    private static byte[] decrypt(byte[] sealed, byte[] key) throws IOException {
        try (InputStream in = BackupCrypto.decrypting(new ByteArrayInputStream(sealed), key)) {
            return in.readAllBytes();
        }
    }

    @Test
    void roundTripsEmptySmallAndMultiSegmentData() throws IOException {
        for (int size : new int[] {0, 1, 65_536, 65_537, 300_000}) {
            byte[] plain = new byte[size];
            new Random(size).nextBytes(plain);
            byte[] sealed = encrypt(plain);
            assertArrayEquals(plain, decrypt(sealed, KEY), "size " + size);
        }
    }

    @Test
    void refusesAlteredTruncatedOrWronglyKeyedData() throws IOException {
        byte[] plain = new byte[200_000];
        new Random(1).nextBytes(plain);
        byte[] sealed = encrypt(plain);
        byte[] altered = sealed.clone();
        altered[altered.length / 2] ^= 1;
        assertTrue(assertThrows(IOException.class, () -> decrypt(altered, KEY)).getMessage().contains("authentication"));
        byte[] truncated = Arrays.copyOf(sealed, sealed.length - 70_000);
        assertThrows(IOException.class, () -> decrypt(truncated, KEY));
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        assertThrows(IOException.class, () -> decrypt(sealed, otherKey));
        // dropping the final segment must not pass as a shorter file
        int firstSegment = 8 + 8 + 4 + 65_536 + 16;
        byte[] cut = Arrays.copyOf(sealed, firstSegment * 2 - 8 - 8);
        assertThrows(IOException.class, () -> decrypt(cut, KEY));
    }
}
