package io.mcpwriting.mcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.mcp.http.RequestHeaderValidator;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
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

    /*
     * The SDK's own session sweeper runs on a thread that closing the transport does not stop, which pinned each
     * stopped instance of the application in memory; our transport is built without it (IdleSessionSweeper stands
     * in). The first test fails if a thread started by our transport outlives what the application does when it
     * stops (close the transport, shut Reactor's schedulers down); the second, if the SDK's default transport stops
     * leaving one (then the override in McpEndpoints.streamableTransport can go).
     */
    @Test
    void noThreadOfOurStreamableTransportOutlivesTheApplication() throws InterruptedException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        HttpServletStreamableServerTransportProvider streamable = McpEndpoints.streamableTransport(JSON,
                new RequestHeaderValidator(List.of(), List.of(), true), 1024);
        assertEquals(Set.of(), threadsLeftAfterStopping(streamable, before), "threads left running");
    }

    @Test
    void theSdksDefaultStreamableTransportLeavesItsSweeperThreadRunning() throws InterruptedException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        HttpServletStreamableServerTransportProvider streamable = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(JSON).mcpEndpoint("/mcp").build();
        Set<String> left = threadsLeftAfterStopping(streamable, before);
        assertTrue(left.stream().anyMatch(name -> name.contains("sweeper")), "threads left running: " + left);
    }

    /** What McpEndpoints.contextDestroyed does, then the names of the threads started since {@code before}. */
    private static Set<String> threadsLeftAfterStopping(HttpServletStreamableServerTransportProvider streamable,
            Set<Thread> before) throws InterruptedException {
        streamable.closeGracefully().block();
        Schedulers.shutdownNow();
        Set<Thread> started = Set.of();
        for (int attempt = 0; attempt < 50; attempt++) {
            started = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isAlive())
                    .collect(Collectors.toSet());
            if (started.isEmpty()) {
                break;
            }
            Thread.sleep(20);
        }
        return started.stream().map(Thread::getName).collect(Collectors.toSet());
    }
}
