package io.mcpwriting.domain.world;

import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.ClientChannel;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * World consistency of a series from the stored data: the tracked usage of locations, organizations and
 * world elements in books, where the manuscript names them, how they refer to each other, and when
 * characters are on the page compared with their first and last appearance books.
 */
@ApplicationScoped
public class WorldConsistencyTools {

    /** The checks, in the order they run, by the names check_type accepts. */
    private static final Map<String, String> CHECKS = Map.of(
            "usage", """
                    , findings AS (
                        SELECT 'warning' AS severity, u.book_number, u.chapter_number,
                               format('Usage %s (book %s) has element_type "%s", which is none of location, '
                                      || 'organization, world_element', u.id, u.book_number, u.element_type) AS message,
                               jsonb_build_object('usage_id', u.id) AS refs
                        FROM usage u WHERE u.kind IS NULL
                        UNION ALL
                        SELECT 'error', u.book_number, u.chapter_number,
                               format('Usage %s (book %s) refers to %s %s, which does not exist', u.id, u.book_number,
                                      u.kind, u.element_id),
                               jsonb_build_object('usage_id', u.id, 'element_id', u.element_id)
                        FROM usage u WHERE u.kind IS NOT NULL AND u.element_name IS NULL
                        UNION ALL
                        SELECT 'error', u.book_number, u.chapter_number,
                               format('%s "%s" of series %s is used in book %s "%s", which belongs to series %s',
                                      initcap(replace(u.kind, '_', ' ')), u.element_name, u.element_series_id,
                                      u.book_number, u.book_title, u.book_series_id),
                               jsonb_build_object('usage_id', u.id, 'element_id', u.element_id, 'book_id', u.book_id)
                        FROM usage u WHERE u.element_series_id <> u.book_series_id
                        UNION ALL
                        SELECT 'error', u.book_number, u.chapter_number,
                               format('Usage %s of %s "%s" names chapter %s, which is not a chapter of book %s "%s"',
                                      u.id, replace(u.kind, '_', ' '), u.element_name, u.chapter_id, u.book_number,
                                      u.book_title),
                               jsonb_build_object('usage_id', u.id, 'chapter_id', u.chapter_id, 'book_id', u.book_id)
                        FROM usage u WHERE u.chapter_id IS NOT NULL AND u.chapter_book_id IS DISTINCT FROM u.book_id
                        UNION ALL
                        SELECT 'info', NULL, NULL,
                               format('%s "%s" is defined but no usage in any book is tracked',
                                      initcap(replace(e.kind, '_', ' ')), e.name),
                               jsonb_build_object('element_id', e.id, 'kind', e.kind)
                        FROM elements e WHERE e.series_id = (SELECT sid FROM params)
                          AND NOT EXISTS (SELECT 1 FROM usage u WHERE u.kind = e.kind AND u.element_id = e.id))
                    SELECT jsonb_build_object('check', 'usage',
                        'description', 'Every tracked usage (world_element_usage) in the series'' books or of its '
                            || 'elements: the element exists, belongs to the book''s series, and the chapter is in that '
                            || 'book; elements never used are noted.',
                        'compared', (SELECT count(*) FROM usage) + (SELECT count(*) FROM elements
                                                                     WHERE series_id = (SELECT sid FROM params)),
                        'findings', coalesce((SELECT jsonb_agg(jsonb_build_object('severity', severity, 'check', 'usage',
                                         'book_number', book_number, 'chapter_number', chapter_number,
                                         'message', message) || refs) FROM findings), '[]'::jsonb))
                    """,
            "first_appearance", """
                    , first_usage AS (
                        SELECT u.kind, u.element_id, min(u.pos) AS pos
                        FROM usage u WHERE u.book_series_id = (SELECT sid FROM params) GROUP BY u.kind, u.element_id),
                    -- Scene text names an element when its name stands there as whole words, in any case (the regular
                    -- expression in text_named decides). The text is read once for all names: each scene is folded to
                    -- one case with every run of characters that are neither word characters nor spaces made one space,
                    -- and a name is looked for only in the scenes holding its longest word, as the same folding of it
                    -- between spaces; a true match always passes that test, so only its passes are checked.
                    text_names AS (
                        SELECT e.kind, e.id, ' ' || f.words || ' ' AS words,
                               (SELECT w FROM string_to_table(f.words, ' ') w ORDER BY length(w) DESC, w LIMIT 1) AS anchor
                        FROM elements e
                        CROSS JOIN LATERAL (SELECT regexp_replace(lower(upper(btrim(e.name))), '[^[:alnum:]_ ]+', ' ', 'g')
                                                   AS words) f
                        WHERE e.series_id = (SELECT sid FROM params) AND length(btrim(e.name)) >= 3),
                    -- the names by their longest word, as one jsonb object: a key is found by binary search, and the
                    -- scenes need no join the planner could turn into one pass over the text per name
                    name_index AS (
                        SELECT jsonb_object_agg(anchor, names) AS by_anchor
                        FROM (SELECT anchor, jsonb_agg(jsonb_build_object('kind', kind, 'id', id, 'words', words)) AS names
                              FROM text_names WHERE anchor <> '' GROUP BY anchor) x),
                    -- per name, the scenes that pass, in story order (OFFSET 0 folds each scene once, not once per use)
                    text_candidates AS (
                        SELECT e.kind, e.id, e.name, c.scenes
                        FROM (SELECT n.name ->> 'kind' AS kind, (n.name ->> 'id')::int AS id,
                                     array_agg(sc.id ORDER BY cp.pos, sc.id) AS scenes
                              FROM chapter_pos cp JOIN chapter_scenes sc ON sc.chapter_id = cp.chapter_id
                              CROSS JOIN LATERAL (SELECT ' ' || regexp_replace(lower(upper(sc.scene_content)),
                                                                               '[^[:alnum:]_ ]+', ' ', 'g') || ' ' AS words
                                                  OFFSET 0) f
                              CROSS JOIN LATERAL (SELECT DISTINCT w FROM string_to_table(f.words, ' ') w
                                                  WHERE (SELECT by_anchor FROM name_index) -> w IS NOT NULL) a
                              CROSS JOIN LATERAL jsonb_array_elements((SELECT by_anchor FROM name_index) -> a.w) n(name)
                              WHERE coalesce(sc.writing_status, '') <> 'cut' AND strpos(f.words, n.name ->> 'words') > 0
                              GROUP BY 1, 2) c
                        JOIN elements e ON e.kind = c.kind AND e.id = c.id),
                    -- per name, the first of its scenes that names it: checked in story order, up to the first match
                    text_named AS (
                        SELECT * FROM (
                            WITH RECURSIVE walk(kind, id, name, scenes, i, named) AS (
                                SELECT kind, id, name, scenes, 0, false FROM text_candidates
                                UNION ALL
                                SELECT w.kind, w.id, w.name, w.scenes, w.i + 1,
                                       EXISTS (SELECT 1 FROM chapter_scenes sc
                                               WHERE sc.id = w.scenes[w.i + 1]
                                                 AND strpos(lower(sc.scene_content), lower(btrim(w.name))) > 0
                                                 AND sc.scene_content ~* ('\\m'
                                                     || regexp_replace(btrim(w.name), '([.^$*+?()\\[\\]{}|\\\\-])',
                                                                       '\\\\\\1', 'g')
                                                     || '\\M'))
                                FROM walk w WHERE NOT w.named AND w.i < cardinality(w.scenes))
                            SELECT kind, id, name, scenes[i] AS scene_id FROM walk WHERE named) x),
                    named AS (
                        SELECT e.kind, e.id, e.name, cp.pos, cp.book_number, cp.chapter_number, cp.chapter_id,
                               'chapter location' AS source
                        FROM elements e JOIN chapter_pos cp ON true
                        JOIN chapters ch ON ch.id = cp.chapter_id
                        WHERE e.kind = 'location' AND e.series_id = (SELECT sid FROM params)
                          AND (lower(btrim(ch.primary_location)) = lower(btrim(e.name))
                               OR lower(btrim(e.name)) IN (SELECT lower(btrim(x)) FROM unnest(ch.secondary_locations) x))
                        UNION ALL
                        SELECT e.kind, e.id, e.name, cp.pos, cp.book_number, cp.chapter_number, cp.chapter_id,
                               'scene location'
                        FROM elements e JOIN chapter_scenes sc ON lower(btrim(sc.location)) = lower(btrim(e.name))
                        JOIN chapter_pos cp ON cp.chapter_id = sc.chapter_id
                        WHERE e.kind = 'location' AND e.series_id = (SELECT sid FROM params)
                          AND coalesce(sc.writing_status, '') <> 'cut'
                        UNION ALL
                        SELECT t.kind, t.id, t.name, cp.pos, cp.book_number, cp.chapter_number, cp.chapter_id,
                               'scene text'
                        FROM text_named t JOIN chapter_scenes sc ON sc.id = t.scene_id
                        JOIN chapter_pos cp ON cp.chapter_id = sc.chapter_id),
                    first_named AS (
                        SELECT DISTINCT ON (kind, id) * FROM named ORDER BY kind, id, pos, source),
                    -- characters by the chapters where they are on the page: presence, scene POV or participation
                    -- (not in cut scenes), chapter POV
                    on_page AS (
                        SELECT c.id, c.name, cp.pos, cp.book_number, cp.chapter_number,
                               fb.book_number AS first_book, lb.book_number AS last_book
                        FROM characters c
                        LEFT JOIN books fb ON fb.id = c.first_appearance_book_id
                        LEFT JOIN books lb ON lb.id = c.last_appearance_book_id
                        JOIN (SELECT p.character_id, p.chapter_id
                              FROM chapter_pos cp JOIN character_chapter_presence p ON p.chapter_id = cp.chapter_id
                              WHERE p.presence_type NOT IN ('mentioned', 'flashback', 'dream')
                              UNION
                              SELECT x.character_id, sc.chapter_id
                              FROM chapter_pos cp JOIN chapter_scenes sc ON sc.chapter_id = cp.chapter_id
                              CROSS JOIN LATERAL unnest(sc.pov_character_id || sc.scene_participants) x(character_id)
                              WHERE coalesce(sc.writing_status, '') <> 'cut'
                              UNION
                              SELECT ch.pov_character_id, ch.id
                              FROM chapter_pos cp JOIN chapters ch ON ch.id = cp.chapter_id) seen ON seen.character_id = c.id
                        JOIN chapter_pos cp ON cp.chapter_id = seen.chapter_id
                        WHERE c.series_id = (SELECT sid FROM params) AND (fb.id IS NOT NULL OR lb.id IS NOT NULL)),
                    out_of_span AS (
                        SELECT DISTINCT ON (o.id, o.book_number < o.first_book) o.*
                        FROM on_page o
                        WHERE o.book_number < o.first_book OR o.book_number > o.last_book
                        ORDER BY o.id, o.book_number < o.first_book, o.pos),
                    findings AS (
                        SELECT CASE WHEN fu.pos IS NULL THEN 'info' ELSE 'warning' END AS severity,
                               n.book_number, n.chapter_number,
                               CASE WHEN fu.pos IS NULL
                                    THEN format('%s "%s" appears in book %s, chapter %s (%s), but no usage of it is tracked',
                                                initcap(replace(n.kind, '_', ' ')), n.name, n.book_number,
                                                n.chapter_number, n.source)
                                    ELSE format('%s "%s" appears in book %s, chapter %s (%s), before its first tracked '
                                                || 'usage in book %s%s', initcap(replace(n.kind, '_', ' ')), n.name,
                                                n.book_number, n.chapter_number, n.source, fu.pos / 1000000,
                                                CASE WHEN fu.pos % 1000000 = 0 THEN ''
                                                     ELSE ', chapter ' || fu.pos % 1000000 END) END AS message,
                               jsonb_build_object('element_id', n.id, 'kind', n.kind, 'chapter_id', n.chapter_id) AS refs
                        FROM first_named n
                        LEFT JOIN first_usage fu ON fu.kind = n.kind AND fu.element_id = n.id
                        WHERE fu.pos IS NULL OR n.pos < fu.pos
                        UNION ALL
                        SELECT CASE WHEN o.book_number < o.first_book THEN 'error' ELSE 'warning' END,
                               o.book_number, o.chapter_number,
                               CASE WHEN o.book_number < o.first_book
                                    THEN format('Character "%s" is on the page in book %s, chapter %s, but first appears '
                                                || 'in book %s', o.name, o.book_number, o.chapter_number, o.first_book)
                                    ELSE format('Character "%s" is on the page in book %s, chapter %s, after their last '
                                                || 'appearance in book %s', o.name, o.book_number, o.chapter_number,
                                                o.last_book) END,
                               jsonb_build_object('character_id', o.id)
                        FROM out_of_span o)
                    SELECT jsonb_build_object('check', 'first_appearance',
                        'description', 'Where the manuscript first names each location, organization and world element '
                            || '(chapter and scene locations, whole-word matches in scene text) compared with its first '
                            || 'tracked usage; and chapters where characters are on the page (presence, scenes, POV) '
                            || 'compared with their first and last appearance books.',
                        'compared', (SELECT count(*) FROM first_named)
                                    + (SELECT count(DISTINCT id) FROM on_page),
                        'findings', coalesce((SELECT jsonb_agg(jsonb_build_object('severity', severity,
                                         'check', 'first_appearance', 'book_number', book_number,
                                         'chapter_number', chapter_number, 'message', message) || refs) FROM findings),
                                         '[]'::jsonb))
                    """,
            "references", """
                    , location_walk AS (
                        SELECT * FROM (
                            WITH RECURSIVE walk(start_id, id, path) AS (
                                SELECT l.id, l.parent_location_id, ARRAY[l.id]
                                FROM locations l
                                WHERE l.series_id = (SELECT sid FROM params) AND l.parent_location_id IS NOT NULL
                                UNION ALL
                                SELECT w.start_id, p.parent_location_id, w.path || w.id
                                FROM walk w JOIN locations p ON p.id = w.id
                                WHERE w.id <> w.start_id AND NOT w.id = ANY (w.path) AND p.parent_location_id IS NOT NULL)
                            SELECT start_id, path FROM walk WHERE id = start_id) x),
                    organization_walk AS (
                        SELECT * FROM (
                            WITH RECURSIVE walk(start_id, id, path) AS (
                                SELECT o.id, o.parent_organization_id, ARRAY[o.id]
                                FROM organizations o WHERE o.series_id = (SELECT sid FROM params)
                                  AND o.parent_organization_id IS NOT NULL
                                UNION ALL
                                SELECT w.start_id, p.parent_organization_id, w.path || w.id
                                FROM walk w JOIN organizations p ON p.id = w.id
                                WHERE w.id <> w.start_id AND NOT w.id = ANY (w.path) AND p.parent_organization_id IS NOT NULL)
                            SELECT start_id, path FROM walk WHERE id = start_id) x),
                    findings AS (
                        SELECT 'error' AS severity, format('Location "%s" is inside itself: the parent chain %s loops',
                               l.name, (SELECT string_agg(n.name, ' > ' ORDER BY i.ord)
                                        FROM unnest(w.path) WITH ORDINALITY AS i(id, ord) JOIN locations n ON n.id = i.id))
                               AS message, jsonb_build_object('location_id', l.id) AS refs
                        FROM location_walk w JOIN locations l ON l.id = w.start_id
                        WHERE w.start_id = (SELECT min(x) FROM unnest(w.path) x)
                        UNION ALL
                        SELECT 'error', format('Organization "%s" is part of itself: the parent chain %s loops', o.name,
                               (SELECT string_agg(n.name, ' > ' ORDER BY i.ord)
                                FROM unnest(w.path) WITH ORDINALITY AS i(id, ord) JOIN organizations n ON n.id = i.id)),
                               jsonb_build_object('organization_id', o.id)
                        FROM organization_walk w JOIN organizations o ON o.id = w.start_id
                        WHERE w.start_id = (SELECT min(x) FROM unnest(w.path) x)
                        UNION ALL
                        SELECT 'error', format('Location "%s" has parent location "%s" from another series (%s)', l.name,
                               p.name, p.series_id), jsonb_build_object('location_id', l.id, 'parent_location_id', p.id)
                        FROM locations l JOIN locations p ON p.id = l.parent_location_id
                        WHERE l.series_id = (SELECT sid FROM params) AND p.series_id <> l.series_id
                        UNION ALL
                        SELECT 'error', format('Organization "%s" has parent organization "%s" from another series (%s)',
                               o.name, p.name, p.series_id),
                               jsonb_build_object('organization_id', o.id, 'parent_organization_id', p.id)
                        FROM organizations o JOIN organizations p ON p.id = o.parent_organization_id
                        WHERE o.series_id = (SELECT sid FROM params) AND p.series_id <> o.series_id
                        UNION ALL
                        SELECT 'error', format('Organization "%s" has its headquarters at "%s", a location of another '
                               || 'series (%s)', o.name, l.name, l.series_id),
                               jsonb_build_object('organization_id', o.id, 'location_id', l.id)
                        FROM organizations o JOIN locations l ON l.id = o.headquarters_location_id
                        WHERE o.series_id = (SELECT sid FROM params) AND l.series_id <> o.series_id
                        UNION ALL
                        SELECT 'error', format('World element "%s" belongs to world system "%s" of another series (%s)',
                               e.name, ws.system_name, ws.series_id),
                               jsonb_build_object('world_element_id', e.id, 'system_id', ws.id)
                        FROM world_elements e JOIN world_systems ws ON ws.id = e.system_id
                        WHERE e.series_id = (SELECT sid FROM params) AND ws.series_id IS DISTINCT FROM e.series_id)
                    SELECT jsonb_build_object('check', 'references',
                        'description', 'How the series'' world refers to itself: location and organization parent chains '
                            || 'without loops, parents, headquarters and world systems from the same series.',
                        'compared', (SELECT count(*) FROM locations WHERE series_id = (SELECT sid FROM params))
                                    + (SELECT count(*) FROM organizations WHERE series_id = (SELECT sid FROM params))
                                    + (SELECT count(*) FROM world_elements WHERE series_id = (SELECT sid FROM params)),
                        'findings', coalesce((SELECT jsonb_agg(jsonb_build_object('severity', severity,
                                         'check', 'references', 'message', message) || refs) FROM findings), '[]'::jsonb))
                    """,
            "duplicates", """
                    , dupes AS (
                        SELECT e.kind, min(e.name) AS name, jsonb_agg(e.id ORDER BY e.id) AS ids,
                               string_agg(e.id::text, ', ' ORDER BY e.id) AS id_list, count(*) AS n
                        FROM elements e WHERE e.series_id = (SELECT sid FROM params)
                        GROUP BY e.kind, lower(btrim(e.name)) HAVING count(*) > 1)
                    SELECT jsonb_build_object('check', 'duplicates',
                        'description', 'Locations, organizations and world elements of the series that share a name '
                            || '(case-insensitive) within their kind, which makes references to them ambiguous.',
                        'compared', (SELECT count(*) FROM elements WHERE series_id = (SELECT sid FROM params)),
                        'findings', coalesce((SELECT jsonb_agg(jsonb_build_object('severity', 'warning',
                                         'check', 'duplicates', 'kind', kind, 'ids', ids,
                                         'message', format('%s %s records are named "%s" (ids %s)', n,
                                                           replace(kind, '_', ' '), name, id_list))) FROM dupes), '[]'::jsonb))
                    """);

