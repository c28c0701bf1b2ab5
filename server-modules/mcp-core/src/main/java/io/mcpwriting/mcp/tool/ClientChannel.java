package io.mcpwriting.mcp.tool;

import java.util.Map;
import java.util.function.Supplier;

/**
 * What a running tool may tell or ask the client of its call: progress (when the request carried a progress
 * token), a log message for the user (at or above the session's {@code logging/setLevel}), and a confirmation
 * of a destructive step (form elicitation, when the client supports it). Outside a call, or for a client that
 * offers none of these, each is a no-op; {@link #confirm} then answers {@link Confirmation#NOT_ASKED}.
 */
public interface ClientChannel {

    /** The answer to {@link #confirm}. */
    enum Confirmation {
        CONFIRMED, DECLINED, NOT_ASKED
    }

    /** The user's answer to a form: accept, decline or cancel, and what they filled in (on accept). */
    record FormAnswer(String action, Map<String, Object> content) {
    }

    void progress(double done, Double total, String message);

    /** {@code level} is an MCP logging level: debug, info, notice, warning, error. */
    void log(String level, String message);

    /**
     * Asks the user to confirm what will be affected (made only when the client can be asked); blocks until
     * they answer.
     */
    Confirmation confirm(Supplier<String> message);

    /**
     * Asks the user to fill in a form (a flat JSON Schema object of primitive properties); null when the client
     * cannot be asked. Blocks until they answer.
     */
    FormAnswer ask(String message, Map<String, Object> requestedSchema);

    /** The client's model's reply to {@code prompt}; null when the client does not offer sampling. */
    String sample(String prompt, int maxTokens);

    /** Tells nothing and asks nothing: outside a call; tests extend it to record the one exchange they check. */
    class Silent implements ClientChannel {
        @Override
        public void progress(double done, Double total, String message) {
        }

        @Override
        public void log(String level, String message) {
        }

        @Override
        public Confirmation confirm(Supplier<String> message) {
            return Confirmation.NOT_ASKED;
        }

        @Override
        public FormAnswer ask(String message, Map<String, Object> requestedSchema) {
            return null;
        }

        @Override
        public String sample(String prompt, int maxTokens) {
            return null;
        }
    }

    ClientChannel NONE = new Silent();

    ThreadLocal<ClientChannel> CURRENT = new ThreadLocal<>();

    /** The channel of the call on this thread (tool handlers run on the calling thread), or {@link #NONE}. */
    static ClientChannel current() {
        ClientChannel channel = CURRENT.get();
        return channel == null ? NONE : channel;
    }

    static <T> T during(ClientChannel channel, Supplier<T> call) {
        return ThreadScope.with(CURRENT, channel, call);
    }
}
