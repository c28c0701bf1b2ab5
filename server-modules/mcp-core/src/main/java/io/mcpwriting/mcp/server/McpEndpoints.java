package io.mcpwriting.mcp.server;

import io.mcpwriting.mcp.http.AwaitedAnswers;
import io.mcpwriting.mcp.http.BearerToken;
import io.mcpwriting.mcp.http.BodyLimit;
import io.mcpwriting.mcp.http.JsonRpcMessageChecks;
import io.mcpwriting.mcp.http.McpRequestFilter;
import io.mcpwriting.mcp.http.RequestHeaderValidator;
import io.mcpwriting.mcp.http.SessionLimits;
import io.mcpwriting.mcp.observe.ServerStats;
import io.mcpwriting.mcp.prompt.CompletionDefinition;
import io.mcpwriting.mcp.prompt.PromptDefinition;
import io.mcpwriting.mcp.resource.ResourceDefinition;
import io.mcpwriting.mcp.resource.ResourcePages;
import io.mcpwriting.mcp.tool.ClientChannel;
import io.mcpwriting.mcp.tool.ToolCaller;
import io.mcpwriting.mcp.tool.ToolCatalog;
import io.mcpwriting.mcp.tool.ToolDefinition;
import io.mcpwriting.mcp.tool.ToolInvoker;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts this server's tools on the wire through the official MCP SDK: Streamable HTTP at {@code /mcp} and
 * the legacy HTTP+SSE transport at {@code /sse} + {@code /message}, each also under the server's name
 * ({@link McpPaths}: what the load balancer routes), behind one filter ({@link McpRequestFilter}: token, size,
 * session limits, message checks, error rewriting). The SDK's servlets have no no-arg constructor, hence
 * registration here rather than by scanning.
 */
