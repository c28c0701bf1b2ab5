package io.mcpwriting.mcp.server;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who this server is and how it may be reached, from MicroProfile Config: the server WAR's own
 * {@code META-INF/microprofile-config.properties} names it and lists its tools; the environment
 * (e.g. {@code MCP_AUTH_TOKEN}, {@code MCP_HOST}) and server.xml variables override the rest.
 */
@ApplicationScoped
public class ServerSettings {

    @Inject
    @ConfigProperty(name = "mcp.server.name")
    String name;

    @Inject
    @ConfigProperty(name = "mcp.server.tools")
    List<String> tools;

    @Inject
    org.eclipse.microprofile.config.Config config;

    /** The resource templates this server serves (by name); none when unset. */
    @Inject
    @ConfigProperty(name = "mcp.server.resources")
    Optional<List<String>> resources;

    /** The prompts this server serves (by name); none when unset. */
    @Inject
    @ConfigProperty(name = "mcp.server.prompts")
    Optional<List<String>> prompts;

    /** How many resources one resources/list page holds (1 to 1000). */
    @Inject
    @ConfigProperty(name = "mcp.resources.page.size", defaultValue = "100")
    int resourcesPageSize;

    /** Files a tool produced up to this size are embedded in its result besides the link (bytes). */
    @Inject
    @ConfigProperty(name = "mcp.embed.max.bytes", defaultValue = "262144")
    int embedMaxBytes;

    @Inject
    @ConfigProperty(name = "mcp.server.version", defaultValue = "unknown")
    String version;

    /** The address the HTTP endpoint binds to (server.xml {@code mcp.host}, env {@code MCP_HOST}). */
    @Inject
    @ConfigProperty(name = "mcp.host", defaultValue = "localhost")
    String host;

    @Inject
    @ConfigProperty(name = "mcp.auth.token")
    Optional<String> authToken;

    /** The name the bearer token's holder is recorded under (audit trail); unset: the token's fingerprint. */
    @Inject
    @ConfigProperty(name = "mcp.auth.principal")
    Optional<String> authPrincipal;

    /** Extra allowed browser origins, e.g. {@code https://app.example.com}; loopback origins always pass. */
    @Inject
    @ConfigProperty(name = "mcp.allowed.origins")
    Optional<List<String>> allowedOrigins;

    /** Extra allowed Host header values, e.g. {@code mcp.example.com:*}; loopback hosts always pass. */
    @Inject
    @ConfigProperty(name = "mcp.allowed.hosts")
    Optional<List<String>> allowedHosts;

    @Inject
    @ConfigProperty(name = "mcp.max.request.bytes", defaultValue = "1048576")
    int maxRequestBytes;

    /** The longest tool result returned, in characters of JSON; longer ones are refused (narrow the call). */
    @Inject
    @ConfigProperty(name = "mcp.max.result.bytes", defaultValue = "1048576")
    int maxResultBytes;

    /** Sessions idle for between one and two of these intervals are closed. */
    @Inject
    @ConfigProperty(name = "mcp.session.sweep.interval", defaultValue = "PT5M")
    Duration sessionSweepInterval;

    /** How long a drain (or a stop) waits for the tool calls in progress before closing the sessions. */
    @Inject
    @ConfigProperty(name = "mcp.drain.timeout", defaultValue = "PT30S")
    Duration drainTimeout;

    @Inject
    @ConfigProperty(name = "mcp.log.calls", defaultValue = "true")
    boolean logCalls;

    @Inject
    @ConfigProperty(name = "mcp.max.sessions", defaultValue = "1000")
    int maxSessions;

    @Inject
    @ConfigProperty(name = "mcp.max.calls.per.second", defaultValue = "100")
    double maxCallsPerSecond;

    /** {@link #callerIdentity()}, worked out on first use. */
    private volatile String callerIdentity;

    /**
     * Who the callers of this server are, as far as it can tell: the bearer token's configured principal (or
     * {@code token:} and the token's fingerprint) when a token is required, else an anonymous local client.
     */
    public String callerIdentity() {
        String identity = callerIdentity;
        if (identity == null) {
            // once: the token's fingerprint is a SHA-256, and every call names its caller
            identity = authToken.map(token -> authPrincipal.map(String::strip).filter(p -> !p.isEmpty())
                    .orElseGet(() -> "token:" + Fingerprints.of(token))).orElse(ANONYMOUS_LOCAL);
            callerIdentity = identity;
        }
        return identity;
    }

    /** The identity of callers when no token is required (the server is bound to loopback). */
    public static final String ANONYMOUS_LOCAL = "anonymous-local";

    public String name() {
        return name;
    }

    public List<String> tools() {
        return tools;
    }

    public List<String> resources() {
        return resources.orElse(List.of());
    }

    public List<String> prompts() {
        return prompts.orElse(List.of());
    }

    /** Whether subscribed sessions hear of changed resources (needs a direct PostgreSQL connection). */
    public boolean resourceChangesEnabled() {
        return config.getOptionalValue("mcp.changes.enabled", Boolean.class).orElse(true);
    }

    /**
     * The direct PostgreSQL connection the change listener LISTENs on: {@code mcp.changes.db.host} (default
     * {@code db.host}) and {@code mcp.changes.db.port} (default 5432, PostgreSQL itself, not PgBouncer), with the
     * datasource's database, user and password.
     */
    public String resourceChangesUrl() {
        String host = setting("mcp.changes.db.host", setting("db.host", "localhost"));
        return "jdbc:postgresql://" + host + ":" + setting("mcp.changes.db.port", "5432") + "/"
                + setting("db.name", "mcp_writing");
    }

    public java.util.Properties resourceChangesProperties() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", setting("db.user", "mcp_app"));
        p.setProperty("password", setting("db.password", ""));
        p.setProperty("ApplicationName", name + "-changes");
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "30");
        return p;
    }

    private String setting(String key, String otherwise) {
        return config.getOptionalValue(key, String.class).filter(v -> !v.isBlank()).orElse(otherwise);
    }

    public int resourcesPageSize() {
        return resourcesPageSize;
    }

    public int embedMaxBytes() {
        return embedMaxBytes;
    }

    public String version() {
        return version;
    }

    public String host() {
        return host;
    }

    /** The bearer token required on MCP endpoints, if one is configured. */
    public Optional<String> authToken() {
        return authToken.map(String::strip).filter(t -> !t.isEmpty());
    }

    public List<String> allowedOrigins() {
        return allowedOrigins.orElse(List.of());
    }

    public List<String> allowedHosts() {
        return allowedHosts.orElse(List.of());
    }

    public int maxRequestBytes() {
        return maxRequestBytes;
    }

    public int maxResultBytes() {
        return maxResultBytes;
    }

    public Duration sessionSweepInterval() {
        return sessionSweepInterval;
    }

    public Duration drainTimeout() {
        return drainTimeout;
    }

    public boolean logCalls() {
        return logCalls;
    }

    public int maxSessions() {
        return maxSessions;
    }

    public double maxCallsPerSecond() {
        return maxCallsPerSecond;
    }

    public boolean boundToLoopback() {
        String h = host.strip().toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
    }
}
