package io.mcpwriting.mcp.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** JSON-RPC error envelopes for failures that happen before a request reaches the MCP session. */
public final class JsonRpcErrors {

    /** JSON-RPC: the request is not valid. */
    public static final int INVALID_REQUEST = -32600;
    /** JSON-RPC: the server failed. */
    public static final int INTERNAL_ERROR = -32603;
    /** JSON-RPC: the body is not JSON. */
    public static final int PARSE_ERROR = -32700;

    private JsonRpcErrors() {
    }

    public static String envelope(int code, String message) {
        StringBuilder b = new StringBuilder("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":").append(code)
                .append(",\"message\":");
        quote(b, message);
        return b.append("}}").toString();
    }

    public static void write(HttpServletResponse response, int status, int code, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        byte[] body = envelope(code, message).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }
}
