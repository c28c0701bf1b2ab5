package it.io.mcpwriting.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.Http;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** /info names the server, its release version, its transports and its tools (what a rollback verifies). */
class InfoIT {

    @Test
    void infoDescribesTheServer() {
        HttpResponse<String> response = Http.get("book-planning", "/info");
        assertEquals(200, response.statusCode());
        String body = response.body();
        assertTrue(body.contains("\"name\":\"book-planning\""), body);
        assertTrue(body.contains("\"version\":\"" + System.getProperty("project.version") + "\""), body);
        assertTrue(body.contains("\"path\":\"/mcp\"") && body.contains("\"path\":\"/sse\""), body);
        assertTrue(body.contains("\"toolCount\":8") && body.contains("\"create_timeline_event\""), body);
    }
}
