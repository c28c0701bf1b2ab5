package io.mcpwriting.domain;

import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.tool.JsonText;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

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

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

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
                    'page', jsonb_build_object('offset', p.off, 'limit', p.lim, 'total', p.total, 'next_offset',
                        CASE WHEN p.off + jsonb_array_length(p.items) < p.total AND jsonb_array_length(p.items) > 0
                             THEN p.off + jsonb_array_length(p.items) END))
                FROM (SELECT a.answer, x.lim, x.off, jsonb_array_length(a.answer -> '%1$s') AS total,
                             coalesce((SELECT jsonb_agg(l.item ORDER BY l.n)
                                       FROM jsonb_array_elements(a.answer -> '%1$s') WITH ORDINALITY AS l(item, n)
                                       WHERE l.n > x.off AND l.n <= x.off + x.lim), '[]'::jsonb) AS items
                      FROM (%2$s) AS a(answer), (SELECT ?::int AS lim, ?::int AS off) AS x) AS p
                """.formatted(listField, query), all);
    }

    /**
     * The answer for a page the query already cut ({@code ORDER BY ... LIMIT ? OFFSET ?}, see
     * {@link #LIMIT_OFFSET}): {@code json} holds that page's items under {@code listField} and the length of the
     * whole list under {@code "total"}. For the lists that grow with the whole database (authors, series).
     */
    public static JsonText cut(String json, String listField, int limit, int offset) {
        Map<String, Object> answer = read(json);
        int total = ((Number) answer.remove("total")).intValue();
        return answer(answer, listField, (List<?>) answer.get(listField), limit, offset, total);
    }

    /** What a query paged by {@link #cut} ends with; binds the limit, then the offset. */
    public static final String LIMIT_OFFSET = " LIMIT ? OFFSET ?";

    private static Map<String, Object> read(String json) {
        return MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {
        });
    }

    private static JsonText answer(Map<String, Object> answer, String listField, List<?> page, int limit, int offset,
            int total) {
        int next = offset + page.size();
        answer.put(listField, page);
        answer.put("count", page.size());
        Map<String, Object> position = new LinkedHashMap<>();
        position.put("offset", offset);
        position.put("limit", limit);
        position.put("total", total);
        position.put("next_offset", next < total && !page.isEmpty() ? next : null);
        answer.put("page", position);
        return new JsonText(MAPPER.writeValueAsString(answer));
    }
}
