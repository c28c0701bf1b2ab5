package it.io.mcpwriting.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.Http;
import it.io.mcpwriting.support.Jmx;
import it.io.mcpwriting.support.RawMcp;
import it.io.mcpwriting.support.RawMcp.Reply;
import it.io.mcpwriting.support.TestDb;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.Test;

/**
 * Draining a server from a JMX console (io.mcpwriting:type=McpServerControl): readiness goes DOWN and new
 * sessions are refused at once, the call in progress (held on a row lock here) still finishes and is
 * answered, then the open sessions are closed; after resume the server takes sessions again.
 */
class DrainIT {

    private static final String SERVER = "author";

    @Test
    void drainFinishesTheCallInProgressThenClosesTheSessions() throws Exception {
        long authorId = TestDb.newAuthor();
        String idle = RawMcp.initialize(SERVER);
        String busy = RawMcp.initialize(SERVER);
        try (JMXConnector jmx = Jmx.connect(SERVER); Connection lock = TestDb.connect()) {
            MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
            ObjectName control = new ObjectName("io.mcpwriting:type=McpServerControl,name=\"" + SERVER + "\"");
            try {
                // an update that waits on a row lock held here: a call in progress for as long as we like
                lock.setAutoCommit(false);
                try (PreparedStatement ps = lock.prepareStatement("SELECT 1 FROM authors WHERE id = ? FOR UPDATE")) {
                    ps.setLong(1, authorId);
                    ps.executeQuery().close();
                }
                CompletableFuture<Reply> update = CompletableFuture.supplyAsync(() -> RawMcp.callTool(SERVER, busy,
                        "update_author", Map.of("author_id", authorId, "bio", "written during the drain")));
                awaitCallsInProgress(mbeans, control);

                CompletableFuture<Object> drain = CompletableFuture.supplyAsync(() -> invoke(mbeans, control, "drain"));
                awaitDraining(mbeans, control);
                HttpResponse<String> ready = Http.get(SERVER, "/health/ready");
                assertEquals(503, ready.statusCode(), "readiness is DOWN while draining: " + ready.body());
                assertTrue(ready.body().matches("(?s).*\"draining\"\\s*:\\s*true.*"), ready.body());
                Reply refused = RawMcp.send(RawMcp.post(SERVER, "/mcp").POST(HttpRequest.BodyPublishers.ofString(
                        Http.INITIALIZE.formatted("2025-11-25"))).build());
                assertEquals(503, refused.status(), "no new session while draining: " + refused);
                assertTrue(refused.isJsonRpcError() && refused.body().contains("draining"), refused.toString());
                assertFalse(drain.isDone(), "the drain waits for the call in progress");

                lock.commit(); // the update goes on
                Reply updated = update.get(30, TimeUnit.SECONDS);
                assertNotNull(updated.result(), "the call in progress was answered: " + updated);
                assertFalse(updated.isToolError(), updated.toString());
                assertEquals("written during the drain", TestDb.value("SELECT bio FROM authors WHERE id = ?", authorId));

                String outcome = (String) drain.get(30, TimeUnit.SECONDS);
                assertTrue(outcome.contains("no call in progress"), outcome);
                assertEquals(404, RawMcp.callTool(SERVER, idle, "get_author", Map.of("author_id", authorId)).status(),
                        "open sessions are closed after the drain");
                assertEquals(404, RawMcp.callTool(SERVER, busy, "get_author", Map.of("author_id", authorId)).status());
            } finally {
                lock.rollback();
                invoke(mbeans, control, "resume");
            }
            assertEquals(200, Http.get(SERVER, "/health/ready").statusCode(), "ready again after resume");
            String fresh = RawMcp.initialize(SERVER);
            assertFalse(RawMcp.callTool(SERVER, fresh, "get_author", Map.of("author_id", authorId)).isToolError());
            RawMcp.delete(SERVER, fresh);
        }
    }

    private static Object invoke(MBeanServerConnection mbeans, ObjectName name, String operation) {
        try {
            return mbeans.invoke(name, operation, new Object[0], new String[0]);
        } catch (Exception e) {
            throw new IllegalStateException(operation + " on " + name, e);
        }
    }

    private static void awaitCallsInProgress(MBeanServerConnection mbeans, ObjectName control) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((Integer) mbeans.getAttribute(control, "CallsInProgress") == 0) {
            assertTrue(System.nanoTime() < deadline, "the update never started");
            Thread.sleep(20);
        }
    }

    private static void awaitDraining(MBeanServerConnection mbeans, ObjectName control) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Boolean) mbeans.getAttribute(control, "Draining")) {
            assertTrue(System.nanoTime() < deadline, "the drain never started");
            Thread.sleep(20);
        }
    }
}
