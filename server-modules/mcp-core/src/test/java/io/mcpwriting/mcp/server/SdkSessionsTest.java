package io.mcpwriting.mcp.server;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SDK seam of the open sessions (drain, idle sweeper): both servlet transports of the SDK keep their sessions in
 * the private map {@link SdkSessions} reads. Fails when an SDK upgrade renames or retypes it.
 */
class SdkSessionsTest {

    private static final McpJsonMapper JSON = new JacksonMcpJsonMapper(JsonMapper.builder().build());

    @Test
    void theStreamableTransportKeepsItsSessionsWhereTheSeamReadsThem() {
        HttpServletStreamableServerTransportProvider streamable = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(JSON).mcpEndpoint("/mcp").build();
        McpSyncServer server = McpServer.sync(streamable).serverInfo("seam", "1").build();
        try {
            ConcurrentMap<String, Object> sessions = SdkSessions.of(streamable);
            assertTrue(sessions.isEmpty(), "no session before a client initializes");
            assertSame(sessions, SdkSessions.of(streamable), "the provider's own map, not a copy");
        } finally {
            server.close();
        }
    }

    @Test
    void theLegacySseTransportKeepsItsSessionsWhereTheSeamReadsThem() {
        HttpServletSseServerTransportProvider sse = HttpServletSseServerTransportProvider.builder()
                .jsonMapper(JSON).messageEndpoint("/message").build();
        McpSyncServer server = McpServer.sync(sse).serverInfo("seam", "1").build();
        try {
            ConcurrentMap<String, Object> sessions = SdkSessions.of(sse);
            assertTrue(sessions.isEmpty(), "no session before a client connects");
            assertSame(sessions, SdkSessions.of(sse), "the provider's own map, not a copy");
        } finally {
            server.close();
        }
    }
}
