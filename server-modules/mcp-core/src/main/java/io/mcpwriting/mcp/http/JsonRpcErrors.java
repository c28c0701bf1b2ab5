package io.mcpwriting.mcp.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON-RPC error envelopes for failures that happen before a request reaches the MCP session, and for the SDK's
 * HTTP errors rewritten by {@link TransportErrors}: the one place that writes them (with Jackson).
 */
public final class JsonRpcErrors {

    /** JSON-RPC: the request is not valid. */
    public static final int INVALID_REQUEST = -32600;
    /** JSON-RPC: the params are not what the method takes. */
    public static final int INVALID_PARAMS = -32602;
    /** JSON-RPC: the server failed. */
    public static final int INTERNAL_ERROR = -32603;
    /** JSON-RPC: the body is not JSON. */
    public static final int PARSE_ERROR = -32700;
    /**
     * Server-defined (the range -32000 to -32099): the MCP session named by the request does not exist (it ended,
     * expired or never was); the client initializes a new one.
     */
    public static final int SESSION_NOT_FOUND = -32001;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonRpcErrors() {
    }

    /** The error envelope answering the request with {@code id} (null when it is unknown). */
    static String envelope(JsonNode id, int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("jsonrpc", "2.0");
        envelope.put("id", id == null || id.isNull() ? null : id);
        envelope.put("error", error);
        return JSON.writeValueAsString(envelope);
    }

    /** Answers with {@code refusal} unless the response is already under way. */
    static void write(HttpServletResponse response, Refusal refusal) throws IOException {
        refusal.headers().forEach(response::setHeader);
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(refusal.status());
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        byte[] body = refusal.body().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
