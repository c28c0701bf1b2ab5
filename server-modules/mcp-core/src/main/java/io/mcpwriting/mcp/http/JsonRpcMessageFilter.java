package io.mcpwriting.mcp.http;

import io.mcpwriting.mcp.tool.Cancellation;
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
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the shape of every JSON-RPC message posted to the MCP endpoints before the SDK sees it. The SDK
 * answers some malformed messages with a 500 and others with no response at all (a {@code tools/call}
 * whose {@code params} or {@code arguments} is not an object leaves the client waiting forever); here
 * each gets a JSON-RPC error: {@code -32700} for a body that is not JSON, {@code -32600} for one that is
 * not a single message or not JSON-RPC 2.0, and {@code -32602} (with the request's id) for params of the wrong
 * shape or a tool this server does not have (named, as the SDK does not). A POST to the Streamable HTTP endpoint
 * that does not accept both JSON and an event stream gets 406, as the MCP specification says.
 */
public class JsonRpcMessageFilter extends HttpFilter {

    /** Methods whose params object is required. */
    private static final Set<String> NEED_PARAMS = Set.of("initialize", "tools/call", "logging/setLevel",
            "resources/read", "resources/subscribe", "resources/unsubscribe", "prompts/get", "completion/complete");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final int MAX_NESTING = JSON.tokenStreamFactory().streamReadConstraints().getMaxNestingDepth();

    private final int maxBytes;
    private final Set<String> tools;
    private final AwaitedAnswers answers;
    private final RequestCancellations cancellations = new RequestCancellations();

    public JsonRpcMessageFilter(int maxBytes, Set<String> tools, AwaitedAnswers answers) {
        this.answers = answers;
        this.maxBytes = maxBytes;
        this.tools = Set.copyOf(tools);
    }

    /** Why a message is refused: the HTTP status, the request's id (or null) and the error. */
    record Rejection(int status, JsonNode id, int code, String message) {

        String body() {
            return JsonRpcErrors.envelope(id, code, message);
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean legacy = request.getRequestURI().endsWith("/message");
        if ("POST".equals(request.getMethod()) && !legacy && !acceptsJsonAndEvents(request.getHeader("Accept"))) {
            JsonRpcErrors.write(response, 406, JsonRpcErrors.INVALID_REQUEST,
                    "Not Acceptable: Accept must include application/json and text/event-stream");
            return;
        }
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
        String session = legacy ? request.getParameter("sessionId") : request.getHeader("Mcp-Session-Id");
        Verdict verdict = inspect(new String(body, charset), legacy, tools, answers.awaits(session));
        if (verdict.rejection() != null) {
            write(response, verdict.rejection());
            return;
        }
        HttpServletRequest cached = new CachedBody(request, body, charset);
        JsonNode message = verdict.message();
        JsonNode method = message.get("method");
        JsonNode id = message.get("id");
        if (session == null || method == null || !method.isString()) {
            chain.doFilter(cached, response);
        } else if ("notifications/cancelled".equals(method.asString())) {
            JsonNode params = message.get("params");
            if (params != null && params.get("requestId") != null) {
                cancellations.cancel(session, params.get("requestId").toString());
            }
            chain.doFilter(cached, response);
        } else if (id != null) {
            // the SDK runs the request on this thread (immediate execution): the work sees its cancellation
            Cancellation cancellation = cancellations.begin(session, id.toString());
            try (Cancellation.Registration bound = Cancellation.bind(cancellation)) {
                chain.doFilter(cached, response);
            } finally {
                cancellations.end(session, id.toString(), cancellation);
            }
        } else {
            chain.doFilter(cached, response);
        }
    }

    /**
     * Null when the SDK can take the message, else the answer. On the legacy {@code /message} endpoint a
     * request's answer would travel on the SSE stream, so a refusal there is an HTTP 400 instead.
     */
    static Rejection check(String text, boolean legacyEndpoint, Set<String> tools, boolean answerAwaited) {
        return inspect(text, legacyEndpoint, tools, answerAwaited).rejection();
    }

    /** The parsed message, or why it is refused (then the message may be null). */
    record Verdict(Rejection rejection, JsonNode message) {
    }

    static Verdict inspect(String text, boolean legacyEndpoint, Set<String> tools, boolean answerAwaited) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (StreamConstraintsException e) {
            return new Verdict(new Rejection(400, null, JsonRpcErrors.PARSE_ERROR,
                    "Parse error: the JSON is nested too deeply (the limit is " + MAX_NESTING + " levels)"), null);
        } catch (JacksonException | IllegalArgumentException e) {
            return new Verdict(new Rejection(400, null, JsonRpcErrors.PARSE_ERROR,
                    "Parse error: the body is not valid JSON"), null);
        }
        return new Verdict(check(message, legacyEndpoint, tools, answerAwaited), message);
    }

    private static Rejection check(JsonNode message, boolean legacyEndpoint, Set<String> tools, boolean answerAwaited) {
        if (message == null || message.isMissingNode()) {
            return new Rejection(400, null, JsonRpcErrors.PARSE_ERROR, "Parse error: the body is empty");
        }
        if (!message.isObject()) {
            return new Rejection(400, null, JsonRpcErrors.INVALID_REQUEST,
                    "Invalid Request: the body must be one JSON-RPC message (a JSON object)");
        }
        JsonNode id = message.get("id");
        JsonNode idForAnswer = id != null && (id.isString() || id.isIntegralNumber()) ? id : null;
        JsonNode version = message.get("jsonrpc");
        if (version == null || !version.isString() || !"2.0".equals(version.asString())) {
            return new Rejection(400, idForAnswer, JsonRpcErrors.INVALID_REQUEST,
                    "Invalid Request: jsonrpc must be \"2.0\"");
        }
        JsonNode method = message.get("method");
        if (method == null) {
            if ((message.has("result") || message.has("error")) && !answerAwaited) {
                return new Rejection(400, null, JsonRpcErrors.INVALID_REQUEST,
                        "Invalid Request: a response, but this server awaits no answer from this session");
            }
            return null; // the answer to the server's own request (elicitation), or what the SDK refuses itself
        }
        if (id == null || !method.isString()) {
            return null; // notifications are accepted or dropped; a non-text method is "method not found"
        }
        int status = legacyEndpoint ? 400 : 200;
        JsonNode params = message.get("params");
        boolean noParams = params == null || params.isNull();
        if (!noParams && !params.isObject()) {
            return new Rejection(status, idForAnswer, JsonRpcErrors.INVALID_PARAMS,
                    "Invalid params: params must be a JSON object");
        }
        String name = method.asString();
        if (noParams && NEED_PARAMS.contains(name)) {
            return new Rejection(status, idForAnswer, JsonRpcErrors.INVALID_PARAMS,
                    "Invalid params: " + name + " needs a params object");
        }
        if ("tools/call".equals(name)) {
            JsonNode tool = params.get("name");
            if (tool == null || !tool.isString()) {
                return new Rejection(status, idForAnswer, JsonRpcErrors.INVALID_PARAMS,
                        "Invalid params: params.name must be the name of a tool (text)");
            }
            if (!tools.contains(tool.asString())) {
                return new Rejection(status, idForAnswer, JsonRpcErrors.INVALID_PARAMS, "Unknown tool: "
                        + printable(tool.asString()) + " (this server's tools: " + String.join(", ", new TreeSet<>(tools))
                        + ")");
            }
            JsonNode arguments = params.get("arguments");
            if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
                return new Rejection(status, idForAnswer, JsonRpcErrors.INVALID_PARAMS,
                        "Invalid params: params.arguments must be a JSON object of named arguments");
            }
        }
        return null;
    }

    /** A client's text as it can be shown back: at most 100 characters, controls replaced. */
    private static String printable(String text) {
        String cut = text.length() > 100 ? text.substring(0, 100) + "..." : text;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    /** The Streamable HTTP transport answers with JSON or an event stream; a client must take both. */
    static boolean acceptsJsonAndEvents(String accept) {
        if (accept == null) {
            return false;
        }
        String lower = accept.toLowerCase(Locale.ROOT);
        return lower.contains("application/json") && lower.contains("text/event-stream");
    }

    private static void write(HttpServletResponse response, Rejection rejection) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        JsonRpcErrors.write(response, rejection.status(), rejection.body());
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
