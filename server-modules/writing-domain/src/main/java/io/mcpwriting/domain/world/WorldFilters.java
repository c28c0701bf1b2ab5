package io.mcpwriting.domain.world;

import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.tool.ToolException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Shared rules of the world-building tools: rows that must belong to the same series, search and list values. */
final class WorldFilters {

    private WorldFilters() {
    }

    /**
     * An ILIKE pattern matching {@code term} anywhere, with the wildcards and escape character a client typed
     * taken literally; null when no term was given.
     */
    static String containsPattern(String argument, String term) {
        if (term == null) {
            return null;
        }
        if (term.isBlank()) {
            throw ToolException.invalid(argument, "must not be blank; leave it out to match everything");
        }
        String escaped = term.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    /** A trimmed text filter, or null; blank fails naming the argument. */
    static String filter(String argument, String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            throw ToolException.invalid(argument, "must not be blank; leave it out to match everything");
        }
        return value.strip();
    }

    /** Fails naming the argument when the text is longer than the column holding it. */
    static void maxLength(String argument, String value, int max) {
        if (value != null && value.strip().length() > max) {
            throw ToolException.invalid(argument, "at most " + max + " characters (got " + value.strip().length() + ")");
        }
    }

    /** The items trimmed; a blank item fails naming the argument. Null stays null. */
    static List<String> items(String argument, List<String> values) {
        if (values == null) {
            return null;
        }
        List<String> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v == null || v.isBlank()) {
                throw ToolException.invalid(argument, "item " + i + " is blank");
            }
            out.add(v.strip());
        }
        return out;
    }

    /**
     * Fails unless row {@code id} of {@code table} (a caller's constant) exists and belongs to the series:
     * "location 7 does not exist", or a validation error of {@code argument}: "location 7 belongs to series 3,
     * not series 5".
     */
    static void requireInSeries(Sql sql, String argument, String table, Integer id, int seriesId, String label)
            throws SQLException {
        if (id == null) {
            return;
        }
        Long owner = sql.number("SELECT coalesce(series_id, 0) FROM " + table + " WHERE id = ?", id);
        if (owner == null) {
            throw ToolException.notFound(label, id);
        }
        if (owner != seriesId) {
            throw ToolException.invalid(argument, label + " " + id + " belongs to "
                    + (owner == 0 ? "no series" : "series " + owner) + ", not series " + seriesId);
        }
    }
}
