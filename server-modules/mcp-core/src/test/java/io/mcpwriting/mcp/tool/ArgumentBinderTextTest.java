package io.mcpwriting.mcp.tool;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Text that PostgreSQL cannot hold is refused wherever it stands in an argument, naming the argument. */
class ArgumentBinderTextTest {

    private static ToolException refused(Object value) {
        return assertThrows(ToolException.class, () -> ArgumentBinder.checkText(value, "scene_content"));
    }

    @Test
    void aLoneSurrogateIsRefusedNotStoredAsAQuestionMark() {
        String high = "Dawn " + (char) 0xD800 + " broke";
        String low = "" + (char) 0xDC00;
        String reversed = "" + (char) 0xDC00 + (char) 0xD800;
        for (String text : List.of(high, low, reversed)) {
            ToolException e = refused(text);
            assertTrue(e.getMessage().contains("scene_content"), e.getMessage());
            assertTrue(e.getMessage().contains("lone surrogate"), e.getMessage());
        }
        assertTrue(refused(high).getMessage().contains("\\ud800 at character 5"), refused(high).getMessage());
    }

    @Test
    void textInsideListsAndObjectsIsCheckedToo() {
        refused(List.of("fine", "bad " + (char) 0xDBFF));
        refused(Map.of("name", "bad " + (char) 0xDFFF));
        refused(Map.of("bad " + (char) 0xD800, "key"));
        refused(Map.of("nested", List.of(Map.of("x", "nul \u0000"))));
    }

    @Test
    void pairedSurrogatesAndOtherTextPass() {
        assertDoesNotThrow(() -> ArgumentBinder.checkText("Emoji 😀 and 𝄞, Ünïcödé, 中文", "name"));
        assertDoesNotThrow(() -> ArgumentBinder.checkText(Map.of("n", List.of("😀", 3, true)), "data"));
        assertEquals("contains a NUL character (\\u0000), which text cannot hold",
                refused("a\u0000b").getMessage().replaceFirst("^.*scene_content.: ", ""));
    }
}
