package io.mcpwriting.domain.genre;

import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.tool.ErrorKind;
import io.mcpwriting.mcp.tool.ToolException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Genre look-ups shared by the series and book tools: names or ids in, verified ids out. */
public final class Genres {

    private Genres() {
    }

    /** The ids of the named genres; unknown names fail, listing the known ones. */
    public static List<Long> idsForNames(Sql sql, String argument, List<String> names) throws SQLException {
        List<String> wanted = new ArrayList<>(new LinkedHashSet<>(names));
        List<Long> ids = sql.numbers("SELECT g.id FROM unnest(?::text[]) WITH ORDINALITY AS w(name, n) "
                + "JOIN genres g ON g.genre_name = lower(trim(w.name)) ORDER BY w.n", wanted);
        if (ids.size() != wanted.size()) {
            String known = sql.text("SELECT string_agg(genre_name, ', ' ORDER BY genre_name) FROM genres");
            String unknown = sql.text("SELECT string_agg(w.name, ', ') FROM unnest(?::text[]) AS w(name) "
                    + "WHERE NOT EXISTS (SELECT 1 FROM genres g WHERE g.genre_name = lower(trim(w.name)))", wanted);
            throw ToolException.invalid(argument, "unknown genre(s) " + unknown + "; known genres: " + known);
        }
        return ids;
    }

    /** Fails naming the ids that are not genres. */
    public static void requireIds(Sql sql, List<Integer> ids) throws SQLException {
        String missing = sql.text("SELECT string_agg(w.id::text, ', ') FROM unnest(?::bigint[]) AS w(id) "
                + "WHERE NOT EXISTS (SELECT 1 FROM genres g WHERE g.id = w.id)", ids);
        if (missing != null) {
            throw new ToolException(ErrorKind.NOT_FOUND, "genre(s) " + missing + " do not exist; "
                    + "get_available_options with option_type=genres lists them");
        }
    }
}
