package io.mcpwriting.domain.structure;

import io.mcpwriting.mcp.db.Sql;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a set of {@link StructureCheck}s over one book in a single statement and returns the report as JSON:
 * what was checked (every check with its description and finding count), the findings at or above a severity
 * threshold, a summary, and any sections (placements, curves, tables) the calling tool asks for.
 *
 * <p>Every check and section reads these common expressions: {@code p} (book_id, only_chapters), {@code book},
 * {@code all_ch} (all chapters of the book with their {@code ordinal} and {@code chapter_total}), {@code ch} (the
 * chapters in scope), {@code sc} (their scenes, with chapter number and ordinals), {@code pres} (their presence
 * records) and {@code appear} (which characters are on the page in which chapter). SQL text comes only from code
 * constants; every value is a bound parameter.
 */
final class BookAnalysis {

    private static final String COMMON = """
            p AS (SELECT ?::int AS book_id, ?::int[] AS only_chapters),
            book AS (SELECT b.* FROM books b JOIN p ON b.id = p.book_id),
            all_ch AS (SELECT c.*, row_number() OVER (ORDER BY c.chapter_number)::int AS ordinal,
                              count(*) OVER ()::int AS chapter_total
                       FROM chapters c JOIN p ON c.book_id = p.book_id),
            ch AS (SELECT a.* FROM all_ch a, p WHERE p.only_chapters IS NULL OR a.id = ANY (p.only_chapters)),
            sc AS (SELECT s.*, ch.chapter_number, ch.ordinal AS chapter_ordinal, ch.chapter_total,
                          row_number() OVER (PARTITION BY s.chapter_id ORDER BY s.scene_number)::int AS scene_ordinal,
                          count(*) OVER (PARTITION BY s.chapter_id)::int AS scene_total
                   FROM chapter_scenes s JOIN ch ON ch.id = s.chapter_id),
            pres AS (SELECT pr.* FROM character_chapter_presence pr JOIN ch ON ch.id = pr.chapter_id),
            appear AS (SELECT pr.chapter_id, pr.character_id FROM pres pr WHERE pr.presence_type <> 'mentioned'
                       UNION
                       SELECT sc.chapter_id, sc.pov_character_id FROM sc WHERE sc.pov_character_id IS NOT NULL
                       UNION
                       SELECT sc.chapter_id, u.id FROM sc, unnest(sc.scene_participants) AS u(id))""";

    private static final String FINDING_JSON = """
            jsonb_strip_nulls(jsonb_build_object(
                'check', f.check_name, 'category', f.category, 'severity', f.severity,
                'chapter_id', f.chapter_id, 'chapter_number', fc.chapter_number,
                'scene_id', f.scene_id, 'scene_number', fs.scene_number,
                'character_id', f.character_id, 'character_name', fp.name,
                'message', f.message))""";

    /** A named part of the report: a scalar SQL expression over the common expressions, without parameters. */
    record Section(String key, String sql) {
    }

    private final int bookId;
    private final List<Integer> chapterIds;
    private final List<Object> header = new ArrayList<>();
    private final List<String> ctes = new ArrayList<>();
    private final List<Object> cteParams = new ArrayList<>();
    private final List<StructureCheck> checks = new ArrayList<>();
    private final List<String> categories = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();
    private Severity threshold = Severity.INFO;
    private String listKey = "findings";

    BookAnalysis(int bookId, List<Integer> chapterIds) {
        this.bookId = bookId;
        this.chapterIds = chapterIds == null || chapterIds.isEmpty() ? null : chapterIds;
    }

    /** A top-level field of the report (null values are left out). */
    BookAnalysis header(String key, Object value) {
        if (value != null) {
            header.add(key);
            header.add(value);
        }
        return this;
    }

    /** More named expressions ({@code name AS (...)}, comma-separated) and their parameters, in order. */
    BookAnalysis with(String namedExpressions, Object... params) {
        ctes.add(namedExpressions);
        cteParams.addAll(List.of(params));
        return this;
    }

    BookAnalysis checks(List<StructureCheck> more) {
        for (StructureCheck check : more) {
            check(check, null);
        }
        return this;
    }

    /** A check whose findings carry a category (e.g. the violation type it was asked for), or none. */
    BookAnalysis check(StructureCheck check, String category) {
        checks.add(check);
        categories.add(category);
        return this;
    }

    BookAnalysis section(String key, String expression) {
        sections.add(new Section(key, expression));
        return this;
    }

    /** Findings below this severity are counted but not listed. */
    BookAnalysis threshold(Severity minimum) {
        threshold = minimum;
        return this;
    }

