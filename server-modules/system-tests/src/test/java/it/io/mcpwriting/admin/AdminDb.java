package it.io.mcpwriting.admin;

import it.io.mcpwriting.support.TestDb;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Database access the admin tests need beyond {@link TestDb}: the schema owner's direct connection (to create a
 * scratch table, and to read every table, the migration history included) and per-table fingerprints.
 */
final class AdminDb {

    private AdminDb() {
    }

    /** The schema owner, straight to PostgreSQL (port 5432), as the migrations and the backups connect. */
    static Connection owner() throws SQLException {
        String url = System.getProperty("db.owner.url",
                System.getProperty("db.url").replace(":6432/", ":5432/"));
        return DriverManager.getConnection(url, System.getProperty("db.owner.user", "mcp_owner"),
                System.getProperty("db.owner.password", "mcp_owner_dev_password"));
    }

    static void ownerExecute(String... statements) {
        try (Connection c = owner(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Object ownerValue(String query) {
        try (Connection c = owner(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? rs.getObject(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every base table of the public schema. */
    static List<String> tables() {
        List<String> names = new ArrayList<>();
        try (Connection c = owner(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }

    /**
     * Row count and checksum of every table: {@code count(*)} and {@code md5} of all rows as text in a fixed
     * order ({@code id} when the table has one). {@code where} restricts the rows of the tables named in it.
     */
    static Map<String, String> fingerprints(Map<String, String> where) {
        Map<String, String> result = new TreeMap<>();
        try (Connection c = owner(); Statement s = c.createStatement()) {
            for (String table : tables()) {
                boolean hasId;
                try (ResultSet rs = s.executeQuery("SELECT 1 FROM information_schema.columns WHERE table_schema = "
                        + "'public' AND table_name = '" + table + "' AND column_name = 'id'")) {
                    hasId = rs.next();
                }
                String order = hasId ? "t.id" : "t::text";
                String filter = where.containsKey(table) ? " WHERE " + where.get(table) : "";
                try (ResultSet rs = s.executeQuery("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' "
                        + "ORDER BY " + order + ")), '-') FROM public.\"" + table + "\" t" + filter)) {
                    rs.next();
                    result.put(table, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    static Map<String, String> fingerprints() {
        return fingerprints(Map.of());
    }

    static long maxId(String table) {
        Object v = ownerValue("SELECT coalesce(max(id), 0) FROM public.\"" + table + "\"");
        return ((Number) v).longValue();
    }
}
