package io.mcpwriting.domain.admin.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CopyTextTest {

    @Test
    void aFieldWrittenForCopyDecodesBackToItself() throws IOException {
        String field = "{\"k\": \"a\\\\b \\\"q\\\"\"}\tTAB\nLF\r\nCRLF \\N \\. Zoë 東京 🐉";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CopyText.writeField(field.getBytes(StandardCharsets.UTF_8), out);
        out.write('\n');
        byte[] row = out.toByteArray();
        for (int i = 0; i < row.length - 1; i++) {
            assertFalse(row[i] == '\t' || row[i] == '\n' || row[i] == '\r', "raw separator at byte " + i);
        }
        assertEquals(field, decoded(row));
    }

    @Test
    void decodesEveryEscapeCopyMayUse() {
        assertEquals("a\\b\b\f\n\r\t\u000Bz", decoded("a\\\\b\\b\\f\\n\\r\\t\\vz\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("SOS", decoded("\\123\\x4FS".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("x\\", decoded("\\x\\".getBytes(StandardCharsets.US_ASCII)), "a dangling backslash stays");
    }

    private static String decoded(byte[] row) {
        byte[] copy = row.clone();
        return new String(Arrays.copyOf(copy, CopyText.decodeRow(copy)), StandardCharsets.UTF_8);
    }
}
