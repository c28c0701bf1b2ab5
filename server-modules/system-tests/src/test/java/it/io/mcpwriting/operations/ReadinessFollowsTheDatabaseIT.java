package it.io.mcpwriting.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.Faults;
import it.io.mcpwriting.support.Http;
import it.io.mcpwriting.support.McpSession;
import java.time.Duration;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * Readiness goes DOWN (503) when PgBouncer is gone and comes back UP by itself when it returns; meanwhile
 * tools fail with a clear "database unavailable" error, and liveness never depends on the database.
 */
class ReadinessFollowsTheDatabaseIT {

    /** The configured PgBouncer (the pom's it.pgbouncer.script and it.pgbouncer.state.dir). */
    private static void pgbouncer(String action) {
        Faults.pgbouncer(action);
    }

    private static long waitFor(String path, IntPredicate status, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        while (!status.test(Http.get("author", path).statusCode())) {
            assertTrue(System.nanoTime() - start < limit.toNanos(), path + " did not change within " + limit);
            Thread.sleep(250);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void readinessFlipsWithPgBouncer() throws Exception {
        assertEquals(200, Http.get("author", "/health/ready").statusCode());
        try (McpSession session = McpSession.open("author")) {
            pgbouncer("stop");
            try {
                long down = waitFor("/health/ready", s -> s == 503, Duration.ofSeconds(30));
                assertEquals(200, Http.get("author", "/health/live").statusCode(), "liveness ignores the database");
                assertTrue(Http.get("author", "/health/ready").body().contains("\"databaseHealthy\":false"));
                session.call("list_authors").error("database is unavailable");
                System.out.println("readiness DOWN " + down + " ms after PgBouncer stopped");
            } finally {
                pgbouncer("start");
            }
            long up = waitFor("/health/ready", s -> s == 200, Duration.ofSeconds(60));
            System.out.println("readiness UP " + up + " ms after PgBouncer started");
            session.call("list_authors").ok();
        }
    }
}
