package io.mcpwriting.mcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.mcp.resource.Resource;
import io.mcpwriting.mcp.resource.ResourceDefinition;
import io.mcpwriting.mcp.resource.ResourceEntry;
import io.mcpwriting.mcp.resource.ResourceList;
import io.mcpwriting.mcp.resource.ResourceListerDefinition;
import io.mcpwriting.mcp.resource.ResourcePages;
import io.mcpwriting.mcp.tool.Arg;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SDK seam of resources/list: servers built by the SDK itself (2.2.0), their sessions made by the SDK's own
 * session factories, requests dispatched by the SDK's own sessions. Fails when an SDK upgrade renames the handler
 * map, makes it immutable, or stops dispatching through it (a map per session would still do): the SDK's unpaged
 * handler would answer, without nextCursor.
 */
class SdkRequestHandlersTest {

    private static final McpJsonMapper JSON = new JacksonMcpJsonMapper(JsonMapper.builder().build());

    /** A fixed resource and a template of five listed things. */
    public static class Things {
        @Resource(uri = "test://about", name = "about", title = "About", description = "Fixed", mimeType = "text/plain")
        public String about() {
            return "about";
        }

        @Resource(uri = "test://things/{thing_id}", name = "thing", title = "Thing", description = "A thing")
        public String thing(@Arg(value = "thing_id", required = true, description = "id") long id) {
            return "{}";
        }

        @ResourceList("thing")
        public List<ResourceEntry> things(long afterId, int limit) {
            return LongStream.rangeClosed(afterId + 1, 5).limit(limit)
                    .mapToObj(id -> ResourceEntry.row(id, "thing-" + id, null)).toList();
        }
    }

    private final List<McpSyncServer> built = new ArrayList<>();
    private final List<ResourceDefinition> defs = new ArrayList<>();
    private final SdkRequestHandlers seam;

    SdkRequestHandlersTest() throws NoSuchMethodException {
        Things things = new Things();
        defs.add(ResourceDefinition.of(things, Things.class.getMethod("about")));
        defs.add(ResourceDefinition.of(things, Things.class.getMethod("thing", long.class)));
        ResourceListerDefinition lister = ResourceListerDefinition.of(things,
                Things.class.getMethod("things", long.class, int.class));
        seam = new SdkRequestHandlers(McpSchema.METHOD_RESOURCES_LIST,
                SdkFeatures.resourcesList(ResourcePages.of(defs, Map.of("thing", lister), 2)));
    }

    @AfterEach
    void close() {
        built.forEach(McpSyncServer::close);
    }

    private <S extends McpServer.SyncSpecification<S>> void build(McpServer.SyncSpecification<S> spec) {
        built.add(spec.jsonMapper(JSON)
                .capabilities(McpSchema.ServerCapabilities.builder().resources(false, false).build())
                .resources(SdkFeatures.fixedResources(defs))
                .resourceTemplates(SdkFeatures.resourceTemplates(defs))
                .immediateExecution(true)
                .build());
    }

    @Test
    void streamableHttpSessionsPageWithOurHandler() {
        StreamableProvider provider = new StreamableProvider();
        build(McpServer.sync(seam.streamable(provider)));
        McpStreamableServerSession.McpStreamableServerSessionInit init = provider.factory.startSession(
                new McpSchema.InitializeRequest("2025-06-18", McpSchema.ClientCapabilities.builder().build(),
                        new McpSchema.Implementation("test", "1")));
        init.initResult().block();
        McpStreamableServerSession session = init.session();
        assertPaged(params -> {
            Transport transport = new Transport();
            session.responseStream(new McpSchema.JSONRPCRequest("2.0", McpSchema.METHOD_RESOURCES_LIST, "1", params),
                    transport).block();
            return transport.response();
        });
        McpStreamableServerSession another = provider.factory.startSession(new McpSchema.InitializeRequest(
                "2025-06-18", McpSchema.ClientCapabilities.builder().build(), new McpSchema.Implementation("b", "1")))
                .session();
        Transport transport = new Transport();
        another.responseStream(new McpSchema.JSONRPCRequest("2.0", McpSchema.METHOD_RESOURCES_LIST, "1", Map.of()),
                transport).block();
        assertNotNull(((McpSchema.ListResourcesResult) transport.response().result()).nextCursor(), "every session");
    }

