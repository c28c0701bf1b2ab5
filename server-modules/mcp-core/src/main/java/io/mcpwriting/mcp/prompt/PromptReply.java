package io.mcpwriting.mcp.prompt;

import io.mcpwriting.mcp.resource.ResourceBody;
import java.util.ArrayList;
import java.util.List;

/** The messages a prompt produces: instructions as text, context as embedded resources. */
public record PromptReply(String description, List<Message> messages) {

    /** One message: text, a resource embedded with its URI, or an image (a blob body). */
    public record Message(String role, String text, String uri, ResourceBody resource) {

        public boolean isImage() {
            return uri == null && resource != null;
        }
    }

    public static Builder builder(String description) {
        return new Builder(description);
    }

    public static final class Builder {
        private final String description;
        private final List<Message> messages = new ArrayList<>();

        private Builder(String description) {
            this.description = description;
        }

        public Builder user(String text) {
            messages.add(new Message("user", text, null, null));
            return this;
        }

        public Builder resource(String uri, ResourceBody body) {
            messages.add(new Message("user", null, uri, body));
            return this;
        }

        public Builder image(byte[] data, String mimeType) {
            messages.add(new Message("user", null, null, ResourceBody.blob(mimeType, data)));
            return this;
        }

        public PromptReply build() {
            return new PromptReply(description, List.copyOf(messages));
        }
    }
}
