package it.io.mcpwriting.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * MCP over plain HTTP, without a client library: for tests that need thousands of short sessions or send
 * what no library would (broken bodies, wrong headers). Answers are read whether the server replied with
 * {@code application/json} or with an SSE stream.
 */
public final class RawMcp {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicLong IDS = new AtomicLong(100);
    private static final int ANSWER_TIMEOUT_SECONDS = 90;

    private RawMcp() {
    }

    /** An HTTP answer: status, content type, raw body, and the JSON-RPC message in it (null if none). */
    public record Reply(int status, String contentType, String body, JsonNode message, HttpHeaders headers) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public boolean isJsonRpcError() {
            return message != null && message.has("error");
        }

        public JsonNode result() {
            return message == null ? null : message.get("result");
        }

        /** A tool result that is an error (isError true). */
        public boolean isToolError() {
            JsonNode result = result();
            return result != null && result.path("isError").asBoolean(false);
        }

        public String toolText() {
            JsonNode result = result();
            return result == null ? null : result.path("content").path(0).path("text").asString("");
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    public static HttpRequest.Builder post(String server, String path) {
        return HttpRequest.newBuilder(URI.create(Servers.url(server) + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + Servers.TOKEN);
    }

    /** Sends, and waits out the per-session rate limit (429) up to three times. */
    public static Reply send(HttpRequest request) {
        for (int attempt = 0;; attempt++) {
            HttpResponse<String> response;
            // the whole answer, body included, within a bound: a server that never finishes a response fails the test
            java.util.concurrent.CompletableFuture<HttpResponse<String>> pending =
                    CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString());
            try {
                response = pending.get(ANSWER_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + cause,
                        cause instanceof IOException io ? io : new IOException(cause));
            } catch (java.util.concurrent.TimeoutException e) {
                pending.cancel(true);
                throw new AssertionError(request.method() + " " + request.uri() + ": no complete answer within "
                        + ANSWER_TIMEOUT_SECONDS + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (response.statusCode() == 429 && attempt < 3) {
                sleep(1100);
                continue;
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            return new Reply(response.statusCode(), type, response.body(), message(type, response.body()),
                    response.headers());
        }
    }

    /** The JSON-RPC message of a body: the body itself, or the data of the first SSE event. */
    static JsonNode message(String contentType, String body) {
        String json = body;
        if (contentType.startsWith("text/event-stream")) {
            StringBuilder data = new StringBuilder();
            for (String line : body.split("\n")) {
                if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                } else if (line.isBlank() && data.length() > 0) {
                    break;
                }
            }
            json = data.toString();
        }
        if (json.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Opens a Streamable HTTP session (initialize + initialized) and returns its id. */
    public static String initialize(String server) {
        Reply init = send(post(server, "/mcp").POST(HttpRequest.BodyPublishers.ofString(
                Http.INITIALIZE.formatted("2025-11-25"))).build());
        if (init.status() != 200 || init.result() == null) {
            throw new AssertionError("initialize on " + server + ": " + init);
        }
        String session = init.header("Mcp-Session-Id");
        if (session == null) {
            throw new AssertionError("initialize on " + server + " gave no session id: " + init);
        }
        Reply initialized = send(post(server, "/mcp").header("Mcp-Session-Id", session)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")).build());
        if (initialized.status() != 202) {
            throw new AssertionError("notifications/initialized on " + server + ": " + initialized);
        }
        return session;
    }

    /** A JSON-RPC request in a session. */
    public static Reply request(String server, String session, String method, Object params) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("id", IDS.incrementAndGet());
        message.put("method", method);
        if (params != null) {
            message.put("params", params);
        }
        return send(post(server, "/mcp").header("Mcp-Session-Id", session)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(message))).build());
    }

    public static Reply callTool(String server, String session, String tool, Map<String, Object> arguments) {
        return request(server, session, "tools/call", Map.of("name", tool, "arguments", arguments));
    }

    public static List<JsonNode> tools(String server, String session) {
        Reply reply = request(server, session, "tools/list", null);
        if (reply.result() == null) {
            throw new AssertionError("tools/list on " + server + ": " + reply);
        }
        return reply.result().path("tools").valueStream().toList();
    }

    /** A call that reads the database: a tool to list with. */
    public record ReadCall(String tool, Map<String, Object> arguments, boolean findsNothing) {
    }

    /**
     * A read-only tool call that goes to the database: a tool without required arguments (a list), else one
     * whose required arguments are all ids, given an id that does not exist ({@code findsNothing}).
     */
    public static ReadCall readCall(List<JsonNode> tools) {
        return readCall(tools, false);
    }

    /** As {@link #readCall(List)}; with {@code preferLookup}, a read of a missing id comes first (a cheap call). */
    public static ReadCall readCall(List<JsonNode> tools, boolean preferLookup) {
        if (preferLookup) {
            ReadCall lookup = lookupCall(tools);
            if (lookup != null) {
                return lookup;
            }
        }
        for (JsonNode tool : tools) {
            if (tool.path("annotations").path("readOnlyHint").asBoolean(false)
                    && tool.path("inputSchema").path("required").isEmpty() && !tool.path("inputSchema").has("oneOf")) {
                return new ReadCall(tool.path("name").asString(), Map.of(), false);
            }
        }
        ReadCall lookup = lookupCall(tools);
        if (lookup == null) {
            throw new AssertionError("no read tool among " + tools.size() + " tools");
        }
        return lookup;
    }

    private static ReadCall lookupCall(List<JsonNode> tools) {
        for (JsonNode tool : tools) {
            JsonNode schema = tool.path("inputSchema");
            // a tool that needs exactly one of several arguments (generate_report) is read by its first choice
            JsonNode requiredNode = schema.path("required").isEmpty() && schema.has("oneOf")
                    ? schema.path("oneOf").path(0).path("required") : schema.path("required");
            List<String> required = requiredNode.valueStream().map(JsonNode::asString).toList();
            if (tool.path("annotations").path("readOnlyHint").asBoolean(false) && !required.isEmpty() && required.stream()
                    .allMatch(r -> "integer".equals(schema.path("properties").path(r).path("type").asString("")))) {
                Map<String, Object> arguments = new LinkedHashMap<>();
                required.forEach(r -> arguments.put(r, 987_654_321L));
                return new ReadCall(tool.path("name").asString(), arguments, true);
            }
        }
        return null;
    }

    /** Ends a session with DELETE; returns the HTTP status. */
    public static int delete(String server, String session) {
        return send(HttpRequest.newBuilder(URI.create(Servers.url(server) + "/mcp")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + Servers.TOKEN).header("Mcp-Session-Id", session)
                .DELETE().build()).status();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
