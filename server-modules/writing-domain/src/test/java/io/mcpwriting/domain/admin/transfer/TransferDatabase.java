package io.mcpwriting.domain.admin.transfer;

import io.mcpwriting.domain.testing.DomainDb;
import io.mcpwriting.domain.admin.audit.AuditLog;
import io.mcpwriting.domain.admin.backup.PgConnection;
import io.mcpwriting.domain.admin.schema.SchemaCatalog;
import io.mcpwriting.domain.admin.schema.TestCatalogs;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.db.SqlErrors;
import io.mcpwriting.mcp.db.SqlWork;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The export and import tools outside the container, against the migrated scratch database ({@link DomainDb#transfers()}).
 * Tables are made by the schema owner; the tools work as the application role, as they do in a server.
 */
final class TransferDatabase {

    private static final DomainDb DB = DomainDb.transfers();
    static final String NAME = DB.place.name();
    static final String APP = DB.place.app();

    private static final AtomicLong NAMES = new AtomicLong();

    /** Failures the tools audited (the audit log's own database is not there to write them). */
    final List<RuntimeException> auditedFailures = new CopyOnWriteArrayList<>();

    final SchemaCatalog catalog;
    final ExportTools exports = new ExportTools();
    final ImportTools imports = new ImportTools();

    /** Fails, naming what to do, when the scratch database cannot be reached: these tests never skip. */
    TransferDatabase(Path exportsDir) {
        catalog = TestCatalogs.over(DB.db());
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
                return new DirectDb(new PgConnection(DB.place.host(), DB.place.port(), NAME, APP, DB.place.appPassword()), Duration.ofMinutes(5));
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

    static Connection owner() throws SQLException {
        return DB.owner();
    }

    /** Runs DDL and data statements as the schema owner, in autocommit. */
    static void asOwner(String... statements) {
        DB.asOwner(statements);
    }

    /** The first column of the first row, read as the application role. */
    static String text(String query, Object... params) {
        return DB.text(query, params);
    }
}
