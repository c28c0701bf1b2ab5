package it.io.mcpwriting.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.RawMcp;
import it.io.mcpwriting.support.RawMcp.Reply;
import it.io.mcpwriting.support.TestDb;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * notifications/cancelled stops the request it names: the statement it waits on (a row lock held here) is
 * cancelled in PostgreSQL, the call ends at once as cancelled, and nothing of it is written, even after the
 * lock is released. A cancellation from another session does nothing.
 */
class CancellationIT {

    private static final String SERVER = "author";

    @Test
    void aCancelledCallStopsAndWritesNothing() throws Exception {
        long authorId = TestDb.newAuthor();
        String session = RawMcp.initialize(SERVER);
        String stranger = RawMcp.initialize(SERVER);
        try (Connection lock = TestDb.connect()) {
            lock.setAutoCommit(false);
            try (PreparedStatement ps = lock.prepareStatement("SELECT 1 FROM authors WHERE id = ? FOR UPDATE")) {
                ps.setLong(1, authorId);
                ps.executeQuery().close();
            }
            CompletableFuture<Reply> update = CompletableFuture.supplyAsync(() -> post(session,
                    "{\"jsonrpc\":\"2.0\",\"id\":\"slow-1\",\"method\":\"tools/call\",\"params\":{\"name\":"
                            + "\"update_author\",\"arguments\":{\"author_id\":" + authorId + ",\"bio\":\"never\"}}}"));
            Thread.sleep(1500); // the update waits on the lock

            assertEquals(202, post(stranger, cancelled("slow-1")).status());
            Thread.sleep(500);
            assertTrue(!update.isDone(), "another session cannot cancel the call");

            long start = System.nanoTime();
            assertEquals(202, post(session, cancelled("slow-1")).status());
            Reply reply = update.get(10, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 5_000, "the call ended " + millis + " ms after the cancellation");
            assertTrue(reply.isToolError(), reply.toString());
            assertTrue(reply.body().contains("cancelled by the client"), reply.toString());
            lock.commit();
        }
        assertEquals(null, TestDb.value("SELECT bio FROM authors WHERE id = ?", authorId), "nothing was written");
        RawMcp.delete(SERVER, session);
        RawMcp.delete(SERVER, stranger);
    }

    private static String cancelled(String requestId) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"" + requestId
                + "\",\"reason\":\"the user stopped it\"}}";
    }

    private static Reply post(String session, String body) {
        return RawMcp.send(RawMcp.post(SERVER, "/mcp").header("Mcp-Session-Id", session)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
