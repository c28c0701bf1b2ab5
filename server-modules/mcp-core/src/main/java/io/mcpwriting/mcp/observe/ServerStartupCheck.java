package io.mcpwriting.mcp.observe;

import io.mcpwriting.mcp.server.Lifecycle;
import io.mcpwriting.mcp.server.ServerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the MCP endpoints are registered. */
@Startup
@ApplicationScoped
public class ServerStartupCheck implements HealthCheck {

    @Inject
    Lifecycle lifecycle;

    @Inject
    ServerSettings settings;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(settings.name() + "-started")
                .withData("version", settings.version())
                .status(lifecycle.started())
                .build();
    }
}