    private static final List<String> ORDER = List.of("usage", "first_appearance", "references", "duplicates");

    /** Parameters, the series' chapters in story order, its world elements of every kind, its usages. */
    private static final String BASE = """
            WITH params AS (SELECT ?::int AS sid),
            chapter_pos AS (
                SELECT ch.id AS chapter_id, ch.chapter_number, b.id AS book_id, b.book_number,
                       b.book_number::bigint * 1000000 + ch.chapter_number AS pos
                FROM chapters ch JOIN books b ON b.id = ch.book_id WHERE b.series_id = (SELECT sid FROM params)),
            elements AS (
                SELECT 'location' AS kind, id, series_id, name FROM locations
                UNION ALL SELECT 'organization', id, series_id, name FROM organizations
                UNION ALL SELECT 'world_element', id, series_id, name FROM world_elements),
            usage AS (
                SELECT u.id, u.element_type, u.element_id, u.book_id, u.chapter_id, k.kind,
                       b.series_id AS book_series_id, b.book_number, b.title AS book_title,
                       ch.book_id AS chapter_book_id, ch.chapter_number,
                       b.book_number::bigint * 1000000 + CASE WHEN ch.book_id = u.book_id THEN ch.chapter_number ELSE 0 END
                           AS pos,
                       e.name AS element_name, e.series_id AS element_series_id
                FROM world_element_usage u
                JOIN books b ON b.id = u.book_id
                LEFT JOIN chapters ch ON ch.id = u.chapter_id
                CROSS JOIN LATERAL (SELECT CASE lower(btrim(u.element_type))
                                               WHEN 'location' THEN 'location' WHEN 'locations' THEN 'location'
                                               WHEN 'organization' THEN 'organization'
                                               WHEN 'organizations' THEN 'organization'
                                               WHEN 'organisation' THEN 'organization'
                                               WHEN 'world_element' THEN 'world_element'
                                               WHEN 'world_elements' THEN 'world_element'
                                               WHEN 'element' THEN 'world_element' END AS kind) k
                LEFT JOIN elements e ON e.kind = k.kind AND e.id = u.element_id
                WHERE b.series_id = (SELECT sid FROM params) OR e.series_id = (SELECT sid FROM params))
            """;

