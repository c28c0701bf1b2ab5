package io.mcpwriting.mcp.db;

import io.mcpwriting.mcp.observe.ServerStats;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The one way to the database: Liberty's container-managed pool ({@code jdbc/writing}, through PgBouncer).
 * Reads run in autocommit; writes run in one transaction that commits or rolls back as a whole.
 */
@ApplicationScoped
public class Db {

    @Resource(lookup = "jdbc/writing")
    DataSource dataSource;

    @Inject
    ServerStats stats;

    public <T> T read(SqlWork<T> work) {
        return run(work, false);
    }

    public <T> T write(SqlWork<T> work) {
        return run(work, true);
    }

    private <T> T run(SqlWork<T> work, boolean transactional) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            stats.databaseConnectionFailed();
            throw SqlErrors.translate(e);
        }
        try (Connection c = connection) {
            if (!transactional) {
                return work.apply(new Sql(c));
            }
            c.setAutoCommit(false);
            try {
                T result = work.apply(new Sql(c));
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                restoreAutoCommit(c);
            }
        } catch (SQLException e) {
            if (SqlErrors.isUnavailable(e)) {
                stats.databaseConnectionFailed();
            }
            throw SqlErrors.translate(e);
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
