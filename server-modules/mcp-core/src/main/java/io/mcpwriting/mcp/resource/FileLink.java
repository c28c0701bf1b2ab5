package io.mcpwriting.mcp.resource;

import java.nio.file.Path;

/**
 * A file a tool produced, handed to the client as a {@code resource_link} (and embedded in the result when it
 * is small enough), readable with {@code resources/read} at {@link #uri()}.
 */
public record FileLink(String uri, String name, String title, String mimeType, long size, Path path) {

    /** Text MIME types are embedded and read as text; anything else as a base64 blob. */
    public boolean isText() {
        return MimeTypes.isText(mimeType);
    }
}
