package io.mcpwriting.domain.admin.backup;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL scratch database for backups and restores with the real pg_dump, pg_restore and psql (default
 * {@code mcp_backup_test} on localhost:5432, an empty database owned by mcp_owner; scripts/test.sh makes it). Its
 * own database, because a full restore drops and re-creates every object in it. Settings: system properties
 * {@code backup.db.host}, {@code .port}, {@code .name}, {@code .owner}, {@code .owner.password}.
 */
final class BackupDatabase {

    static final String HOST = System.getProperty("backup.db.host", "localhost");
    static final int PORT = Integer.getInteger("backup.db.port", 5432);
    static final String NAME = System.getProperty("backup.db.name", "mcp_backup_test");
    static final String OWNER = System.getProperty("backup.db.owner", "mcp_owner");
    static final String OWNER_PASSWORD = System.getProperty("backup.db.owner.password", "mcp_owner_dev_password");

    private BackupDatabase() {
    }

    /** Fails, naming what to do, when the scratch database cannot be reached: these tests never skip. */
    static void check() {
        try (Connection c = connect()) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new IllegalStateException("the backup tests need the PostgreSQL database " + NAME + " at " + HOST
                    + ":" + PORT + ", owned by " + OWNER + " (" + e.getMessage() + "). Create it with: su postgres -c "
                    + "\"psql -c 'CREATE DATABASE " + NAME + " OWNER " + OWNER + "'\"", e);
        }
    }

    /** Backup settings over the scratch database, backups in {@code dir}, the client tools from the PATH. */
    static BackupSettings settings(Path dir) {
        return new BackupSettings(dir, 30, BackupEncryption.of(null, null, null, null),
                new PgConnection(HOST, PORT, NAME, OWNER, OWNER_PASSWORD), null, Duration.ofSeconds(60));
    }

    /** Runs statements as the owner, in autocommit. */
    static void run(String... statements) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row as text. */
    static String text(String query) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            return r.next() ? r.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + NAME, OWNER,
                OWNER_PASSWORD);
    }
}
