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

    /** What the probe saw: the database's connections, and which database it is (cluster, name, port). */
    public record Seen(long connections, String cluster, String name, int port) {
    }

    private volatile Seen last;

    /** The connections to this database and which one it is, answered through the pool and PgBouncer. */
    @Asynchronous
    public CompletionStage<Seen> probe() {
        String row = db.read(sql -> sql.text("SELECT concat_ws('|', count(*), current_setting('port'), "
                + "current_setting('cluster_name'), current_database()) "
                + "FROM pg_stat_activity WHERE datname = current_database()"));
        String[] parts = row.split("\\|", 4);
        Seen seen = new Seen(Long.parseLong(parts[0]), parts[2].isEmpty() ? "-" : parts[2], parts[3],
                Integer.parseInt(parts[1]));
        last = seen;
        return CompletableFuture.completedFuture(seen);
    }

    /** What the last probe saw, or null before the first. */
    public Seen last() {
        return last;
    }
}
