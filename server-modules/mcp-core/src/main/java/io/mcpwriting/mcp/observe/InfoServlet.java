package io.mcpwriting.mcp.observe;

import io.mcpwriting.mcp.http.RequestHeaderValidator;
import io.mcpwriting.mcp.server.McpPaths;
import io.mcpwriting.mcp.server.ServerSettings;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /info}: which server this is, its version, transports and tools (what rollbacks verify). A plain
 * servlet: the REST feature would cost every server its class metadata for this one endpoint.
 */
@WebServlet("/info")
public class InfoServlet extends HttpServlet {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Inject
    ServerSettings settings;

    @Inject
    DatabaseProbe database;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", settings.name());
        info.put("version", settings.version());
        McpPaths paths = McpPaths.of(settings.name());
        info.put("transports", List.of(
                Map.of("type", "streamable-http", "path", McpPaths.STREAMABLE,
                        "prefixedPath", paths.prefix() + McpPaths.STREAMABLE,
                        "protocolVersions", new TreeSet<>(RequestHeaderValidator.PROTOCOL_VERSIONS)),
                Map.of("type", "sse", "path", McpPaths.SSE, "prefixedPath", paths.prefix() + McpPaths.SSE,
                        "messagePath", paths.announcedMessagePath(), "protocolVersions", List.of("2024-11-05"))));
        info.put("authentication", settings.authToken().isPresent() ? "bearer" : "none");
        DatabaseProbe.Seen seen = database.last();
        if (seen != null) { // which database readiness last reached, through PgBouncer
            info.put("database", Map.of("cluster", seen.cluster(), "name", seen.name(), "port", seen.port()));
        }
        info.put("toolCount", settings.tools().size());
        info.put("tools", settings.tools());
        byte[] body = JSON.writeValueAsBytes(info);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
