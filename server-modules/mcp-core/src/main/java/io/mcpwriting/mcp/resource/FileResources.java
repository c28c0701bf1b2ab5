package io.mcpwriting.mcp.resource;

import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;

/** A produced file as MCP resource contents: text for text MIME types, base64 otherwise. */
public final class FileResources {

    private FileResources() {
    }

    public static McpSchema.ResourceContents contents(FileLink file) {
        try {
            byte[] bytes = Files.readAllBytes(file.path());
            return contents(file.uri(), file.isText() ? ResourceBody.text(file.mimeType(),
                    new String(bytes, StandardCharsets.UTF_8)) : ResourceBody.blob(file.mimeType(), bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.name(), e);
        }
    }

    public static McpSchema.ResourceContents contents(String uri, ResourceBody body) {
        return body.isText() ? new McpSchema.TextResourceContents(uri, body.mimeType(), body.text())
                : new McpSchema.BlobResourceContents(uri, body.mimeType(), Base64.getEncoder().encodeToString(body.blob()));
    }
}
