package io.mcpwriting.mcp.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SDK's transports answer some failures with the container's error page and others with a
 * serialized Java exception (stack trace included). This step, around the SDK's servlet, turns every HTTP error
 * they produce into a JSON-RPC error envelope with a short message, and never lets internal detail out.
 */
final class TransportErrors {

    private static final Logger LOG = Logger.getLogger(TransportErrors.class.getName());
    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"([^\"]{1,200})\"");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9 ,.:;()_/-]{1,160}");

    /** Runs the rest of the chain (the SDK) and rewrites the HTTP error it answers with, if any. */
    void around(FilterChain chain, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        CapturingResponse capturing = new CapturingResponse(response);
        try {
            chain.doFilter(request, capturing);
        } catch (IOException | ServletException | RuntimeException e) {
            LOG.log(Level.WARNING, "MCP transport failed on " + request.getMethod() + " " + request.getRequestURI(), e);
            capturing.errorStatus = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        }
        if (capturing.errorStatus >= 400) {
            int status = capturing.errorStatus;
            String detail = capturing.detail();
            JsonRpcErrors.write(response, new Refusal(status, codeFor(status, detail), messageFor(status, detail)));
        }
    }

    static int codeFor(int status, String detail) {
        if (status == 404) {
            return JsonRpcErrors.SESSION_NOT_FOUND;
        }
        if (status == 400 && detail != null && (detail.contains("deserialize") || detail.contains("Invalid message"))) {
            return JsonRpcErrors.PARSE_ERROR;
        }
        return status >= 500 ? JsonRpcErrors.INTERNAL_ERROR : JsonRpcErrors.INVALID_REQUEST;
    }

    static String messageFor(int status, String detail) {
        return switch (status) {
            case 400 -> {
                if (detail != null && (detail.contains("deserialize") || detail.contains("Invalid message"))) {
                    yield "Parse error: the body is not a valid JSON-RPC message";
                }
                yield "Bad Request" + (safe(detail) ? ": " + detail : "");
            }
            case 403 -> "Forbidden: Origin not allowed";
            case 404 -> "Session not found: it ended or expired; initialize a new session";
            case 405 -> "Method not allowed on this endpoint";
            case 406 -> "Not Acceptable: Accept must include application/json and text/event-stream";
            case 413 -> "Request body too large";
            case 415 -> "Unsupported Media Type: Content-Type must be application/json";
            case 421 -> "Misdirected Request: Host not allowed";
            case 503 -> "Service unavailable: the server is shutting down or draining";
            default -> status >= 500 ? "Internal error" : "Request rejected (HTTP " + status + ")";
        };
    }

    private static boolean safe(String detail) {
        return detail != null && SAFE.matcher(detail).matches() && !detail.contains("Exception")
                && !detail.contains("java");
    }

    /** Holds back the body of an error response; passes everything else straight through. */
    static final class CapturingResponse extends HttpServletResponseWrapper {

        int errorStatus;
        String errorMessage;
        private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

        CapturingResponse(HttpServletResponse response) {
            super(response);
        }

        String detail() {
            if (errorMessage != null) {
                return errorMessage;
            }
            Matcher m = MESSAGE.matcher(captured.toString(StandardCharsets.UTF_8));
            return m.find() ? m.group(1) : null;
        }

        @Override
        public void sendError(int sc) {
            errorStatus = sc;
        }

        @Override
        public void sendError(int sc, String msg) {
            errorStatus = sc;
            errorMessage = msg;
        }

        /** Liberty flushes after the servlet returns; an error response must stay open for the rewrite. */
        @Override
        public void flushBuffer() throws IOException {
            if (errorStatus < 400) {
                super.flushBuffer();
            }
        }

        @Override
        public void setStatus(int sc) {
            if (sc >= 400) {
                errorStatus = sc;
            } else {
                super.setStatus(sc);
            }
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (errorStatus < 400) {
                return super.getOutputStream();
            }
            return new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    // error bodies are written synchronously
                }

                @Override
                public void write(int b) {
                    captured.write(b);
                }
            };
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (errorStatus < 400) {
                return super.getWriter();
            }
            return new PrintWriter(new OutputStreamWriter(captured, StandardCharsets.UTF_8), true);
        }
    }
}