    @Test
    void legacySseSessionsPageWithOurHandler() {
        SseProvider provider = new SseProvider();
        build(McpServer.sync(seam.sse(provider)));
        Transport transport = new Transport();
        McpServerSession session = provider.factory.create(transport);
        session.handle(new McpSchema.JSONRPCRequest("2.0", McpSchema.METHOD_INITIALIZE, "0", Map.of(
                "protocolVersion", "2024-11-05", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "test", "version", "1")))).block();
        session.handle(new McpSchema.JSONRPCNotification("2.0", McpSchema.METHOD_NOTIFICATION_INITIALIZED, null)).block();
        assertPaged(params -> {
            transport.sent.clear();
            session.handle(new McpSchema.JSONRPCRequest("2.0", McpSchema.METHOD_RESOURCES_LIST, "1", params)).block();
            return transport.response();
        });
    }

    /** The walk over pages of two, and a bogus cursor refused as invalid params naming it. */
    private static void assertPaged(Function<Map<String, Object>, McpSchema.JSONRPCResponse> list) {
        List<String> uris = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        int pages = 0;
        do {
            McpSchema.JSONRPCResponse response = list.apply(params);
            assertNull(response.error(), () -> String.valueOf(response.error()));
            McpSchema.ListResourcesResult result = assertInstanceOf(McpSchema.ListResourcesResult.class, response.result());
            assertTrue(result.resources().size() <= 2);
            result.resources().forEach(r -> uris.add(r.uri()));
            params.put("cursor", result.nextCursor());
            pages++;
        } while (params.get("cursor") != null);
        assertEquals(List.of("test://about", "test://things/1", "test://things/2", "test://things/3",
                "test://things/4", "test://things/5"), uris);
        assertEquals(3, pages);

        McpSchema.JSONRPCResponse bogus = list.apply(Map.of("cursor", "bogus!"));
        assertNotNull(bogus.error(), "a bogus cursor is refused");
        assertEquals(McpSchema.ErrorCodes.INVALID_PARAMS, bogus.error().code());
        assertTrue(bogus.error().message().contains("cursor"), bogus.error().message());
    }

    @Test
    void theWrappedProvidersPassOnEveryMethodOfTheirInterfaces() {
        assertPassesOn(McpStreamableServerTransportProvider.class, seam.streamable(new StreamableProvider()).getClass());
        assertPassesOn(McpServerTransportProvider.class, seam.sse(new SseProvider()).getClass());
    }

    /**
     * A method the SDK adds to the interface (or a default we would inherit) must be passed on explicitly: declared by
     * the wrapper's class or one of its superclasses, never left to an interface default.
     */
    private static void assertPassesOn(Class<?> api, Class<?> wrapper) {
        for (Method m : api.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            boolean declared = false;
            for (Class<?> c = wrapper; c != null && c != Object.class && !declared; c = c.getSuperclass()) {
                try {
                    c.getDeclaredMethod(m.getName(), m.getParameterTypes());
                    declared = true;
                } catch (NoSuchMethodException e) {
                    // look in the superclass
                }
            }
            assertTrue(declared, wrapper.getSimpleName() + " does not pass on " + m);
        }
    }

    private static final class StreamableProvider implements McpStreamableServerTransportProvider {
        McpStreamableServerSession.Factory factory;

        @Override
        public void setSessionFactory(McpStreamableServerSession.Factory factory) {
            this.factory = factory;
        }

        @Override
        public Mono<Void> notifyClients(String method, Object params) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }

    private static final class SseProvider implements McpServerTransportProvider {
        McpServerSession.Factory factory;

        @Override
        public void setSessionFactory(McpServerSession.Factory factory) {
            this.factory = factory;
        }

        @Override
        public Mono<Void> notifyClients(String method, Object params) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }

    /** Keeps what the session sends. */
    private static final class Transport implements McpStreamableServerTransport, McpServerTransport {
        final List<McpSchema.JSONRPCMessage> sent = new ArrayList<>();

        McpSchema.JSONRPCResponse response() {
            return sent.stream().filter(McpSchema.JSONRPCResponse.class::isInstance)
                    .map(McpSchema.JSONRPCResponse.class::cast).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no response in " + sent));
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
            return sendMessage(message);
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.fromRunnable(() -> sent.add(message));
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
            return JSON.convertValue(data, type);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }
}
