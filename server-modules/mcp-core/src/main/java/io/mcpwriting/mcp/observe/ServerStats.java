package io.mcpwriting.mcp.observe;

import io.mcpwriting.mcp.server.ServerSettings;
import io.mcpwriting.mcp.tool.ErrorKind;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.ObjectName;
import org.HdrHistogram.ConcurrentHistogram;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The server's own account of its tool calls: MicroProfile metrics for Prometheus, a latency histogram
 * for the health report, per-tool counts for the JMX MBean, and the per-call JSON log line.
 */
@ApplicationScoped
public class ServerStats implements CallObserver, ServerStatsMXBean {

    private static final Logger LOG = Logger.getLogger(ServerStats.class.getName());

    @Inject
    MetricRegistry registry;

    @Inject
    ServerSettings settings;

    private final long startedAt = System.currentTimeMillis();
    private final Map<String, ToolMeters> meters = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errorsByType = new ConcurrentHashMap<>();
    private final LongAdder calls = new LongAdder();
    private final LongAdder errors = new LongAdder();
    /** Microseconds, up to an hour, three significant digits. */
    private final ConcurrentHistogram latency = new ConcurrentHistogram(3_600_000_000L, 3);
    private volatile IntSupplier sessions = () -> 0;
    private Counter dbConnectionFailures;
    private ObjectName mbeanName;

    private record ToolMeters(Counter requests, Timer duration) {
    }

    @PostConstruct
    void start() {
        Tag server = new Tag("server", settings.name());
        registry.gauge(Metadata.builder().withName("mcp.active.sessions")
                .withDescription("Open MCP sessions (Streamable HTTP and legacy SSE)").build(),
                () -> sessions.getAsInt(), server);
        dbConnectionFailures = registry.counter(Metadata.builder().withName("mcp.db.connection.failures")
                .withDescription("Times a database connection could not be had").build(), server);
        try {
            mbeanName = new ObjectName("io.mcpwriting:type=McpServer,name=" + ObjectName.quote(settings.name()));
            ManagementFactory.getPlatformMBeanServer().registerMBean(this, mbeanName);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "could not register the server MBean", e);
            mbeanName = null;
        }
    }

    @PreDestroy
    void stop() {
        if (mbeanName != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(mbeanName);
            } catch (Exception e) {
                LOG.log(Level.FINE, "MBean already gone", e);
            }
        }
    }

    /** Creates each served tool's series up front, so rates read zero rather than nothing. */
    public void registerTools(List<String> tools) {
        tools.forEach(this::meters);
    }

    public void countSessionsWith(IntSupplier supplier) {
        this.sessions = supplier;
    }

    public void databaseConnectionFailed() {
        dbConnectionFailures.inc();
    }

    @Override
    public void toolCalled(String tool, long durationNanos, ErrorKind failure, String message) {
        ToolMeters m = meters(tool);
        m.requests().inc();
        m.duration().update(Duration.ofNanos(durationNanos));
        calls.increment();
        latency.recordValue(Math.max(1, durationNanos / 1000));
        String errorType = null;
        if (failure != null) {
            errorType = failure.type();
            errors.increment();
            errorsByType.computeIfAbsent(errorType, k -> new LongAdder()).increment();
            registry.counter(Metadata.builder().withName("mcp.errors")
                    .withDescription("Tool calls that ended in an error, by type").build(),
                    new Tag("server", settings.name()), new Tag("tool", tool), new Tag("error_type", errorType))
                    .inc();
        }
        if (settings.logCalls() || failure != null) {
            CallLog.write(System.out, CallLog.line(settings.name(), tool, durationNanos / 1e6, errorType, message));
        }
    }

    private ToolMeters meters(String tool) {
        return meters.computeIfAbsent(tool, t -> {
            Tag[] tags = {new Tag("server", settings.name()), new Tag("tool", t)};
            Counter requests = registry.counter(Metadata.builder().withName("mcp.requests")
                    .withDescription("Tool calls received").build(), tags);
            Timer duration = registry.timer(Metadata.builder().withName("mcp.request.duration")
                    .withDescription("Tool call duration").build(), tags);
            return new ToolMeters(requests, duration);
        });
    }

    @Override
    public String getServerName() {
        return settings.name();
    }

    @Override
    public String getVersion() {
        return settings.version();
    }

    @Override
    public long getUptimeSeconds() {
        return (System.currentTimeMillis() - startedAt) / 1000;
    }

    @Override
    public long getToolCalls() {
        return calls.sum();
    }

    @Override
    public long getToolErrors() {
        return errors.sum();
    }

    @Override
    public int getActiveSessions() {
        return sessions.getAsInt();
    }

    @Override
    public double getLatencyP50Millis() {
        return percentileMillis(50);
    }

    @Override
    public double getLatencyP95Millis() {
        return percentileMillis(95);
    }

    @Override
    public double getLatencyP99Millis() {
        return percentileMillis(99);
    }

    private double percentileMillis(double p) {
        return latency.getTotalCount() == 0 ? 0 : Math.round(latency.getValueAtPercentile(p) / 10.0) / 100.0;
    }

    @Override
    public Map<String, Long> getCallsByTool() {
        Map<String, Long> byTool = new TreeMap<>();
        meters.forEach((tool, m) -> byTool.put(tool, m.requests().getCount()));
        return byTool;
    }

    @Override
    public Map<String, Long> getErrorsByType() {
        Map<String, Long> byType = new TreeMap<>();
        errorsByType.forEach((type, n) -> byType.put(type, n.sum()));
        return byType;
    }

    /** "1d 2h 3m 4s". */
    public static String formatUptime(long seconds) {
        return (seconds / 86400) + "d " + (seconds % 86400 / 3600) + "h " + (seconds % 3600 / 60) + "m "
                + (seconds % 60) + "s";
    }
}
