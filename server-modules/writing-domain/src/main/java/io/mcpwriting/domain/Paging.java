package io.mcpwriting.domain;

import io.mcpwriting.mcp.db.Sql;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * One page of a listing tool's answer. The list tools take {@code limit} and {@code offset} beyond the
 * reference interface (additive and optional: calls written for the reference still work) so that a long
 * list never has to come back in one result. Totals and statistics stay computed over the whole list; the
 * answer's {@code page} says where this page sits and where the next one starts.
 */
public final class Paging {

    public static final int MAX_LIMIT = 500;
    public static final String LIMIT = "Most items to return (1-500, default 100); page.next_offset says where the next "
            + "page starts";
    public static final String OFFSET = "Items to skip, for the next page (default 0)";

    private Paging() {
    }

    /**
     * Runs {@code query} (one row, one jsonb answer whose {@code listField} is the whole list, for the lists of one
     * series, book or chapter, which are short) and lets PostgreSQL keep items {@code offset} to
     * {@code offset + limit} of it, with {@code count} and {@code page}: the answer goes out as PostgreSQL wrote it.
     * {@code listField} is a constant of the calling tool.
     */
    public static String page(Sql sql, String listField, int limit, int offset, String query, Object... params)
            throws SQLException {
        Object[] all = Arrays.copyOf(params, params.length + 2);
        all[params.length] = limit;
        all[params.length + 1] = offset;
        return sql.text("""
                SELECT p.answer || jsonb_build_object('%1$s', p.items, 'count', jsonb_array_length(p.items),
                    'page', list_page_position(p.off, p.lim, jsonb_array_length(p.items), p.total))
                FROM (SELECT a.answer, x.lim, x.off, jsonb_array_length(a.answer -> '%1$s') AS total,
                             coalesce((SELECT jsonb_agg(l.item ORDER BY l.n)
                                       FROM jsonb_array_elements(a.answer -> '%1$s') WITH ORDINALITY AS l(item, n)
                                       WHERE l.n > x.off AND l.n <= x.off + x.lim), '[]'::jsonb) AS items
                      FROM (%2$s) AS a(answer), (SELECT ?::int AS lim, ?::int AS off) AS x) AS p
                """.formatted(listField, query), all);
    }
}
