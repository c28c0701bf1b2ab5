package io.mcpwriting.mcp.resource;

import io.mcpwriting.mcp.tool.ToolException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Where the next page of {@code resources/list} starts: after the entry with key {@link #after()} of the listed
 * template at {@link #index()} (named {@link #template()}, so that a cursor of a server listing other templates is
 * recognized as foreign). On the wire it is opaque to the client: base64url of {@code r1}, the index, the name and
 * the key, one per line. Anything that does not decode to that is refused as invalid params naming the cursor.
 */
public record ListCursor(int index, String template, String after) {

    /** Far longer than any cursor we hand out; longer ones are not read at all. */
    static final int MAX_LENGTH = 1024;
    private static final String VERSION = "r1";
    private static final Pattern INDEX = Pattern.compile("[0-9]{1,4}");

    public String encode() {
        String text = VERSION + "\n" + index + "\n" + template + "\n" + after;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back; a malformed one is the client's error, naming {@code cursor}. */
    public static ListCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            throw malformed();
        }
        String text;
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cursor);
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw malformed();
        }
        String[] parts = text.split("\n", 4);
        if (parts.length != 4 || !parts[0].equals(VERSION) || !INDEX.matcher(parts[1]).matches()
                || parts[2].isEmpty() || parts[3].isEmpty()) {
            throw malformed();
        }
        return new ListCursor(Integer.parseInt(parts[1]), parts[2], parts[3]);
    }

    static ToolException malformed() {
        return ToolException.invalid("cursor", "not a cursor this server's resources/list gave; list again without one");
    }
}
