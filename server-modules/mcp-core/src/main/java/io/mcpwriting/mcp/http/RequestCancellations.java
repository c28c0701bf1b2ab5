package io.mcpwriting.mcp.http;

import io.mcpwriting.mcp.tool.Cancellation;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests being handled, by session and JSON-RPC id, so that a {@code notifications/cancelled} naming one
 * cancels it. Only the session that sent a request can cancel it.
 */
public final class RequestCancellations {

    private final ConcurrentHashMap<String, Cancellation> running = new ConcurrentHashMap<>();

    private static String key(String session, String id) {
        return session + '\u0000' + id;
    }

    Cancellation begin(String session, String id) {
        Cancellation cancellation = new Cancellation();
        running.put(key(session, id), cancellation);
        return cancellation;
    }

    void end(String session, String id, Cancellation cancellation) {
        running.remove(key(session, id), cancellation);
    }

    void cancel(String session, String id) {
        Cancellation cancellation = running.get(key(session, id));
        if (cancellation != null) {
            cancellation.cancel();
        }
    }
}
