package io.mcpwriting.mcp.tool;

import io.mcpwriting.mcp.resource.ResourceBody;
import java.util.ArrayList;
import java.util.List;

/**
 * A tool result made of content parts rather than one JSON object: text, images, audio and embedded resources,
 * in order. Tools whose result is data return JSON instead (text plus structured content).
 */
public record ToolContent(List<Part> parts) {

    /** One part: {@code kind} is text, image, audio or resource. */
    public record Part(String kind, String text, String data, String mimeType, String uri, ResourceBody resource) {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<Part> parts = new ArrayList<>();

        public Builder text(String text) {
            parts.add(new Part("text", text, null, null, null, null));
            return this;
        }

        /** Base64 image data of the MIME type. */
        public Builder image(String base64, String mimeType) {
            parts.add(new Part("image", null, base64, mimeType, null, null));
            return this;
        }

        public Builder audio(String base64, String mimeType) {
            parts.add(new Part("audio", null, base64, mimeType, null, null));
            return this;
        }

        public Builder resource(String uri, ResourceBody body) {
            parts.add(new Part("resource", null, null, body.mimeType(), uri, body));
            return this;
        }

        public ToolContent build() {
            return new ToolContent(List.copyOf(parts));
        }
    }
}
