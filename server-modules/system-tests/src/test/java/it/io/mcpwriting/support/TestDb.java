package it.io.mcpwriting.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Direct access to the test database (through PgBouncer, as the servers reach it): to set up rows that
 * another server's tools would create, and to check what a tool call left behind.
 */
public final class TestDb {

    private TestDb() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(System.getProperty("db.url"), System.getProperty("db.user"),
                System.getProperty("db.password"));
    }

    /** The first column of the first row, or null. */
    public static Object value(String query, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(String query, Object... params) {
        return ((Number) value(query, params)).longValue();
    }

    /** A unique suffix so tests never collide with each other's rows or with earlier runs. */
    public static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    public static long newAuthor() {
        return ((Number) value("INSERT INTO authors (name) VALUES (?) RETURNING id", unique("Author"))).longValue();
    }

    public static long newSeries() {
        return ((Number) value("INSERT INTO series (author_id, title) VALUES (?, ?) RETURNING id", newAuthor(),
                unique("Series"))).longValue();
    }

    public static long newCharacter(long seriesId, String name) {
        return ((Number) value("INSERT INTO characters (series_id, name) VALUES (?, ?) RETURNING id", seriesId, name))
                .longValue();
    }
}
