package it.io.mcpwriting.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.Faults;
import it.io.mcpwriting.support.Http;
import it.io.mcpwriting.support.McpSession;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * Readiness goes DOWN (503) when PgBouncer or the PostgreSQL behind it is gone and comes back UP by itself
 * when it returns; meanwhile tools fail with a clear "database unavailable" error, and liveness never depends
 * on the database.
 */
class ReadinessFollowsTheDatabaseIT {

    /** Readiness waits this long for its database probe (the default of {@code MCP_HEALTH_DATABASE_TIMEOUT}). */
    private static final Duration PROBE_DEADLINE = Duration.ofSeconds(2);

    /** PgBouncer's query_wait_timeout as provisioned: how long it holds a query while PostgreSQL is gone. */
    private static final Duration PGBOUNCER_QUERY_WAIT = Duration.ofSeconds(3);

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

    /**
     * With PostgreSQL gone PgBouncer still accepts the probe's query and holds it (until its
     * query_wait_timeout): readiness must not wait for that, nor answer UP afterwards.
     */
    @Test
    void readinessFlipsWithPostgresBehindPgBouncer() throws Exception {
        waitFor("/health/ready", s -> s == 200, Duration.ofSeconds(60));
        Faults.postgres("stop");
        try {
            long start = System.nanoTime();
            HttpResponse<String> ready = Http.get("author", "/health/ready");
            long answeredMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(503, ready.statusCode(), "the first readiness probe after PostgreSQL stopped");
            assertTrue(ready.body().contains("\"databaseHealthy\":false"), ready.body());
            assertTrue(answeredMs < PROBE_DEADLINE.toMillis() + 1_500, "readiness answered in " + answeredMs + " ms");
            assertEquals(200, Http.get("author", "/health/live").statusCode(), "liveness ignores the database");
            System.out.println("readiness DOWN in " + answeredMs + " ms with PostgreSQL stopped behind PgBouncer");
        } finally {
            Faults.postgres("start");
        }
        long up = waitFor("/health/ready", s -> s == 200, Duration.ofSeconds(60));
        System.out.println("readiness UP " + up + " ms after PostgreSQL started");
    }

    /** A tool call fails once PgBouncer gives up on PostgreSQL, not after retries that each wait as long again. */
    @Test
    void aToolCallFailsOncePgBouncerGivesUpOnPostgres() throws Exception {
        waitFor("/health/ready", s -> s == 200, Duration.ofSeconds(60));
        try (McpSession session = McpSession.open("author")) {
            session.call("list_authors").ok();
            Faults.postgres("stop");
            try {
                long start = System.nanoTime();
                session.call("list_authors").error("database is unavailable");
                long failedMs = (System.nanoTime() - start) / 1_000_000;
                assertTrue(failedMs < PGBOUNCER_QUERY_WAIT.toMillis() + 2_000, "the call failed after " + failedMs
                        + " ms");
                System.out.println("a tool call failed after " + failedMs + " ms with PostgreSQL stopped");
            } finally {
                Faults.postgres("start");
            }
        }
        waitFor("/health/ready", s -> s == 200, Duration.ofSeconds(60));
    }
}
