package it.io.mcpwriting.support;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An initialized MCP session with one server through the official Java SDK client. */
public final class McpSession implements AutoCloseable {

    private final McpSyncClient client;

    private McpSession(McpClientTransport transport) {
        this(transport, Duration.ofSeconds(30));
    }

    private McpSession(McpClientTransport transport, Duration requestTimeout) {
        this.client = McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation("system-tests", "1.0"))
                .requestTimeout(requestTimeout)
                .initializationTimeout(requestTimeout)
                .build();
        client.initialize();
    }

    /** Streamable HTTP at /mcp. */
    public static McpSession open(String server) {
        return new McpSession(HttpClientStreamableHttpTransport.builder(Servers.url(server))
                .endpoint("/mcp")
                .requestBuilder(authorized())
                .build());
    }

    /** Streamable HTTP at /mcp, with a client that gives up on a request after {@code requestTimeout}. */
    public static McpSession open(String server, Duration requestTimeout) {
        return new McpSession(HttpClientStreamableHttpTransport.builder(Servers.url(server))
                .endpoint("/mcp")
                .requestBuilder(authorized())
                .build(), requestTimeout);
    }

    /** The legacy HTTP+SSE transport at /sse + /message. */
    public static McpSession openLegacySse(String server) {
        return new McpSession(HttpClientSseClientTransport.builder(Servers.url(server))
                .sseEndpoint("/sse")
                .requestBuilder(authorized())
                .build());
    }

    private static HttpRequest.Builder authorized() {
        return HttpRequest.newBuilder().header("Authorization", "Bearer " + Servers.TOKEN);
    }

    /** Calls a tool; arguments alternate name, value. */
    public Outcome call(String tool, Object... nameValues) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            arguments.put((String) nameValues[i], nameValues[i + 1]);
        }
        return call(tool, arguments);
    }

    public Outcome call(String tool, Map<String, Object> arguments) {
        return Outcome.of(client.callTool(new McpSchema.CallToolRequest(tool, arguments)));
    }

    public List<McpSchema.Tool> tools() {
        return client.listTools().tools();
    }

    public McpSchema.InitializeResult initializeResult() {
        return client.getCurrentInitializationResult();
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}