@WebListener
public class McpEndpoints implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(McpEndpoints.class.getName());
    private static final String STREAMABLE = "mcp-streamable-http";
    private static final String LEGACY_SSE = "mcp-legacy-sse";

    @Inject
    ServerSettings settings;

    @Inject
    ToolCatalog catalog;

    @Inject
    ServerStats stats;

    @Inject
    Lifecycle lifecycle;

    private final List<McpSyncServer> servers = new ArrayList<>();
    private Features features;
    private ResourceChangeListener changes;
    private final AwaitedAnswers answers = new AwaitedAnswers();
    private IdleSessionSweeper sweeper;
    private Drainer drainer;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (!settings.boundToLoopback() && settings.authToken().isEmpty()) {
            throw new IllegalStateException("Refusing to start " + settings.name() + ": bound to " + settings.host()
                    + " beyond loopback without MCP_AUTH_TOKEN. Set MCP_AUTH_TOKEN or bind to localhost.");
        }
        McpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder().build());
        List<ToolDefinition> tools = catalog.select(settings.tools());
        stats.registerTools(settings.tools());
        ToolInvoker invoker = new ToolInvoker(json, new DefaultJsonSchemaValidator(), stats,
                settings.maxResultBytes()).embeddingFilesUpTo(settings.embedMaxBytes());
        List<SyncToolSpecification> specs = tools.stream()
                .map(def -> new SyncToolSpecification(def.tool(), (exchange, request) ->
                        ClientChannel.during(new ExchangeChannel(exchange, request.meta(), def.name(), answers),
                                () -> ToolCaller.during(caller(exchange), () -> invoker.call(def, request)))))
                .toList();
        features = new Features(catalog.selectResources(settings.resources()), catalog.selectPrompts(settings.prompts()),
                catalog.completions());
        RequestHeaderValidator headers = new RequestHeaderValidator(settings.allowedOrigins(), settings.allowedHosts(),
                settings.boundToLoopback() || !settings.allowedHosts().isEmpty());

        McpPaths paths = McpPaths.of(settings.name());
        // The size limit is enforced by BodyLimit in McpRequestFilter; the SDK gets the same limit, so its own
        // check never refuses what the filter let through.
        HttpServletStreamableServerTransportProvider streamable = streamableTransport(json, headers,
                settings.maxRequestBytes());
        HttpServletSseServerTransportProvider sse = paths.sseTransport()
                .jsonMapper(json)
                .httpHeaderValidator(headers)
                .maxRequestSize(settings.maxRequestBytes())
                .build();
        if (features.resources().isEmpty()) {
            servers.add(configure(McpServer.sync(streamable), json, specs));
            servers.add(configure(McpServer.sync(sse), json, specs));
        } else {
            // resources/list pages through the records: our handler in place of the SDK's (see SdkRequestHandlers)
            SdkRequestHandlers lists = new SdkRequestHandlers(McpSchema.METHOD_RESOURCES_LIST, SdkFeatures.resourcesList(
                    ResourcePages.of(features.resources(), catalog.resourceListers(), settings.resourcesPageSize())));
            servers.add(configure(McpServer.sync(lists.streamable(streamable)), json, specs));
            servers.add(configure(McpServer.sync(lists.sse(sse)), json, specs));
        }

        SessionCounter sessions = new SessionCounter();
        sessions.watch(streamable);
        sessions.watch(sse);
        SessionLimits limits = new SessionLimits(sessions::count, sessions::contains, settings.maxSessions(),
                settings.maxCallsPerSecond(), lifecycle::draining).closedSessionsWhen(lifecycle::closingSessions);
        sweeper = new IdleSessionSweeper(SdkSessions.of(streamable), settings.sessionSweepInterval(), System::nanoTime)
                .whenClosed(limits::sessionClosed)
                .start();
        stats.countSessionsWith(sessions::count);
        drainer = new Drainer(settings.name(), lifecycle, settings.drainTimeout())
                .closing(SdkSessions.of(streamable))
                .closing(SdkSessions.of(sse))
                .register();

        ServletContext context = event.getServletContext();
        addServlet(context, STREAMABLE, streamable, paths.streamable());
        addServlet(context, LEGACY_SSE, sse, paths.legacySse());
        Set<String> toolNames = tools.stream().map(def -> def.tool().name()).collect(Collectors.toSet());
        addFilter(context, new McpRequestFilter(lifecycle, settings.authToken().map(BearerToken::new).orElse(null),
                new BodyLimit(settings.maxRequestBytes()), limits, sweeper, Set.of(paths.streamable()), new JsonRpcMessageChecks(toolNames, answers)));
        if (!features.resources().isEmpty() && settings.resourceChangesEnabled()) {
            changes = new ResourceChangeListener(settings.resourceChangesUrl(), settings.resourceChangesProperties(),
                    this::resourceChanged).start();
        }
        lifecycle.markStarted();
        LOG.info(() -> settings.name() + " " + settings.version() + " serves " + tools.size() + " tools on /mcp and /sse"
                + " (also under " + paths.prefix() + ")"
                + (settings.authToken().isPresent() ? " (bearer token required)" : ""));
    }

    /**
     * The SDK's Streamable HTTP transport without its own session sweeper (on by default since
     * https://github.com/modelcontextprotocol/java-sdk/pull/1130): {@link IdleSessionSweeper} stands in for it (the
     * SDK's can evict a session that is in use), and closing the transport never stops the thread the SDK's sweeper
     * runs on, which kept every stopped instance of this application in memory (about 10 MB of heap and its classes
     * per restart). {@code SdkSessionsTest} fails if a thread of this transport outlives the application again.
     */
    static HttpServletStreamableServerTransportProvider streamableTransport(McpJsonMapper json,
            RequestHeaderValidator headers, int maxRequestBytes) {
        return HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(json)
                .mcpEndpoint(McpPaths.STREAMABLE)
                .httpHeaderValidator(headers)
                .maxRequestSize(maxRequestBytes)
                .sessionSweepInterval(null)
                .build();
    }

    /** The resource templates, prompts and completers this server serves besides its tools. */
    private record Features(List<ResourceDefinition> resources, List<PromptDefinition> prompts,
            Map<String, CompletionDefinition> completers) {
    }

    private McpSyncServer configure(McpServer.SyncSpecification<?> spec, McpJsonMapper json,
            List<SyncToolSpecification> tools) {
        McpSchema.ServerCapabilities.Builder capabilities = McpSchema.ServerCapabilities.builder().tools(false).logging();
        if (!features.resources().isEmpty()) {
            capabilities.resources(settings.resourceChangesEnabled(), false);
            spec.resourceTemplates(SdkFeatures.resourceTemplates(features.resources()));
            spec.resources(SdkFeatures.fixedResources(features.resources()));
        }
        if (!features.prompts().isEmpty()) {
            capabilities.prompts(false);
            spec.prompts(SdkFeatures.prompts(features.prompts()));
        }
        var completions = SdkFeatures.completions(features.prompts(), features.resources(), features.completers());
        if (!completions.isEmpty()) {
            capabilities.completions();
            spec.completions(completions);
        }
        return spec.serverInfo(settings.name(), settings.version())
                .jsonMapper(json)
                .capabilities(capabilities.build())
                .instructions("Book-series writing tools of the " + settings.name() + " server. Every tool result is JSON;"
                        + " errors say which argument or record is wrong.")
                .immediateExecution(true)
                .requestTimeout(ExchangeChannel.CONFIRM_TIMEOUT) // a person answers the server's confirmations
                .validateToolInputs(false) // the invoker validates, so failures are counted and logged
                .tools(tools)
                .build();
    }

    /** Tells the sessions subscribed to {@code uri} (the SDK keeps the subscriptions) without waiting for them. */
    private void resourceChanged(String uri) {
        McpSchema.ResourcesUpdatedNotification updated = new McpSchema.ResourcesUpdatedNotification(uri);
        for (McpSyncServer server : servers) {
            server.getAsyncServer().notifyResourcesUpdated(updated)
                    .subscribe(null, e -> LOG.log(Level.FINE, "resource update not delivered: " + uri, e));
        }
    }

    private ToolCaller caller(McpSyncServerExchange exchange) {
        McpSchema.Implementation client = exchange.getClientInfo();
        return new ToolCaller(settings.callerIdentity(), Fingerprints.sessionRef(exchange.sessionId()),
                client == null ? null : client.name(), client == null ? null : client.version());
    }

    private static void addServlet(ServletContext context, String name, Servlet servlet, String... paths) {
        ServletRegistration.Dynamic registration = context.addServlet(name, servlet);
        registration.setAsyncSupported(true);
        registration.setLoadOnStartup(1);
        registration.addMapping(paths);
    }

    /** The one filter of both MCP servlets; it must be async-capable or SSE requests fail. */
    private static void addFilter(ServletContext context, McpRequestFilter filter) {
        FilterRegistration.Dynamic registration = context.addFilter("mcp-requests", filter);
        registration.setAsyncSupported(true);
        registration.addMappingForServletNames(EnumSet.of(DispatcherType.REQUEST), true, STREAMABLE, LEGACY_SSE);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (changes != null) {
            changes.close();
        }
        if (drainer != null) {
            drainer.drain(); // Liberty has stopped taking requests; the calls it let in finish first
            drainer.close();
        }
        if (sweeper != null) {
            sweeper.close();
        }
        for (McpSyncServer server : servers) {
            try {
                server.closeGracefully();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "closing an MCP server", e);
            }
        }
        servers.clear();
        // Reactor's schedulers live in this application's class loader; left running they pin it after a redeploy.
        Schedulers.shutdownNow();
    }
}
