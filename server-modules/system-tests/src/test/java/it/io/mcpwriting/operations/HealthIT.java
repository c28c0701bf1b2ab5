package it.io.mcpwriting.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.Http;
import it.io.mcpwriting.support.McpSession;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** MicroProfile Health endpoints answer UP with the data operators read first. */
class HealthIT {

    @Test
    void allFourEndpointsAreUp() {
        for (String path : new String[] {"/health", "/health/live", "/health/ready", "/health/started"}) {
            HttpResponse<String> response = Http.get("author", path);
            assertEquals(200, response.statusCode(), path);
            assertTrue(response.body().contains("\"status\":\"UP\""), response.body());
        }
    }

    @Test
    void readinessReportsDatabaseSessionsUptimeAndTraffic() {
        try (McpSession session = McpSession.open("author")) {
            session.call("list_authors").ok();
            String body = Http.get("author", "/health/ready").body();
            for (String field : new String[] {"\"server\":\"author\"", "\"databaseHealthy\":true", "databaseLatencyMs",
                    "databaseActiveConnections", "activeSessions", "uptimeSeconds", "\"uptime\":\"", "requestsTotal",
                    "errorsTotal", "errorRate", "latencyP50Ms", "latencyP95Ms", "latencyP99Ms"}) {
                assertTrue(body.contains(field), field + " missing in " + body);
            }
            assertTrue(!body.contains("\"activeSessions\":0"), "the open session is counted: " + body);
        }
    }
}
