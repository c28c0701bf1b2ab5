package io.mcpwriting.mcp.db;

import io.mcpwriting.mcp.observe.ServerStats;
import io.mcpwriting.mcp.tool.Cancellation;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * The one way to the database: Liberty's container-managed pool ({@code jdbc/writing}, through PgBouncer).
 * Reads run in autocommit; writes run in one transaction that commits or rolls back as a whole.
 *
 * <p>Fault tolerance (each value overridable in MicroProfile Config, e.g.
 * {@code io.mcpwriting.mcp.db.Db/CircuitBreaker/delay=10000}): a timeout well under a client's patience; a
 * circuit breaker that opens when the database is unreachable, so calls fail fast with "database unavailable"
 * instead of queueing on a dead pool; a bulkhead so that one slow tool cannot take every request thread;
 * retries for reads, which are safe to repeat; and for writes one more run only when the connection failed
 * before COMMIT was sent (nothing can have been written), never when COMMIT itself failed.
 */
@ApplicationScoped
@Timeout(15000)
@CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 5000, successThreshold = 2,
        failOn = {DatabaseUnavailableException.class, TimeoutException.class})
@Bulkhead(64)
public class Db {

    private static final Logger LOG = Logger.getLogger(Db.class.getName());

    @Resource(lookup = "jdbc/writing")
    DataSource dataSource;

    @Inject
    ServerStats stats;

    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = DatabaseUnavailableException.class,
            abortOn = {CircuitBreakerOpenException.class, DatabaseGone.class})
    public <T> T read(SqlWork<T> work) {
        return run(work, false);
    }

    /**
     * Runs the work in one transaction. When the connection fails before COMMIT was sent (a connection that
     * died while PostgreSQL or PgBouncer restarted, say), nothing was written, so the work runs once more on a
     * fresh connection; a failure during COMMIT itself is never retried, as the write may have happened.
     */
    public <T> T write(SqlWork<T> work) {
        try {
            return run(work, true);
        } catch (NotCommitted e) {
            pause();
            return run(work, true);
        }
    }

    private <T> T run(SqlWork<T> work, boolean transactional) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            stats.databaseConnectionFailed();
            throw failure(e, false);
        }
        boolean committing = false;
        Sql sql = new Sql(connection);
        try (Connection c = connection; Cancellation.Registration cancel = Cancellation.current().whileRunning(sql::cancelRunning)) {
            if (!transactional) {
                return work.apply(sql);
            }
            c.setAutoCommit(false);
            try {
                T result = work.apply(sql);
                committing = true;
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                restoreAutoCommit(c);
            }
        } catch (SQLException e) {
            Cancellation.current().check(); // a statement cancelled for the client: its transaction rolled back
            if (SqlErrors.isUnavailable(e)) {
                stats.databaseConnectionFailed();
            }
            throw failure(e, committing);
        } catch (StackOverflowError e) {
            if (!SqlErrors.isConnectionErrorReportOverflow(e)) {
                throw e;
            }
            // PostgreSQL ended the connection mid-transaction and PgBouncer reported it too: the driver chains
            // the two errors into a loop (each the other's cause / next exception), and Liberty's connection
            // manager recurses on that loop while logging the failure. The connection is gone either way.
            stats.databaseConnectionFailed();
            LOG.log(Level.WARNING, "a database connection failed mid-call (its error report loops); "
                    + "answered as database unavailable");
            throw committing ? new DatabaseUnavailableException() : new NotCommitted();
        }
    }

    /** What a failure means for running the work again; anything but unavailability is translated. */
    private static RuntimeException failure(SQLException e, boolean committing) {
        if (!SqlErrors.isUnavailable(e)) {
            return SqlErrors.translate(e);
        }
        if (SqlErrors.isDatabaseGoneBehindPgBouncer(e)) {
            return new DatabaseGone();
        }
        return committing ? new DatabaseUnavailableException() : new NotCommitted();
    }

    /** The connection failed before anything was committed: a write may safely run again. */
    private static final class NotCommitted extends DatabaseUnavailableException {
    }

    /** PgBouncer already waited for PostgreSQL in vain: neither reads nor writes run again. */
    private static final class DatabaseGone extends DatabaseUnavailableException {
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseUnavailableException();
        }
    }

    /** The pool hands the connection out again; a broken one is discarded by Liberty anyway. */
    private static void restoreAutoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            // the connection is broken; the failure that matters was already raised
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
