package io.mcpwriting.mcp.http;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Why a request is answered here instead of by the SDK: the HTTP status, the request's id (null when unknown or
 * not worth echoing), the JSON-RPC error code and message, and the headers that go with it (such as
 * {@code Retry-After}). {@link JsonRpcErrors#write} puts it on the wire.
 */
record Refusal(int status, JsonNode id, int code, String message, Map<String, String> headers) {

    Refusal {
        headers = Map.copyOf(headers);
    }

    Refusal(int status, JsonNode id, int code, String message) {
        this(status, id, code, message, Map.of());
    }

    Refusal(int status, int code, String message) {
        this(status, null, code, message);
    }

    /** The same refusal with one more header. */
    Refusal withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new Refusal(status, id, code, message, more);
    }

    /** The JSON-RPC error envelope this refusal is answered with. */
    String body() {
        return JsonRpcErrors.envelope(id, code, message);
    }
}