    /** The key under which findings are listed. */
    BookAnalysis listedAs(String key) {
        listKey = key;
        return this;
    }

    String run(Sql sql) throws SQLException {
        io.mcpwriting.mcp.tool.ClientChannel.current().progress(0, 1.0, checks.size() + " checks of book " + bookId);
        String result = analysis(sql);
        io.mcpwriting.mcp.tool.ClientChannel.current().progress(1, 1.0, "checked");
        return result;
    }

    /** All checks in one statement, so that they read one snapshot of the book. */
    private String analysis(Sql sql) throws SQLException {
        StringBuilder query = new StringBuilder("WITH ").append(COMMON);
        List<Object> params = new ArrayList<>(List.of(bookId));
        params.add(chapterIds);
        for (String cte : ctes) {
            query.append(",\n").append(cte);
        }
        params.addAll(cteParams);

        query.append(",\nfindings (check_name, severity, chapter_id, scene_id, character_id, message) AS (\n");
        if (checks.isEmpty()) {
            query.append("SELECT NULL::text, NULL::text, NULL::int, NULL::int, NULL::int, NULL::text WHERE false");
        }
        List<String> names = new ArrayList<>();
        List<String> severities = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            StructureCheck check = checks.get(i);
            query.append(i == 0 ? "" : "\nUNION ALL\n")
                    .append("SELECT ?::text, ?::text, f.chapter_id::int, f.scene_id::int, f.character_id::int, ")
                    .append("f.message::text FROM (\n").append(check.sql())
                    .append("\n) AS f(chapter_id, scene_id, character_id, message)");
            params.add(check.name());
            params.add(check.severity().wire());
            names.add(check.name());
            severities.add(check.severity().wire());
            descriptions.add(check.description());
        }
        query.append("""
                ),
                meta AS (SELECT m.* FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY
                                         AS m(check_name, severity, description, category, ord)),
                ranked AS (SELECT f.*, m.category,
                                  array_position(ARRAY['info', 'warning', 'error'], f.severity) >= ? AS reported
                           FROM findings f JOIN meta m ON m.check_name = f.check_name)
                SELECT jsonb_build_object(""");
        params.add(names);
        params.add(severities);
        params.add(descriptions);
        params.add(categories);
        params.add(threshold.ordinal() + 1);
        for (int i = 0; i < header.size(); i += 2) {
            query.append(i == 0 ? "" : ", ").append("?::text, ?");
            params.add(header.get(i));
            params.add(header.get(i + 1));
        }
        query.append(") || jsonb_build_object(\n")
                .append("'book_id', (SELECT id FROM book), 'book_title', (SELECT title FROM book),\n")
                .append("'scope', jsonb_build_object('chapters_in_book', (SELECT count(*) FROM all_ch), ")
                .append("'chapters_checked', (SELECT count(*) FROM ch), 'scenes_checked', (SELECT count(*) FROM sc)),\n")
                .append("""
                        'checks', coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object('check', m.check_name,
                                      'category', m.category, 'severity', m.severity, 'description', m.description,
                                      'findings', (SELECT count(*) FROM ranked r WHERE r.check_name = m.check_name),
                                      'listed', (SELECT count(*) FROM ranked r
                                                 WHERE r.check_name = m.check_name AND r.reported)))
                                      ORDER BY m.ord) FROM meta m), '[]'::jsonb),
                        ?::text, coalesce((SELECT jsonb_agg(""").append(FINDING_JSON).append("""
                                      ORDER BY fc.chapter_number NULLS FIRST, fs.scene_number NULLS FIRST,
                                               array_position(ARRAY['error', 'warning', 'info'], f.severity),
                                               f.check_name, f.message)
                                  FROM ranked f
                                  LEFT JOIN chapters fc ON fc.id = f.chapter_id
                                  LEFT JOIN chapter_scenes fs ON fs.id = f.scene_id
                                  LEFT JOIN characters fp ON fp.id = f.character_id
                                  WHERE f.reported), '[]'::jsonb),
                        'summary', (SELECT jsonb_build_object(
                                        'errors', count(*) FILTER (WHERE severity = 'error' AND reported),
                                        'warnings', count(*) FILTER (WHERE severity = 'warning' AND reported),
                                        'info', count(*) FILTER (WHERE severity = 'info' AND reported),
                                        'total', count(*) FILTER (WHERE reported),
                                        'below_threshold', count(*) FILTER (WHERE NOT reported))
                                    FROM ranked))""");
        params.add(listKey);
        for (Section section : sections) {
            query.append("\n|| jsonb_build_object(?::text, (").append(section.sql()).append("))");
            params.add(section.key());
        }
        return sql.text(query.toString(), params.toArray());
    }
}
