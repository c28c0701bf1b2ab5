package io.mcpwriting.mcp.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The sessions the server has asked something (an elicitation) and awaits an answer from. A response message
 * is let through to the SDK only for such a session; any other is refused before it reaches the SDK, which
 * would answer it with an internal error.
 */
public final class AwaitedAnswers {

    private final ConcurrentHashMap<String, Integer> awaiting = new ConcurrentHashMap<>();

    /** Runs {@code ask} (which blocks until the client answers) with the session marked as awaiting an answer. */
    public <T> T asking(String sessionId, Supplier<T> ask) {
        awaiting.merge(sessionId, 1, Integer::sum);
        try {
            return ask.get();
        } finally {
            awaiting.computeIfPresent(sessionId, (id, n) -> n == 1 ? null : n - 1);
        }
    }

    public boolean awaits(String sessionId) {
        return sessionId != null && awaiting.containsKey(sessionId);
    }
}
