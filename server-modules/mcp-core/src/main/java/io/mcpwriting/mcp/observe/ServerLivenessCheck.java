package io.mcpwriting.mcp.observe;

import io.mcpwriting.mcp.server.ServerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive unless the heap is nearly exhausted. It never depends on the database: a database outage must
 * not make a supervisor restart healthy servers.
 */
@Liveness
@ApplicationScoped
public class ServerLivenessCheck implements HealthCheck {

    private static final double HEAP_LIMIT = 0.95;

    @Inject
    ServerSettings settings;

    @Override
    public HealthCheckResponse call() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        double used = heap.getMax() > 0 ? (double) heap.getUsed() / heap.getMax() : 0;
        return HealthCheckResponse.named(settings.name() + "-live")
                .withData("heapUsedBytes", heap.getUsed())
                .withData("heapMaxBytes", heap.getMax())
                .status(used < HEAP_LIMIT)
                .build();
    }
}
