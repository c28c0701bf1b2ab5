package io.mcpwriting.mcp.observe;

import io.mcpwriting.mcp.server.Lifecycle;
import io.mcpwriting.mcp.server.ServerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the database answers through the pool (and so through PgBouncer) within the probe deadline and
 * the server is not draining. The report carries what operators look at first: latency, connections,
 * sessions, traffic. Checks that arrive while a probe is still out wait for that one rather than adding
 * more, so an unreachable database holds at most one pool connection for the probes.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    @Inject
    DatabaseProbe probe;

    /** How long readiness waits for the database before answering DOWN. */
    @Inject
    @ConfigProperty(name = "mcp.health.database.timeout", defaultValue = "PT2S")
    Duration databaseTimeout;

    @Inject
    ServerStats stats;

    @Inject
    ServerSettings settings;

    @Inject
    Lifecycle lifecycle;

    private CompletableFuture<DatabaseProbe.Seen> probeInFlight;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(settings.name() + "-ready")
                .withData("server", settings.name());
        boolean databaseUp;
        long start = System.nanoTime();
        try {
            DatabaseProbe.Seen seen = currentProbe().get(databaseTimeout.toMillis(), TimeUnit.MILLISECONDS);
            response.withData("databaseLatencyMs", (System.nanoTime() - start) / 1_000_000)
                    .withData("databaseActiveConnections", seen.connections())
                    .withData("database", seen.cluster() + " " + seen.name() + " (PostgreSQL port " + seen.port() + ")");
            databaseUp = true;
        } catch (TimeoutException e) {
            response.withData("databaseError", "no answer from the database within " + databaseTimeout.toMillis()
                    + " ms");
            databaseUp = false;
        } catch (ExecutionException | RuntimeException e) {
            response.withData("databaseError", "database or PgBouncer unreachable");
            databaseUp = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.withData("databaseError", "interrupted");
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

    private synchronized CompletableFuture<DatabaseProbe.Seen> currentProbe() {
        if (probeInFlight == null || probeInFlight.isDone()) {
            probeInFlight = probe.probe().toCompletableFuture();
        }
        return probeInFlight;
    }
}
