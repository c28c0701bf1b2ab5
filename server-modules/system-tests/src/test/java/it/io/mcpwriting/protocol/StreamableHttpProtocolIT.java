package it.io.mcpwriting.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.Http;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The Streamable HTTP endpoint speaks the protocol, and every transport error is a clean JSON-RPC error. */
class StreamableHttpProtocolIT {

    private static final String SERVER = "author";

    private static void assertCleanJsonRpcError(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        String body = response.body();
        assertTrue(body.startsWith("{\"jsonrpc\":\"2.0\"") && body.contains("\"error\""), body);
        assertFalse(body.contains("stackTrace") || body.contains("at io.") || body.contains("Exception"), body);
    }

    @Test
    void initializeNegotiatesTheClientsVersionWhenSupported() {
        for (String version : new String[] {"2025-11-25", "2025-06-18", "2025-03-26"}) {
            HttpResponse<String> response = Http.send(Http.mcpPost(SERVER, Http.INITIALIZE.formatted(version)));
            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains("\"protocolVersion\":\"" + version + "\""), response.body());
            assertTrue(response.headers().firstValue("Mcp-Session-Id").isPresent());
        }
    }

    @Test
    void anUnknownVersionIsAnsweredWithTheLatest() {
        HttpResponse<String> response = Http.send(Http.mcpPost(SERVER, Http.INITIALIZE.formatted("1999-01-01")));
        assertTrue(response.body().contains("\"protocolVersion\":\"2025-11-25\""), response.body());
    }

    @Test
    void requestsWithoutASessionOrWithAnUnknownOneAreRefused() {
        assertCleanJsonRpcError(Http.send(Http.mcpPost(SERVER, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}")), 400);
        assertCleanJsonRpcError(Http.send(Http.mcpPost(SERVER, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}")
                .header("Mcp-Session-Id", "no-such-session")), 404);
    }

    @Test
    void deletedSessionsAreGone() {
        String session = Http.initialize(SERVER, "2025-11-25");
        HttpResponse<String> deleted = Http.send(Http.request(SERVER, "/mcp").header("Mcp-Session-Id", session)
                .header("Authorization", "Bearer " + it.io.mcpwriting.support.Servers.TOKEN).DELETE());
        assertTrue(deleted.statusCode() == 200 || deleted.statusCode() == 204, String.valueOf(deleted.statusCode()));
        assertCleanJsonRpcError(Http.send(Http.mcpPost(SERVER, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}")
                .header("Mcp-Session-Id", session)), 404);
    }

    @Test
    void malformedJsonIsAParseError() {
        String session = Http.initialize(SERVER, "2025-11-25");
        HttpResponse<String> response = Http.send(Http.mcpPost(SERVER, "{\"jsonrpc\": \"2.0\", \"id\": 3, \"method\": ")
                .header("Mcp-Session-Id", session));
        assertCleanJsonRpcError(response, 400);
    }

    @Test
    void wrongAcceptOrContentTypeIsRefusedCleanly() {
        HttpResponse<String> accept = Http.send(Http.request(SERVER, "/mcp").header("Content-Type", "application/json")
                .header("Accept", "application/json").header("Authorization", "Bearer " + it.io.mcpwriting.support.Servers.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(Http.INITIALIZE.formatted("2025-11-25"))));
        assertTrue(accept.statusCode() >= 400 && accept.statusCode() < 500, accept.body());
        assertCleanJsonRpcError(accept, accept.statusCode());
        HttpResponse<String> type = Http.send(Http.mcpPost(SERVER, Http.INITIALIZE.formatted("2025-11-25"))
                .setHeader("Content-Type", "text/plain"));
        assertCleanJsonRpcError(type, type.statusCode());
    }

    @Test
    void foreignOriginsAndUnsupportedVersionHeadersAreRejected() {
        assertCleanJsonRpcError(Http.send(Http.mcpPost(SERVER, Http.INITIALIZE.formatted("2025-11-25"))
                .header("Origin", "https://evil.example")), 403);
        assertEquals(200, Http.send(Http.mcpPost(SERVER, Http.INITIALIZE.formatted("2025-11-25"))
                .header("Origin", "http://localhost:6274")).statusCode());
        String session = Http.initialize(SERVER, "2025-11-25");
        assertCleanJsonRpcError(Http.send(Http.mcpPost(SERVER, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}")
                .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2099-01-01")), 400);
    }

    @Test
    void oversizeBodiesAreRefusedBeforeBeingRead() {
        String huge = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}}";
        assertCleanJsonRpcError(Http.send(Http.mcpPost(SERVER, huge)), 413);
    }

    @Test
    void unknownToolsAreProtocolErrors() {
        String session = Http.initialize(SERVER, "2025-11-25");
        HttpResponse<String> response = Http.send(Http.mcpPost(SERVER,
                "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"create_book\",\"arguments\":{}}}")
                .header("Mcp-Session-Id", session));
        assertTrue(response.body().contains("\"error\"") && response.body().contains("create_book"), response.body());
        assertFalse(response.body().contains("Exception"), response.body());
    }
}
