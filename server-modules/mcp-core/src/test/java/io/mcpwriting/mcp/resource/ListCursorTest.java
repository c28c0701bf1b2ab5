package io.mcpwriting.mcp.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.mcp.tool.ErrorKind;
import io.mcpwriting.mcp.tool.ToolException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListCursorTest {

    @Test
    void aCursorComesBackAsItWasMade() {
        for (ListCursor cursor : List.of(new ListCursor(0, "chapter", "12"), new ListCursor(7, "backup",
                "full-20250131T120000Z-1a2b.dump"), new ListCursor(2, "manuscript_export", "Über Straße.md"))) {
            String text = cursor.encode();
            assertTrue(text.matches("[A-Za-z0-9_-]+"), "base64url without padding: " + text);
            assertFalse(text.contains("chapter"), "opaque: " + text);
            assertEquals(cursor, ListCursor.decode(text));
        }
    }

    @Test
    void anythingElseIsRefusedNamingTheCursor() {
        String base = new ListCursor(1, "scene", "40").encode();
        List<String> bad = List.of("", "not base64!", "%%%%", base + "=x", "x".repeat(ListCursor.MAX_LENGTH + 1),
                encoded("r1\n1\nscene"), // no key
                encoded("r2\n1\nscene\n40"), // another format
                encoded("r1\n-1\nscene\n40"), encoded("r1\n99999\nscene\n40"), encoded("r1\n1\n\n40"),
                encoded("r1\n1\nscene\n"), Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe}));
        for (String cursor : bad) {
            ToolException e = assertThrows(ToolException.class, () -> ListCursor.decode(cursor), cursor);
            assertEquals(ErrorKind.VALIDATION, e.kind());
            assertTrue(e.getMessage().contains("'cursor'"), e.getMessage());
        }
        assertThrows(ToolException.class, () -> ListCursor.decode(null));
    }

    private static String encoded(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
