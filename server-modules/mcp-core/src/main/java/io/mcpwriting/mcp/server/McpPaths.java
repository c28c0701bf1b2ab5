package io.mcpwriting.mcp.server;

import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import java.util.regex.Pattern;

/**
 * Where a server answers MCP: at {@code /mcp}, {@code /sse} and {@code /message}, and the same under its own name
 * ({@code /author/mcp}, ...), which is how the load balancer routes to it without rewriting paths. The legacy SSE
 * transport can announce only one message endpoint, so it always announces the prefixed one: it works through the
 * balancer and, since this server serves it too, directly on the server's port.
 */
public record McpPaths(String prefix) {

    public static final String STREAMABLE = "/mcp";
    public static final String SSE = "/sse";
    public static final String MESSAGE = "/message";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public McpPaths {
        if (!prefix.startsWith("/") || !NAME.matcher(prefix.substring(1)).matches()) {
            throw new IllegalArgumentException("not a server path prefix: " + prefix);
        }
    }

    /** The paths of the server named {@code serverName} (lower-case letters, digits and '-', as in servers.list). */
    public static McpPaths of(String serverName) {
        return new McpPaths("/" + serverName);
    }

    /** The servlet mappings of the Streamable HTTP transport. */
    public String[] streamable() {
        return new String[] {STREAMABLE, prefix + STREAMABLE};
    }

    /** The servlet mappings of the legacy HTTP+SSE transport (stream and messages). */
    public String[] legacySse() {
        return new String[] {SSE, MESSAGE, prefix + SSE, prefix + MESSAGE};
    }

    /** What the SSE transport's {@code endpoint} event names, before {@code ?sessionId=...}. */
    public String announcedMessagePath() {
        return prefix + MESSAGE;
    }

    /**
     * The SDK's legacy SSE transport announcing {@link #announcedMessagePath()}. It accepts any request path that
     * ends with {@code /sse} or {@code /message}, so both mappings of {@link #legacySse()} reach it.
     */
    public HttpServletSseServerTransportProvider.Builder sseTransport() {
        return HttpServletSseServerTransportProvider.builder().baseUrl(prefix).sseEndpoint(SSE).messageEndpoint(MESSAGE);
    }
}
