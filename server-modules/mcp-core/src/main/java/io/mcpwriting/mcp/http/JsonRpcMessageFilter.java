package io.mcpwriting.mcp.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the shape of every JSON-RPC message posted to the MCP endpoints before the SDK sees it. The SDK
 * answers some malformed messages with a 500 and others with no response at all (a {@code tools/call}
 * whose {@code params} or {@code arguments} is not an object leaves the client waiting forever); here
 * each gets a JSON-RPC error: {@code -32700} for a body that is not JSON, {@code -32600} for one that is
 * not a single message, and {@code -32602} (with the request's id) for params of the wrong shape.
 */
public class JsonRpcMessageFilter extends HttpFilter {

    /** JSON-RPC: the params are not what the method takes. */
    public static final int INVALID_PARAMS = -32602;

    /** Methods whose params object is required. */
    private static final Set<String> NEED_PARAMS = Set.of("initialize", "tools/call", "logging/setLevel",
            "resources/read", "resources/subscribe", "resources/unsubscribe", "prompts/get", "completion/complete");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int maxBytes;

    public JsonRpcMessageFilter(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Why a message is refused: the HTTP status, the request's id (JSON text, or null) and the error. */
    record Rejection(int status, String id, int code, String message) {

        String body() {
            String envelope = JsonRpcErrors.envelope(code, message);
            return id == null ? envelope
                    : envelope.replaceFirst("\"id\":null", Matcher.quoteReplacement("\"id\":" + id));
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"POST".equals(request.getMethod()) || !isJson(request.getContentType())) {
            chain.doFilter(request, response); // the transport answers wrong methods and media types itself
            return;
        }
        byte[] body = readUpTo(request.getInputStream(), maxBytes + 1);
        if (body.length > maxBytes) {
            JsonRpcErrors.write(response, 413, JsonRpcErrors.INVALID_REQUEST,
                    "Request body too large: the limit is " + maxBytes + " bytes");
            return;
        }
        Charset charset = charsetOf(request);
        Rejection rejection = check(new String(body, charset), request.getRequestURI().endsWith("/message"));
        if (rejection != null) {
            write(response, rejection);
            return;
        }
        chain.doFilter(new CachedBody(request, body, charset), response);
    }

    /**
     * Null when the SDK can take the message, else the answer. On the legacy {@code /message} endpoint a
     * request's answer would travel on the SSE stream, so a refusal there is an HTTP 400 instead.
     */
    static Rejection check(String text, boolean legacyEndpoint) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (JacksonException | IllegalArgumentException e) {
            return new Rejection(400, null, JsonRpcErrors.PARSE_ERROR, "Parse error: the body is not valid JSON");
        }
        if (message == null || message.isMissingNode()) {
            return new Rejection(400, null, JsonRpcErrors.PARSE_ERROR, "Parse error: the body is empty");
        }
        if (!message.isObject()) {
            return new Rejection(400, null, JsonRpcErrors.INVALID_REQUEST,
                    "Invalid Request: the body must be one JSON-RPC message (a JSON object)");
        }
        JsonNode method = message.get("method");
        if (method == null) {
            if (message.has("result") || message.has("error")) {
                return new Rejection(400, null, JsonRpcErrors.INVALID_REQUEST,
                        "Invalid Request: this server sends no requests, so it expects no responses");
            }
            return null; // the SDK refuses it as a parse error
        }
        JsonNode id = message.get("id");
        if (id == null || !method.isString()) {
            return null; // notifications are accepted or dropped; a non-text method is "method not found"
        }
        String idText = id.isString() || id.isIntegralNumber() ? id.toString() : null;
        int status = legacyEndpoint ? 400 : 200;
        JsonNode params = message.get("params");
        boolean noParams = params == null || params.isNull();
        if (!noParams && !params.isObject()) {
            return new Rejection(status, idText, INVALID_PARAMS, "Invalid params: params must be a JSON object");
        }
        String name = method.asString();
        if (noParams && NEED_PARAMS.contains(name)) {
            return new Rejection(status, idText, INVALID_PARAMS, "Invalid params: " + name + " needs a params object");
        }
        if ("tools/call".equals(name)) {
            JsonNode tool = params.get("name");
            if (tool == null || !tool.isString()) {
                return new Rejection(status, idText, INVALID_PARAMS,
                        "Invalid params: params.name must be the name of a tool (text)");
            }
            JsonNode arguments = params.get("arguments");
            if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
                return new Rejection(status, idText, INVALID_PARAMS,
                        "Invalid params: params.arguments must be a JSON object of named arguments");
            }
        }
        return null;
    }

    private static void write(HttpServletResponse response, Rejection rejection) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(rejection.status());
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        byte[] bytes = rejection.body().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).strip();
        return type.toLowerCase(Locale.ROOT).equals("application/json");
    }

    private static Charset charsetOf(HttpServletRequest request) {
        String name = request.getCharacterEncoding();
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static byte[] readUpTo(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while (out.size() < limit && (n = in.read(buffer, 0, Math.min(buffer.length, limit - out.size()))) != -1) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** The request with its body read once here and served again to the transport. */
    static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;
        private final Charset charset;

        CachedBody(HttpServletRequest request, byte[] body, Charset charset) {
            super(request);
            this.body = body;
            this.charset = charset;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body was already read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
