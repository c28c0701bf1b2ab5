package it.io.mcpwriting.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.io.mcpwriting.support.McpSession;
import it.io.mcpwriting.support.TestDb;
import org.junit.jupiter.api.Test;

/** Older clients (e.g. TypingMind) use the legacy HTTP+SSE transport: the same tools work there. */
class LegacySseTransportIT {

    @Test
    void listAndCallOverLegacySse() {
        try (McpSession session = McpSession.openLegacySse("author")) {
            assertEquals("2024-11-05", session.initializeResult().protocolVersion());
            assertEquals(4, session.tools().size());
            String name = TestDb.unique("Sse");
            long id = session.call("create_author", "name", name).ok().id();
            assertEquals(name, session.call("get_author", "author_id", id).ok().get("name"));
            session.call("get_author", "author_id", 987654321).error("does not exist");
        }
    }
}
