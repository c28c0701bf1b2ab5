package it.io.mcpwriting.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.Http;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** With MCP_AUTH_TOKEN set, the MCP endpoints need the bearer token; health, metrics and info stay open. */
class SecurityIT {

    private static HttpRequest.Builder initialize(String authorization) {
        HttpRequest.Builder b = Http.request("book-planning", "/mcp").header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(Http.INITIALIZE.formatted("2025-11-25")));
        return authorization == null ? b : b.header("Authorization", authorization);
    }

    @Test
    void mcpEndpointsRequireTheToken() {
        for (String auth : new String[] {null, "Bearer wrong-token", "Basic c3lzdGVtLXRlc3QtdG9rZW4=", "Bearer "}) {
            HttpResponse<String> response = Http.send(initialize(auth));
            assertEquals(401, response.statusCode(), "Authorization: " + auth);
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
            assertTrue(response.body().contains("\"error\""), response.body());
        }
        assertEquals(401, Http.get("book-planning", "/sse").statusCode());
        assertEquals(401, Http.send(Http.request("book-planning", "/message?sessionId=x")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode());
    }

    @Test
    void probesAndScrapesNeedNoToken() {
        for (String path : new String[] {"/health", "/health/live", "/health/ready", "/health/started", "/metrics", "/info"}) {
            assertEquals(200, Http.get("book-planning", path).statusCode(), path);
        }
    }
}
