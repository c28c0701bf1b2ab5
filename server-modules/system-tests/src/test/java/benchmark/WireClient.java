package benchmark;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An MCP client written at the wire level of the Streamable HTTP transport: one keep-alive HTTP/1.1
 * connection per session; {@code initialize} (protocol negotiated, session id kept), the {@code initialized}
 * notification, {@code tools/call} with the session and protocol-version headers, answers read from an SSE
 * stream or a JSON body, and DELETE of the session at the end.
 *
 * <p>Why it exists: the benchmark's clients run on the servers' own two cores, and the SDK client spends about
 * twice the CPU per call that a server does, so with it the figures measure the load generator as much as the
 * servers. This client spends a small fraction of that. {@code -Dbenchmark.client=sdk} drives the same load
 * through the official SDK client instead.
 */
final class WireClient implements AutoCloseable {

    static final String PROTOCOL_VERSION = "2025-11-25";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String hostHeader;
    private final String path;
    private final String token;
    private String sessionId;
    private String protocolVersion = PROTOCOL_VERSION;
    private long nextId = 1;

    private WireClient(URI endpoint, String token) throws IOException {
        this.socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 5_000);
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.out = socket.getOutputStream();
        this.hostHeader = endpoint.getHost() + ":" + endpoint.getPort();
        this.path = endpoint.getRawPath();
        this.token = token;
    }

    /** A session on {@code endpoint} (the server's {@code /mcp} URL), initialized and ready for calls. */
    static WireClient open(URI endpoint, String token, String clientName) throws IOException {
        WireClient client = new WireClient(endpoint, token);
        try {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("protocolVersion", PROTOCOL_VERSION);
            params.put("capabilities", Map.of());
            params.put("clientInfo", Map.of("name", clientName, "version", "1.0"));
            Reply init = client.post(client.request("initialize", params));
            JsonNode result = init.message().path("result");
            if (init.status() != 200 || !result.has("protocolVersion") || init.sessionId() == null) {
                throw new IOException("initialize refused: HTTP " + init.status() + " " + init.message());
            }
            client.sessionId = init.sessionId();
            client.protocolVersion = result.get("protocolVersion").asString();
            Reply initialized = client.post(JSON.writeValueAsString(
                    Map.of("jsonrpc", "2.0", "method", "notifications/initialized")));
            if (initialized.status() != 202) {
                throw new IOException("notifications/initialized refused: HTTP " + initialized.status());
            }
            return client;
        } catch (IOException | RuntimeException e) {
            client.socket.close();
            throw e;
        }
    }

    String sessionId() {
        return sessionId;
    }

    /** The tool's result ({@code content}, {@code structuredContent}, {@code isError}). */
    JsonNode callTool(String tool, Map<String, Object> arguments) throws IOException {
        Reply reply = post(request("tools/call", Map.of("name", tool, "arguments", arguments)));
        JsonNode result = reply.message().get("result");
        if (reply.status() != 200 || result == null) {
            throw new IOException("tools/call " + tool + ": HTTP " + reply.status() + " " + reply.message());
        }
        return result;
    }

    private String request(String method, Map<String, Object> params) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("id", nextId++);
        message.put("method", method);
        message.put("params", params);
        return JSON.writeValueAsString(message);
    }

    private record Reply(int status, String sessionId, JsonNode message) {
    }

    private Reply post(String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256)
                .append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Accept: application/json, text/event-stream\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        if (token != null && !token.isEmpty()) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (sessionId != null) {
            head.append("Mcp-Session-Id: ").append(sessionId).append("\r\n")
                    .append("MCP-Protocol-Version: ").append(protocolVersion).append("\r\n");
        }
        send(head, body);
        return read();
    }

    private void send(StringBuilder head, byte[] body) throws IOException {
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        out.write(all);
        out.flush();
    }

    private Reply read() throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
            }
        }
        byte[] body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? chunked()
                : in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        String text = new String(body, StandardCharsets.UTF_8);
        String contentType = headers.getOrDefault("content-type", "");
        JsonNode message = text.isBlank() ? JSON.missingNode()
                : JSON.readTree(contentType.startsWith("text/event-stream") ? sseData(text) : text);
        return new Reply(status, headers.get("mcp-session-id"), message);
    }

    /** The data of the first event of an SSE stream (the answer to the request). */
    private static String sseData(String stream) {
        StringBuilder data = new StringBuilder();
        for (String line : stream.split("\n")) {
            if (line.startsWith("data:")) {
                data.append(line, line.startsWith("data: ") ? 6 : 5, line.length());
            } else if (line.isBlank() && !data.isEmpty()) {
                break;
            }
        }
        return data.toString();
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).strip(), 16);
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailers, if any
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            line(); // the CRLF after the chunk
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c == -1) {
                throw new EOFException("connection closed by the server");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** Ends the session (DELETE) and closes the connection. */
    @Override
    public void close() {
        try {
            if (sessionId != null) {
                StringBuilder head = new StringBuilder(160)
                        .append("DELETE ").append(path).append(" HTTP/1.1\r\n")
                        .append("Host: ").append(hostHeader).append("\r\n")
                        .append("Mcp-Session-Id: ").append(sessionId).append("\r\n")
                        .append("MCP-Protocol-Version: ").append(protocolVersion).append("\r\n");
                if (token != null && !token.isEmpty()) {
                    head.append("Authorization: Bearer ").append(token).append("\r\n");
                }
                send(head.append("Content-Length: 0\r\n"), new byte[0]);
                read();
            }
        } catch (IOException | RuntimeException e) {
            // the session ends with the connection anyway
        } finally {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
