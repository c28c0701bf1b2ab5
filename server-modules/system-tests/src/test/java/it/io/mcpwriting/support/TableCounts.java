package it.io.mcpwriting.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The row count of every table of the application's schema, read past PgBouncer as the schema owner. */
public final class TableCounts {

    private TableCounts() {
    }

    public static Map<String, Long> snapshot() {
        try (Connection c = Faults.direct(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT quote_ident(relname) FROM pg_class "
                    + "WHERE relkind IN ('r', 'p') AND relnamespace = 'public'::regnamespace ORDER BY relname")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            StringBuilder query = new StringBuilder();
            for (String table : tables) {
                query.append(query.isEmpty() ? "" : " UNION ALL ").append("SELECT '").append(table)
                        .append("', count(*) FROM ").append(table);
            }
            Map<String, Long> counts = new TreeMap<>();
            try (ResultSet rs = s.executeQuery(query.toString())) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of a table whose text contains the marker (rows a test created with it in a value). */
    public static long rowsContaining(String table, String marker) {
        try (Connection c = Faults.direct();
                var ps = c.prepareStatement("SELECT count(*) FROM " + table + " t WHERE strpos(t::text, ?) > 0")) {
            ps.setString(1, marker);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
