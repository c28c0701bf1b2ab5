package io.mcpwriting.mcp.observe;

import io.mcpwriting.mcp.db.Db;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Asynchronous;

/**
 * The database round trip behind readiness, run on a Fault Tolerance thread so that the check can stop
 * waiting for it: with PostgreSQL down, PgBouncer holds a query until the server returns (or its
 * {@code query_wait_timeout}), and a probe that waited would answer UP afterwards, never having seen the outage.
 */
@ApplicationScoped
public class DatabaseProbe {

    @Inject
    Db db;

    /** The connections to this database that PostgreSQL reports, answered through the pool and PgBouncer. */
    @Asynchronous
    public CompletionStage<Long> activeConnections() {
        Long connections = db.read(sql -> sql.number(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"));
        return CompletableFuture.completedFuture(connections == null ? 0L : connections);
    }
}
