package io.mcpwriting.domain.admin.transfer;

import io.mcpwriting.domain.admin.backup.PgConnection;
import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.db.SqlErrors;
import io.mcpwriting.mcp.tool.ErrorKind;
import io.mcpwriting.mcp.tool.ToolException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Transactions on a connection of their own, straight to PostgreSQL with the backups' connection settings
 * ({@code mcp.backup.db.*}). COPY needs the driver's own connection (the pool hands out wrapped ones, through
 * PgBouncer), and moving a large table must outlast the pool's query timeout and {@code Db}'s call timeout;
 * each statement is still bounded, by the backups' timeout ({@code mcp.backup.timeout.seconds}).
 */
public final class DirectDb {

    /** The work of one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException, IOException;
    }

    private final PgConnection target;
    private final Duration statementTimeout;

    public DirectDb(PgConnection target, Duration statementTimeout) {
        this.target = target;
        this.statementTimeout = statementTimeout;
    }

    /**
     * Runs {@code work} in one transaction at {@code isolation} (a {@link Connection} constant): commits what it
     * did, or rolls all of it back when it fails. Database failures come out as the record tools report them.
     */
    public <T> T transaction(int isolation, Work<T> work) {
        try (Connection c = open()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(isolation);
            try {
                Sql.over(c).text("SELECT set_config('statement_timeout', ?, true)", statementTimeout.toMillis() + "ms");
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | IOException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Connection open() {
        Properties p = new Properties();
        p.setProperty("user", target.user());
        p.setProperty("password", target.password());
        p.setProperty("ApplicationName", "mcp-writing-transfer");
        p.setProperty("connectTimeout", "10");
        p.setProperty("tcpKeepAlive", "true");
        String host = target.host().contains(":") ? "[" + target.host() + "]" : target.host();
        String url = "jdbc:postgresql://" + host + ":" + target.port() + "/"
                + URLEncoder.encode(target.database(), StandardCharsets.UTF_8);
        try {
            Connection c = new org.postgresql.Driver().connect(url, p);
            if (c == null) {
                throw new SQLException("the driver refused the URL " + url);
            }
            return c;
        } catch (SQLException e) {
            if (SqlErrors.isUnavailable(e)) {
                throw SqlErrors.translate(e);
            }
            throw new ToolException(ErrorKind.INTERNAL, "cannot connect straight to PostgreSQL as " + target
                    + " (the mcp.backup.db.* settings): " + firstLine(e.getMessage()));
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e); // the connection is closed next, which ends the transaction anyway
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
