package it.io.mcpwriting.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Raw HTTP against a server, for what an MCP client library would hide (status codes, headers, bodies). */
public final class Http {

    public static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"%s\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    public static HttpRequest.Builder request(String server, String path) {
        return HttpRequest.newBuilder(URI.create(Servers.url(server) + path)).timeout(Duration.ofSeconds(20));
    }

    /** A POST to /mcp with the headers a well-behaved client sends, token included. */
    public static HttpRequest.Builder mcpPost(String server, String body) {
        return request(server, "/mcp")
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + Servers.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    public static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> get(String server, String path) {
        return send(request(server, path).GET());
    }

    /** Initializes a Streamable HTTP session and returns its id. */
    public static String initialize(String server, String protocolVersion) {
        HttpResponse<String> response = send(mcpPost(server, INITIALIZE.formatted(protocolVersion)));
        return response.headers().firstValue("Mcp-Session-Id").orElseThrow(
                () -> new AssertionError("no session id: " + response.statusCode() + " " + response.body()));
    }
}
