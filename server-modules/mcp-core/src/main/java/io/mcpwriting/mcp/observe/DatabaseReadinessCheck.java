package io.mcpwriting.mcp.observe;

import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.server.Lifecycle;
import io.mcpwriting.mcp.server.ServerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the database answers through the pool (and so through PgBouncer) and the server is not
 * draining. The report carries what operators look at first: latency, connections, sessions, traffic.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    @Inject
    Db db;

    @Inject
    ServerStats stats;

    @Inject
    ServerSettings settings;

    @Inject
    Lifecycle lifecycle;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(settings.name() + "-ready")
                .withData("server", settings.name());
        boolean databaseUp;
        long start = System.nanoTime();
        try {
            Long connections = db.read(sql -> sql.number(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"));
            response.withData("databaseLatencyMs", (System.nanoTime() - start) / 1_000_000)
                    .withData("databaseActiveConnections", connections == null ? 0 : connections);
            databaseUp = true;
        } catch (RuntimeException e) {
            response.withData("databaseError", "database or PgBouncer unreachable");
            databaseUp = false;
        }
        long uptime = stats.getUptimeSeconds();
        long calls = stats.getToolCalls();
        long errors = stats.getToolErrors();
        response.withData("databaseHealthy", databaseUp)
                .withData("draining", lifecycle.draining())
                .withData("activeSessions", stats.getActiveSessions())
                .withData("uptimeSeconds", uptime)
                .withData("uptime", ServerStats.formatUptime(uptime))
                .withData("requestsTotal", calls)
                .withData("errorsTotal", errors)
                .withData("errorRate", calls == 0 ? "0.00%" : String.format("%.2f%%", 100.0 * errors / calls))
                .withData("latencyP50Ms", String.valueOf(stats.getLatencyP50Millis()))
                .withData("latencyP95Ms", String.valueOf(stats.getLatencyP95Millis()))
                .withData("latencyP99Ms", String.valueOf(stats.getLatencyP99Millis()));
        return response.status(databaseUp && !lifecycle.draining()).build();
    }
}
