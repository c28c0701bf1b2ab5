package io.mcpwriting.mcp.rest;

import io.mcpwriting.mcp.http.RequestHeaderValidator;
import io.mcpwriting.mcp.server.ServerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /info}: which server this is, its version, transports and tools (what rollbacks verify). */
@Path("/info")
@ApplicationScoped
public class InfoResource {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Inject
    ServerSettings settings;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", settings.name());
        info.put("version", settings.version());
        info.put("transports", List.of(
                Map.of("type", "streamable-http", "path", "/mcp",
                        "protocolVersions", new TreeSet<>(RequestHeaderValidator.PROTOCOL_VERSIONS)),
                Map.of("type", "sse", "path", "/sse", "messagePath", "/message", "protocolVersions",
                        List.of("2024-11-05"))));
        info.put("authentication", settings.authToken().isPresent() ? "bearer" : "none");
        info.put("toolCount", settings.tools().size());
        info.put("tools", settings.tools());
        return JSON.writeValueAsString(info);
    }
}
