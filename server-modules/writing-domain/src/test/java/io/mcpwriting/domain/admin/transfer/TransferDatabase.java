package io.mcpwriting.domain.admin.transfer;

import io.mcpwriting.domain.admin.audit.AuditLog;
import io.mcpwriting.domain.admin.backup.PgConnection;
import io.mcpwriting.domain.admin.schema.SchemaCatalog;
import io.mcpwriting.domain.admin.schema.TestCatalogs;
import io.mcpwriting.domain.testing.Migrations;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.db.SqlErrors;
import io.mcpwriting.mcp.db.SqlWork;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The export and import tools outside the container, against a real PostgreSQL scratch database (default
 * {@code mcp_transfer_test} on localhost:5432, an empty database owned by mcp_owner; scripts/test.sh makes it).
 * Tables are made by the schema owner; the tools work as the application role, as they do in a server.
 * Settings: system properties {@code transfer.db.host}, {@code .port}, {@code .name}, {@code .owner},
 * {@code .owner.password}, {@code .app}, {@code .app.password}.
 */
final class TransferDatabase {

    static final String HOST = System.getProperty("transfer.db.host", "localhost");
    static final int PORT = Integer.getInteger("transfer.db.port", 5432);
    static final String NAME = System.getProperty("transfer.db.name", "mcp_transfer_test");
    static final String OWNER = System.getProperty("transfer.db.owner", "mcp_owner");
    static final String OWNER_PASSWORD = System.getProperty("transfer.db.owner.password", "mcp_owner_dev_password");
    static final String APP = System.getProperty("transfer.db.app", "mcp_app");
    static final String APP_PASSWORD = System.getProperty("transfer.db.app.password", "mcp_dev_password");

    private static final String URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/" + NAME;
    private static final AtomicLong NAMES = new AtomicLong();

    /** Failures the tools audited (the audit log's own database is not there to write them). */
    final List<RuntimeException> auditedFailures = new CopyOnWriteArrayList<>();

    final SchemaCatalog catalog;
    final ExportTools exports = new ExportTools();
    final ImportTools imports = new ImportTools();

    /** Fails, naming what to do, when the scratch database cannot be reached: these tests never skip. */
    TransferDatabase(Path exportsDir) {
        try (Connection c = owner()) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new IllegalStateException("the transfer tests need the PostgreSQL database " + NAME + " at " + HOST
                    + ":" + PORT + ", owned by " + OWNER + " (" + e.getMessage() + "). Create it with: su postgres -c "
                    + "\"psql -c 'CREATE DATABASE " + NAME + " OWNER " + OWNER + "'\"", e);
        }
        migrateOnce();
        catalog = TestCatalogs.over(new AppDb());
        TransferSite site = new TransferSite() {
            @Override
            public Path exportsDir() {
                return exportsDir;
            }

            @Override
            public String exportName(String table, Instant at, String extension) {
                return "export-" + table + "-" + NAMES.incrementAndGet() + "." + extension;
            }

            @Override
            public DirectDb database() {
                return new DirectDb(new PgConnection(HOST, PORT, NAME, APP, APP_PASSWORD), Duration.ofMinutes(5));
            }
        };
        AuditLog audit = new AuditLog() {
            @Override
            public void recordFailure(String tool, String operation, String table, Object attempted,
                    RuntimeException cause, long durationMs) {
                auditedFailures.add(cause);
            }
        };
        exports.catalog = catalog;
        exports.site = site;
        imports.catalog = catalog;
        imports.site = site;
        imports.audit = audit;
    }

    private static boolean migrated;

    /** The scratch database gets the real schema (audit_logs and all) from the project's own migrator. */
    private static synchronized void migrateOnce() {
        if (!migrated) {
            Migrations.run(HOST, PORT, NAME, OWNER, OWNER_PASSWORD, APP);
            migrated = true;
        }
    }

    static Connection owner() throws SQLException {
        return DriverManager.getConnection(URL, OWNER, OWNER_PASSWORD);
    }

    static Connection app() throws SQLException {
        return DriverManager.getConnection(URL, APP, APP_PASSWORD);
    }

    /** Runs DDL and data statements as the schema owner, in autocommit. */
    static void asOwner(String... statements) {
        try (Connection c = owner(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row, read as the application role. */
    static String text(String query, Object... params) {
        try (Connection c = app()) {
            return Sql.over(c).text(query, params);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The catalog's database access, as the pool would give it: one connection per unit of work. */
    private static final class AppDb extends Db {
        @Override
        public <T> T read(SqlWork<T> work) {
            try (Connection c = app()) {
                return work.apply(Sql.over(c));
            } catch (SQLException e) {
                throw SqlErrors.translate(e);
            }
        }
    }
}
