package io.mcpwriting.mcp.http;

import io.mcpwriting.mcp.tool.Cancellation;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The requests being handled, by session and JSON-RPC id, so that a {@code notifications/cancelled} naming one
 * cancels it. Only the session that sent a request can cancel it.
 */
final class RequestCancellations {

    /** What runs while a request is tracked: the SDK handling the message. */
    interface Handling {
        void run() throws IOException, ServletException;
    }

    private final ConcurrentHashMap<String, Cancellation> running = new ConcurrentHashMap<>();

    private static String key(String session, String id) {
        return session + '\u0000' + id;
    }

    /**
     * Runs {@code handling} for {@code message} of {@code session}: a cancellation is passed on to the request it
     * names; a request is tracked (and its cancellation bound to this thread) until it has been handled.
     */
    void during(String session, JsonNode message, Handling handling) throws IOException, ServletException {
        JsonNode method = message.get("method");
        JsonNode id = message.get("id");
        if (session == null || method == null || !method.isString()) {
            handling.run();
        } else if ("notifications/cancelled".equals(method.asString())) {
            JsonNode params = message.get("params");
            if (params != null && params.get("requestId") != null) {
                cancel(session, idKey(params.get("requestId")));
            }
            handling.run();
        } else if (id != null) {
            // the SDK runs the request on this thread (immediate execution): the work sees its cancellation
            String key = idKey(id);
            Cancellation cancellation = begin(session, key);
            try (Cancellation.Registration bound = Cancellation.bind(cancellation)) {
                handling.run();
            } finally {
                end(session, key, cancellation);
            }
        } else {
            handling.run();
        }
    }

    /**
     * A JSON-RPC id as a key: the string "7" and the number 7 are different ids. Not {@code JsonNode.toString()},
     * which serializes through an ObjectWriter (1 % of a server's CPU per call, twice per request).
     */
    static String idKey(JsonNode id) {
        if (id.isString()) {
            return '"' + id.asString();
        }
        return id.isNumber() ? id.asString() : id.toString();
    }

    private Cancellation begin(String session, String id) {
        Cancellation cancellation = new Cancellation();
        running.put(key(session, id), cancellation);
        return cancellation;
    }

    private void end(String session, String id, Cancellation cancellation) {
        running.remove(key(session, id), cancellation);
    }

    private void cancel(String session, String id) {
        Cancellation cancellation = running.get(key(session, id));
        if (cancellation != null) {
            cancellation.cancel();
        }
    }
}
