package benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.RawMcp;
import it.io.mcpwriting.support.Servers;
import it.io.mcpwriting.support.TestDb;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The benchmark's lean client is a working MCP client: what it counts as answered and as failed is real. */
class WireClientIT {

    private static URI author() {
        return URI.create(Servers.url("author") + "/mcp");
    }

    @Test
    void callsAToolInANegotiatedSessionAndReadsItsResult() throws Exception {
        String name = TestDb.unique("Wire");
        try (WireClient client = WireClient.open(author(), Servers.TOKEN, "wire-client-test")) {
            JsonNode created = client.callTool("create_author", Map.of("name", name));
            assertFalse(created.path("isError").asBoolean(true), created.toString());
            assertEquals(name, created.path("structuredContent").path("name").asString());
            assertEquals(1L, TestDb.count("SELECT count(*) FROM authors WHERE name = ?", name));

            JsonNode missing = client.callTool("get_author", Map.of("author_id", Integer.MAX_VALUE));
            assertTrue(missing.path("isError").asBoolean(false), "a missing author is an error result: " + missing);
        }
    }

    @Test
    void closingDeletesTheSession() throws Exception {
        WireClient client = WireClient.open(author(), Servers.TOKEN, "wire-client-test");
        String session = client.sessionId();
        client.close();
        RawMcp.Reply after = RawMcp.callTool("author", session, "get_author", Map.of("author_id", 1));
        assertEquals(404, after.status(), "the session is gone after close: " + after.body());
    }

    @Test
    void aWrongTokenIsRefusedAtInitialize() {
        assertThrows(IOException.class, () -> WireClient.open(author(), "not-the-token", "wire-client-test"));
    }
}