    private static final List<String> SEVERITIES = List.of("info", "warning", "error");

    @Inject
    Db db;

    @Tool(name = "check_world_consistency", description = "Check the world of a series for real inconsistencies in "
            + "the stored data. check_type: usage (tracked usages point at existing elements of the book's series and "
            + "at chapters of that book; unused elements noted), first_appearance (a location, organization or world "
            + "element named in the manuscript before its first tracked usage; characters on the page before their "
            + "first or after their last appearance book), references (location/organization parent loops, parents, "
            + "headquarters or world systems from another series), duplicates (names used twice within a kind), or "
            + "all (default). severity_threshold (info, warning or error; default info) leaves out findings below it. "
            + "The result says what each check compared.", readOnly = true)
    public JsonText checkWorldConsistency(
            @Arg(value = "series_id", required = true, description = "Series to check") int seriesId,
            @Arg(value = "check_type", description = "usage, first_appearance, references, duplicates or all "
                    + "(default all)") String checkType,
            @Arg(value = "severity_threshold", description = "Lowest severity reported: info, warning or error "
                    + "(default info)") String severityThreshold) {
        String type = checkType == null ? "all" : checkType.strip().toLowerCase(Locale.ROOT);
        if (!type.equals("all") && !CHECKS.containsKey(type)) {
            throw ToolException.invalid("check_type", "unknown check '" + checkType + "'; use one of "
                    + String.join(", ", ORDER) + ", all");
        }
        String threshold = severityThreshold == null ? "info" : severityThreshold.strip().toLowerCase(Locale.ROOT);
        if (!SEVERITIES.contains(threshold)) {
            throw ToolException.invalid("severity_threshold", "unknown severity '" + severityThreshold
                    + "'; use info, warning or error");
        }
        return new JsonText(db.read(sql -> {
            sql.requireRow("series", seriesId, "series");
            List<String> results = new ArrayList<>();
            List<String> run = ORDER.stream().filter(check -> type.equals("all") || type.equals(check)).toList();
            for (String check : run) {
                ClientChannel.current().progress(results.size(), (double) run.size(), "check " + check);
                results.add(sql.text(BASE + CHECKS.get(check), seriesId));
            }
            return sql.text("""
                    WITH checks AS (SELECT value AS c FROM jsonb_array_elements(?::jsonb)),
                    levels AS (SELECT * FROM (VALUES ('info', 1), ('warning', 2), ('error', 3)) AS v(severity, rank)),
                    findings AS (SELECT e.f, l.rank FROM checks, jsonb_array_elements(c -> 'findings') AS e(f)
                                 JOIN levels l ON l.severity = e.f ->> 'severity'),
                    kept AS (SELECT f, rank FROM findings WHERE rank >= (SELECT rank FROM levels WHERE severity = ?))
                    SELECT jsonb_build_object(
                        'series_id', s.id, 'series_title', s.title, 'check_type', ?::text, 'severity_threshold', ?::text,
                        'checks', coalesce((SELECT jsonb_agg((c - 'findings') || jsonb_build_object('finding_count',
                                            jsonb_array_length(c -> 'findings'))) FROM checks), '[]'::jsonb),
                        'findings', coalesce((SELECT jsonb_agg(f ORDER BY rank DESC,
                                                               (f ->> 'book_number')::int NULLS FIRST,
                                                               (f ->> 'chapter_number')::int NULLS FIRST) FROM kept),
                                             '[]'::jsonb),
                        'summary', jsonb_build_object(
                            'errors', (SELECT count(*) FROM findings WHERE f ->> 'severity' = 'error'),
                            'warnings', (SELECT count(*) FROM findings WHERE f ->> 'severity' = 'warning'),
                            'notes', (SELECT count(*) FROM findings WHERE f ->> 'severity' = 'info'),
                            'reported', (SELECT count(*) FROM kept),
                            'below_threshold', (SELECT count(*) FROM findings) - (SELECT count(*) FROM kept)),
                        'consistent', NOT EXISTS (SELECT 1 FROM findings WHERE rank >= 2))
                    FROM series s WHERE s.id = ?""",
                    "[" + String.join(",", results) + "]", threshold, type, threshold, seriesId);
        }));
    }
}
