package io.mcpwriting.domain;

import io.mcpwriting.domain.testing.Migrations;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.db.SqlErrors;
import io.mcpwriting.mcp.db.SqlWork;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * The real PostgreSQL scratch database of the fast tests (default {@code mcp_transfer_test} on localhost:5432, an
 * empty database owned by mcp_owner; scripts/test.sh makes it), migrated once per run by the project's migrator
 * ({@link Migrations}).
 * Settings: system properties {@code transfer.db.host}, {@code .port}, {@code .name}, {@code .owner},
 * {@code .owner.password}, {@code .app}, {@code .app.password}.
 */
public final class ScratchDb {

    public static final String HOST = System.getProperty("transfer.db.host", "localhost");
    public static final int PORT = Integer.getInteger("transfer.db.port", 5432);
    public static final String NAME = System.getProperty("transfer.db.name", "mcp_transfer_test");
    public static final String OWNER = System.getProperty("transfer.db.owner", "mcp_owner");
    public static final String OWNER_PASSWORD = System.getProperty("transfer.db.owner.password", "mcp_owner_dev_password");
    public static final String APP = System.getProperty("transfer.db.app", "mcp_app");
    public static final String APP_PASSWORD = System.getProperty("transfer.db.app.password", "mcp_dev_password");

    private static final String URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/" + NAME;
    private static boolean migrated;

    private ScratchDb() {
    }

    /** Fails, naming what to do, when the database cannot be reached (these tests never skip); migrates it once. */
    public static synchronized void migrateOnce(String whose) {
        if (migrated) {
            return;
        }
        try (Connection c = owner()) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new IllegalStateException(whose + " need the PostgreSQL database " + NAME + " at " + HOST + ":" + PORT
                    + ", owned by " + OWNER + " (" + e.getMessage() + "). Create it with: su postgres -c "
                    + "\"psql -c 'CREATE DATABASE " + NAME + " OWNER " + OWNER + "'\"", e);
        }
        Migrations.run(HOST, PORT, NAME, OWNER, OWNER_PASSWORD, APP);
        migrated = true;
    }

    public static Connection owner() throws SQLException {
        return DriverManager.getConnection(URL, OWNER, OWNER_PASSWORD);
    }

    public static Connection app() throws SQLException {
        return DriverManager.getConnection(URL, APP, APP_PASSWORD);
    }

    /**
     * One connection of the application role in one transaction that is never committed: a test writes its
     * fixture and calls the tools through {@link #db()} on it, and {@link #close()} rolls all of it back.
     */
    public static final class Session implements AutoCloseable {

        private final Connection connection;

        public Session(String whose) {
            migrateOnce(whose);
            try {
                connection = app();
                connection.setAutoCommit(false);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The id the statement returns ({@code INSERT ... RETURNING id}, or the first of an UPDATE's). */
        public int id(String statement, Object... params) {
            try {
                return Sql.over(connection).number(statement, params).intValue();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The tools' database: every unit of work on this session's connection and transaction. */
        public Db db() {
            return new Db() {
                @Override
                public <T> T read(SqlWork<T> work) {
                    return run(work);
                }

                @Override
                public <T> T write(SqlWork<T> work) {
                    return run(work);
                }

                /** A failed unit of work is undone to where it started, as a failed transaction would be. */
                private <T> T run(SqlWork<T> work) {
                    try {
                        Savepoint start = connection.setSavepoint();
                        try {
                            T result = work.apply(Sql.over(connection));
                            connection.releaseSavepoint(start);
                            return result;
                        } catch (SQLException | RuntimeException e) {
                            connection.rollback(start);
                            throw e;
                        }
                    } catch (SQLException e) {
                        throw SqlErrors.translate(e);
                    }
                }
            };
        }

        @Override
        public void close() {
            try (Connection c = connection) {
                c.rollback();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
