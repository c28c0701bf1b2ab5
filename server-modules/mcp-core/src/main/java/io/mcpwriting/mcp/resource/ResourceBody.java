package io.mcpwriting.mcp.resource;

/** What a resource read returns: text, or bytes sent as base64, with its MIME type. */
public record ResourceBody(String mimeType, String text, byte[] blob) {

    public static ResourceBody text(String mimeType, String text) {
        return new ResourceBody(mimeType, text, null);
    }

    public static ResourceBody blob(String mimeType, byte[] blob) {
        return new ResourceBody(mimeType, null, blob);
    }

    public boolean isText() {
        return text != null;
    }
}
