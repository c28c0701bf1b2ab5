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
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.ObjectName;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Snapshot;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The server's own account of its tool calls, kept once, in MicroProfile metrics (what Prometheus scrapes): the
 * health report's totals and percentiles and the JMX MBean's counts are read from the same counters and timers.
 * Also the per-call JSON log line.
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
    private final Map<ToolError, Counter> errors = new ConcurrentHashMap<>();
    private volatile IntSupplier sessions = () -> 0;
    private Counter dbConnectionFailures;
    private ObjectName mbeanName;

    private record ToolMeters(Counter requests, Timer duration) {
    }

    private record ToolError(String tool, String type) {
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
        String errorType = failure == null ? null : failure.type();
        if (failure != null) {
            errors.computeIfAbsent(new ToolError(tool, errorType), e -> registry.counter(Metadata.builder()
                    .withName("mcp.errors").withDescription("Tool calls that ended in an error, by type").build(),
                    new Tag("server", settings.name()), new Tag("tool", e.tool()), new Tag("error_type", e.type())))
                    .inc();
        }
        if (settings.logCalls() || failure != null) {
            CallLog.write(CallLog.line(settings.name(), tool, durationNanos / 1e6, errorType, message));
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
        return meters.values().stream().mapToLong(m -> m.requests().getCount()).sum();
    }

    @Override
    public long getToolErrors() {
        return errors.values().stream().mapToLong(Counter::getCount).sum();
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

    /**
     * The p-th percentile of every tool's call durations, in ms (two decimals): the tools' histogram buckets added up
     * and interpolated within the bucket that holds the rank, as Prometheus' histogram_quantile does with the same
     * buckets; beyond the last bucket, its bound.
     */
    private double percentileMillis(double p) {
        SortedMap<Double, Long> atOrBelow = new TreeMap<>();
        long count = 0;
        for (ToolMeters m : meters.values()) {
            Snapshot snapshot = m.duration().getSnapshot();
            count += snapshot.size();
            for (Snapshot.HistogramBucket bucket : snapshot.bucketValues()) {
                atOrBelow.merge(bucket.getBucket(), bucket.getCount(), Long::sum);
            }
        }
        return count == 0 ? 0 : Math.round(Percentiles.fromBuckets(atOrBelow, count, p) / 1e4) / 100.0;
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
        errors.forEach((error, counter) -> byType.merge(error.type(), counter.getCount(), Long::sum));
        return byType;
    }

    /** "1d 2h 3m 4s". */
    public static String formatUptime(long seconds) {
        return (seconds / 86400) + "d " + (seconds % 86400 / 3600) + "h " + (seconds % 3600 / 60) + "m "
                + (seconds % 60) + "s";
    }
}
