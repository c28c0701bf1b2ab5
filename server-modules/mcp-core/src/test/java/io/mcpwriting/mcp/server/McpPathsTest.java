package io.mcpwriting.mcp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Each server answers under its own name too, and its SSE streams name the prefixed message endpoint. */
class McpPathsTest {

    @Test
    void aServerIsMappedAtTheRootAndUnderItsName() {
        McpPaths paths = McpPaths.of("book-planning");
        assertArrayEquals(new String[] {"/mcp", "/book-planning/mcp"}, paths.streamable());
        assertArrayEquals(new String[] {"/sse", "/message", "/book-planning/sse", "/book-planning/message"},
                paths.legacySse());
        assertEquals("/book-planning/message", paths.announcedMessagePath());
        assertThrows(IllegalArgumentException.class, () -> McpPaths.of("../admin"));
        assertThrows(IllegalArgumentException.class, () -> McpPaths.of(""));
    }

    @Test
    void theSseStreamAnnouncesThePrefixedMessageEndpointOnBothPaths() throws Exception {
        McpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder().build());
        HttpServletSseServerTransportProvider sse = McpPaths.of("author").sseTransport().jsonMapper(json).build();
        McpSyncServer server = McpServer.sync(sse).serverInfo("author", "test").jsonMapper(json).build();
        try {
            for (String path : new String[] {"/author/sse", "/sse"}) {
                Map<String, Object> seen = new HashMap<>();
                sse.service(get(path), response(seen));
                String events = seen.get("body").toString();
                assertEquals(200, seen.getOrDefault("status", 200), path);
                assertTrue(events.matches("(?s)event: ?endpoint\\ndata: ?/author/message\\?sessionId=[0-9a-f-]{36}\\n.*"),
                        path + " announced: " + events);
            }
        } finally {
            server.closeGracefully();
        }
    }

    private static HttpServletRequest get(String uri) {
        AsyncContext async = (AsyncContext) Proxy.newProxyInstance(McpPathsTest.class.getClassLoader(),
                new Class<?>[] {AsyncContext.class}, (p, m, a) -> null);
        return (HttpServletRequest) Proxy.newProxyInstance(McpPathsTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getMethod" -> "GET";
                    case "getRequestURI" -> uri;
                    case "getHeaderNames", "getHeaders" -> Collections.emptyEnumeration();
                    case "startAsync" -> async;
                    case "getDateHeader" -> -1L;
                    default -> null;
                });
    }

    private static HttpServletResponse response(Map<String, Object> seen) {
        StringWriter body = new StringWriter();
        seen.put("body", body);
        PrintWriter writer = new PrintWriter(body, true);
        return (HttpServletResponse) Proxy.newProxyInstance(McpPathsTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> switch (m.getName()) {
                    case "getWriter" -> writer;
                    case "sendError", "setStatus" -> seen.put("status", a[0]);
                    case "isCommitted" -> false;
                    default -> null;
                });
    }
}
