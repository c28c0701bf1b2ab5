package io.mcpwriting.mcp.server;

import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpServerTransportProviderBase;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import reactor.core.publisher.Mono;

/**
 * Puts our handler in place of the SDK's for one request method, in every session of both transports. Used for
 * {@code resources/list}: the SDK 2.2.0's own handler returns every fixed resource at once, ignores the cursor,
 * never sets {@code nextCursor}, and its builder offers no way to replace a list handler
 * (https://github.com/modelcontextprotocol/java-sdk/issues/967, and /issues/1128). Remove this once the SDK pages.
 *
 * <p>How: {@code McpAsyncServer} builds its request handlers into one mutable map and hands it to the session factory
 * it sets on the transport provider; every session it creates keeps that map in a private field named
 * {@code requestHandlers} and dispatches through it. The SDK is given a provider that passes everything on to the
 * real one (which stays the servlet the container runs) except the session factory, which it wraps: each session
 * gets our handler under the method before the factory returns it, so before its first request. The assumptions
 * (the field, a mutable map, our handler answering) are checked by {@code SdkRequestHandlersTest}, which fails when an
 * SDK upgrade breaks them; at run time a broken assumption is logged once and the SDK's own handler answers.
 */
final class SdkRequestHandlers {

    private static final Logger LOG = Logger.getLogger(SdkRequestHandlers.class.getName());

    private final String method;
    private final McpRequestHandler<?> handler;
    private final Field streamableHandlers = handlersOf(McpStreamableServerSession.class);
    private final Field sseHandlers = handlersOf(McpServerSession.class);
    private final AtomicBoolean warned = new AtomicBoolean();

    SdkRequestHandlers(String method, McpRequestHandler<?> handler) {
        this.method = method;
        this.handler = handler;
    }

    /** {@code provider} as the SDK's server should be built on: its sessions answer with our handler. */
    McpStreamableServerTransportProvider streamable(McpStreamableServerTransportProvider provider) {
        return new Streamable(provider);
    }

    McpServerTransportProvider sse(McpServerTransportProvider provider) {
        return new Sse(provider);
    }

    private static Field handlersOf(Class<?> sessionType) {
        try {
            Field field = sessionType.getDeclaredField("requestHandlers");
            if (!Map.class.isAssignableFrom(field.getType())) {
                throw new NoSuchFieldException("requestHandlers is not a Map");
            }
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("the MCP SDK's " + sessionType.getName() + " no longer keeps its request "
                    + "handlers in a field named requestHandlers; see SdkRequestHandlers", e);
        }
    }

    /** Puts our handler in the session's map (shared by the server's sessions, so every time is the same put). */
    @SuppressWarnings("unchecked")
    void install(Object session, Field field) {
        try {
            Map<String, McpRequestHandler<?>> handlers = (Map<String, McpRequestHandler<?>>) field.get(session);
            if (!handlers.containsKey(method)) {
                throw new IllegalStateException("the session has no " + method + " handler to replace");
            }
            handlers.put(method, handler); // each time, so that this session's thread has surely seen it
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (warned.compareAndSet(false, true)) {
                LOG.log(Level.SEVERE, method + " is answered by the MCP SDK's own handler (unpaged): cannot replace it in "
                        + session.getClass().getName() + "; see SdkRequestHandlers", e);
            }
        }
    }

    /** Passes every method of a provider on to the SDK's own, but for the session factory (the subclasses). */
    private abstract static class PassedOn<P extends McpServerTransportProviderBase>
            implements McpServerTransportProviderBase {

        final P real;

        PassedOn(P real) {
            this.real = real;
        }

        @Override
        public Mono<Void> notifyClients(String method, Object params) {
            return real.notifyClients(method, params);
        }

        @Override
        public Mono<Void> notifyClient(String sessionId, String method, Object params) {
            return real.notifyClient(sessionId, method, params);
        }

        @Override
        public void close() {
            real.close();
        }

        @Override
        public Mono<Void> closeGracefully() {
            return real.closeGracefully();
        }

        @Override
        public List<String> protocolVersions() {
            return real.protocolVersions();
        }
    }

    /** The Streamable HTTP provider, passed on but for the session factory. */
    private final class Streamable extends PassedOn<McpStreamableServerTransportProvider>
            implements McpStreamableServerTransportProvider {

        Streamable(McpStreamableServerTransportProvider real) {
            super(real);
        }

        @Override
        public void setSessionFactory(McpStreamableServerSession.Factory factory) {
            real.setSessionFactory(request -> {
                McpStreamableServerSession.McpStreamableServerSessionInit init = factory.startSession(request);
                install(init.session(), streamableHandlers);
                return init;
            });
        }
    }

    /** The legacy HTTP+SSE provider, passed on but for the session factory. */
    private final class Sse extends PassedOn<McpServerTransportProvider> implements McpServerTransportProvider {

        Sse(McpServerTransportProvider real) {
            super(real);
        }

        @Override
        public void setSessionFactory(McpServerSession.Factory factory) {
            real.setSessionFactory(transport -> {
                McpServerSession session = factory.create(transport);
                install(session, sseHandlers);
                return session;
            });
        }
    }
}
