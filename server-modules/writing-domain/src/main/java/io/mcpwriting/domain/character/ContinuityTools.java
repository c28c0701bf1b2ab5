package io.mcpwriting.domain.character;

import io.mcpwriting.domain.StoredJson;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Character continuity between two chapters of a series, from what is stored: the per-chapter presence
 * records (physical and emotional state, what the character learns and reveals), the knowledge records,
 * the scenes the character is in and their locations. Chapters are compared in story order (book number,
 * then chapter number), so a range may span books.
 */
@ApplicationScoped
public class ContinuityTools {

    /**
     * Parameters, then every chapter of the series with its story position. Each check query starts with
     * this and binds (series id, character id, from position, to position).
     */
    private static final String BASE = """
            WITH params AS (SELECT ?::int AS series_id, ?::int AS cid, ?::bigint AS from_pos, ?::bigint AS to_pos),
            chapter_pos AS (
                SELECT ch.id AS chapter_id, ch.chapter_number, ch.title AS chapter_title, b.id AS book_id,
                       b.book_number, b.book_number::bigint * 1000000 + ch.chapter_number AS pos,
                       ch.primary_location, ch.pov_character_id
                FROM chapters ch JOIN books b ON b.id = ch.book_id
                WHERE b.series_id = (SELECT series_id FROM params)),
            """;

    /** Presence types in which the character is not on the page in the story's present. */
    private static final String OFF_PAGE = "('mentioned', 'flashback', 'dream')";

    /** Physical or emotional state: consecutive appearances whose recorded state differs. */
    private static final String STATE_CHECK = BASE + """
            appearances AS (
                SELECT cp.*, p.%1$s AS state
                FROM character_chapter_presence p JOIN chapter_pos cp ON cp.chapter_id = p.chapter_id
                WHERE p.character_id = (SELECT cid FROM params)
                  AND cp.pos BETWEEN (SELECT from_pos FROM params) AND (SELECT to_pos FROM params)
                  AND p.presence_type NOT IN %2$s AND nullif(btrim(p.%1$s), '') IS NOT NULL),
            pairs AS (
                SELECT a.*, lag(a.state) OVER w AS prev_state, lag(a.pos) OVER w AS prev_pos,
                       lag(a.chapter_id) OVER w AS prev_chapter_id, lag(a.book_number) OVER w AS prev_book_number,
                       lag(a.chapter_number) OVER w AS prev_chapter_number
                FROM appearances a WINDOW w AS (ORDER BY a.pos)),
            changes AS (
                SELECT pr.*, (
                    SELECT jsonb_agg(ex.e) FROM (
                        SELECT jsonb_build_object('type', 'plot_point', 'id', pp.id, 'chapter_id', pp.chapter_id,
                                                  'description', pp.event_description) AS e
                        FROM chapter_plot_points pp JOIN chapter_pos x ON x.chapter_id = pp.chapter_id
                        WHERE x.pos BETWEEN pr.prev_pos AND pr.pos
                          AND (SELECT cid FROM params) = ANY (pp.affects_characters)
                        UNION ALL
                        SELECT jsonb_build_object('type', 'timeline_event', 'id', te.id, 'chapter_id', m.chapter_id,
                                                  'description', te.event_name)
                        FROM event_chapter_mappings m JOIN chapter_pos x ON x.chapter_id = m.chapter_id
                        JOIN timeline_events te ON te.id = m.event_id
                        JOIN event_participants ep ON ep.event_id = te.id AND ep.character_id = (SELECT cid FROM params)
                        WHERE x.pos BETWEEN pr.prev_pos AND pr.pos
                        UNION ALL
                        SELECT jsonb_build_object('type', 'scene', 'id', s.id, 'chapter_id', s.chapter_id,
                                                  'description', coalesce(s.scene_title, s.summary))
                        FROM chapter_scenes s JOIN chapter_pos x ON x.chapter_id = s.chapter_id
                        WHERE x.pos > pr.prev_pos AND x.pos < pr.pos AND coalesce(s.writing_status, '') <> 'cut'
                          AND (s.pov_character_id = (SELECT cid FROM params)
                               OR (SELECT cid FROM params) = ANY (s.scene_participants))) ex) AS explained_by
                FROM pairs pr
                WHERE pr.prev_state IS NOT NULL AND lower(btrim(pr.state)) <> lower(btrim(pr.prev_state)))
            SELECT jsonb_build_object(
                'check', ?::text,
                'description', 'Compares the ' || ?::text || ' recorded in consecutive on-page chapter appearances '
                    || '(presence types other than mentioned, flashback, dream); a change counts as explained by a plot '
                    || 'point or timeline event involving the character in those chapters, or by a scene with the '
                    || 'character in a chapter between them.',
                'compared', (SELECT count(*) FROM pairs WHERE prev_state IS NOT NULL),
                'findings', coalesce((SELECT jsonb_agg(jsonb_build_object(
                    'severity', CASE WHEN c.explained_by IS NULL THEN 'warning' ELSE 'info' END,
                    'check', ?::text,
                    'book_number', c.book_number, 'chapter_number', c.chapter_number, 'chapter_id', c.chapter_id,
                    'previous_book_number', c.prev_book_number, 'previous_chapter_number', c.prev_chapter_number,
                    'previous_chapter_id', c.prev_chapter_id,
                    'previous_value', c.prev_state, 'value', c.state,
                    'explained_by', coalesce(c.explained_by, '[]'::jsonb),
                    'message', format('%%s changes from "%%s" (book %%s, chapter %%s) to "%%s" (book %%s, chapter %%s)%%s',
                        ?::text, c.prev_state, c.prev_book_number, c.prev_chapter_number, c.state, c.book_number,
                        c.chapter_number,
                        CASE WHEN c.explained_by IS NULL
                             THEN ' with nothing recorded in between that would explain it'
                             ELSE format('; explained by %%s recorded event(s)', jsonb_array_length(c.explained_by))
                        END)) ORDER BY c.pos) FROM changes c), '[]'::jsonb))
            """;

    /** Knowledge: revealed before learned, revealed while unaware, learned twice. */
    private static final String KNOWLEDGE_CHECK = BASE + """
            learned AS (
                SELECT lower(btrim(k.knowledge_item)) AS item, k.knowledge_item::text AS label,
                       coalesce(cp.pos, bk.book_number::bigint * 1000000) AS pos,
                       cp.chapter_id IS NOT NULL AS precise, coalesce(cp.book_number, bk.book_number) AS book_number,
                       cp.chapter_number, cp.chapter_id, 'character_knowledge' AS source, k.id AS record_id
                FROM character_knowledge k
                LEFT JOIN chapter_pos cp ON cp.chapter_id = k.learned_chapter_id
                LEFT JOIN books bk ON bk.id = k.learned_book_id AND bk.series_id = (SELECT series_id FROM params)
                WHERE k.character_id = (SELECT cid FROM params) AND coalesce(k.knowledge_level, 'knows') <> 'unaware'
                  AND (cp.chapter_id IS NOT NULL OR bk.id IS NOT NULL)
                UNION ALL
                SELECT lower(btrim(x.item)), x.item, cp.pos, true, cp.book_number, cp.chapter_number, cp.chapter_id,
                       'character_chapter_presence.learns_this_chapter', p.id
                FROM character_chapter_presence p JOIN chapter_pos cp ON cp.chapter_id = p.chapter_id
                CROSS JOIN LATERAL unnest(p.learns_this_chapter) AS x(item)
                WHERE p.character_id = (SELECT cid FROM params) AND btrim(x.item) <> ''),
            used AS (
                SELECT DISTINCT ON (lower(btrim(x.item)), cp.pos) lower(btrim(x.item)) AS item, x.item AS label, cp.*
                FROM character_chapter_presence p JOIN chapter_pos cp ON cp.chapter_id = p.chapter_id
                CROSS JOIN LATERAL unnest(p.reveals_this_chapter) AS x(item)
                WHERE p.character_id = (SELECT cid FROM params) AND btrim(x.item) <> ''
                  AND cp.pos BETWEEN (SELECT from_pos FROM params) AND (SELECT to_pos FROM params)),
            uses AS (
                SELECT u.*,
                       EXISTS (SELECT 1 FROM learned l WHERE l.item = u.item AND l.pos <= u.pos) AS learned_before,
                       (SELECT jsonb_build_object('book_number', l.book_number, 'chapter_number', l.chapter_number,
                                                  'chapter_id', l.chapter_id, 'source', l.source, 'record_id', l.record_id)
                        FROM learned l WHERE l.item = u.item AND l.pos > u.pos ORDER BY l.pos LIMIT 1) AS learned_later,
                       EXISTS (SELECT 1 FROM character_knowledge k WHERE k.character_id = (SELECT cid FROM params)
                               AND k.knowledge_level = 'unaware' AND lower(btrim(k.knowledge_item)) = u.item) AS unaware
                FROM used u),
            relearned AS (
                SELECT DISTINCT ON (l.item, l.pos) l.*,
                       (SELECT jsonb_build_object('book_number', e.book_number, 'chapter_number', e.chapter_number,
                                                  'chapter_id', e.chapter_id, 'source', e.source, 'record_id', e.record_id)
                        FROM learned e WHERE e.item = l.item AND e.pos < l.pos
                          AND (e.precise OR e.book_number < l.book_number) ORDER BY e.pos LIMIT 1) AS earlier
                FROM learned l
                WHERE l.precise AND l.pos BETWEEN (SELECT from_pos FROM params) AND (SELECT to_pos FROM params)),
            findings AS (
                SELECT u.pos, jsonb_build_object(
                    'severity', CASE WHEN u.learned_later IS NOT NULL THEN 'error'
                                     WHEN u.unaware THEN 'warning' ELSE 'info' END,
                    'check', 'knowledge', 'item', u.label,
                    'book_number', u.book_number, 'chapter_number', u.chapter_number, 'chapter_id', u.chapter_id,
                    'learned', u.learned_later,
                    'message', CASE
                        WHEN u.learned_later IS NOT NULL THEN format(
                            'Reveals "%s" in book %s, chapter %s, but only learns it in book %s, chapter %s',
                            u.label, u.book_number, u.chapter_number, u.learned_later ->> 'book_number',
                            coalesce(u.learned_later ->> 'chapter_number', '(chapter not recorded)'))
                        WHEN u.unaware THEN format(
                            'Reveals "%s" in book %s, chapter %s, while the knowledge records say the character '
                            || 'is unaware of it',
                            u.label, u.book_number, u.chapter_number)
                        ELSE format('Reveals "%s" in book %s, chapter %s, with no record of learning it '
                            || '(fine if it is the character''s own knowledge)', u.label, u.book_number, u.chapter_number)
                        END) AS f
                FROM uses u WHERE NOT u.learned_before
                UNION ALL
                SELECT r.pos, jsonb_build_object(
                    'severity', 'warning', 'check', 'knowledge', 'item', r.label,
                    'book_number', r.book_number, 'chapter_number', r.chapter_number, 'chapter_id', r.chapter_id,
                    'learned', r.earlier,
                    'message', format('Learns "%s" in book %s, chapter %s, but already learned it in book %s, chapter %s',
                        r.label, r.book_number, r.chapter_number, r.earlier ->> 'book_number',
                        coalesce(r.earlier ->> 'chapter_number', '(chapter not recorded)')))
                FROM relearned r WHERE r.earlier IS NOT NULL)
            SELECT jsonb_build_object(
                'check', 'knowledge',
                'description', 'Compares what the character reveals in each chapter (presence reveals_this_chapter) with '
                    || 'when it was learned (character_knowledge learned chapter or book, presence learns_this_chapter); '
                    || 'flags knowledge revealed before it is learned or while recorded as unaware, and knowledge learned '
                    || 'twice. Items match case-insensitively.',
                'compared', (SELECT count(*) FROM used) + (SELECT count(*) FROM relearned),
                'findings', coalesce((SELECT jsonb_agg(f ORDER BY pos) FROM findings), '[]'::jsonb))
            """;

    /** Location: where the character ends one on-page chapter and starts the next. */
    private static final String LOCATION_CHECK = BASE + """
            featured AS (
                SELECT s.id, s.chapter_id, s.scene_number, nullif(btrim(s.location), '') AS location
                FROM chapter_scenes s JOIN chapter_pos cp ON cp.chapter_id = s.chapter_id
                WHERE cp.pos BETWEEN (SELECT from_pos FROM params) AND (SELECT to_pos FROM params)
                  AND coalesce(s.writing_status, '') <> 'cut'
                  AND (s.pov_character_id = (SELECT cid FROM params) OR (SELECT cid FROM params) = ANY (s.scene_participants))),
            onpage AS (
                SELECT cp.*, p.arrival_method, p.departure_method,
                       coalesce((SELECT f.location FROM featured f WHERE f.chapter_id = cp.chapter_id AND f.location IS NOT NULL
                                 ORDER BY f.scene_number LIMIT 1),
                                (SELECT nullif(btrim(s.location), '') FROM chapter_scenes s WHERE s.id = p.scene_id),
                                nullif(btrim(cp.primary_location), '')) AS first_location,
                       coalesce((SELECT f.location FROM featured f WHERE f.chapter_id = cp.chapter_id AND f.location IS NOT NULL
                                 ORDER BY f.scene_number DESC LIMIT 1),
                                (SELECT nullif(btrim(s.location), '') FROM chapter_scenes s WHERE s.id = p.scene_id),
                                nullif(btrim(cp.primary_location), '')) AS last_location
                FROM chapter_pos cp
                LEFT JOIN character_chapter_presence p
                       ON p.chapter_id = cp.chapter_id AND p.character_id = (SELECT cid FROM params)
                WHERE cp.pos BETWEEN (SELECT from_pos FROM params) AND (SELECT to_pos FROM params)
                  AND ((p.id IS NOT NULL AND p.presence_type NOT IN ('mentioned', 'flashback', 'dream', 'phone_call'))
                       OR EXISTS (SELECT 1 FROM featured f WHERE f.chapter_id = cp.chapter_id)
                       OR cp.pov_character_id = (SELECT cid FROM params))),
            pairs AS (
                SELECT o.*, lag(o.last_location) OVER w AS prev_location, lag(o.departure_method) OVER w AS prev_departure,
                       lag(o.chapter_id) OVER w AS prev_chapter_id, lag(o.book_number) OVER w AS prev_book_number,
                       lag(o.chapter_number) OVER w AS prev_chapter_number
                FROM onpage o WHERE o.first_location IS NOT NULL WINDOW w AS (ORDER BY o.pos)),
            moves AS (
                SELECT * FROM pairs
                WHERE prev_location IS NOT NULL AND lower(prev_location) <> lower(first_location))
            SELECT jsonb_build_object(
                'check', 'location',
                'description', 'Compares where the character is at the end of one on-page chapter (last scene with the '
                    || 'character, else the chapter''s primary location) with where the next on-page chapter starts; a '
                    || 'move counts as explained when a departure or arrival method is recorded.',
                'compared', (SELECT count(*) FROM pairs WHERE prev_location IS NOT NULL),
                'findings', coalesce((SELECT jsonb_agg(jsonb_build_object(
                    'severity', CASE WHEN m.arrival_method IS NULL AND m.prev_departure IS NULL THEN 'warning' ELSE 'info' END,
                    'check', 'location',
                    'book_number', m.book_number, 'chapter_number', m.chapter_number, 'chapter_id', m.chapter_id,
                    'previous_book_number', m.prev_book_number, 'previous_chapter_number', m.prev_chapter_number,
                    'previous_chapter_id', m.prev_chapter_id,
                    'previous_value', m.prev_location, 'value', m.first_location,
                    'message', format('Moves from "%s" (end of book %s, chapter %s) to "%s" (book %s, chapter %s)%s',
                        m.prev_location, m.prev_book_number, m.prev_chapter_number, m.first_location, m.book_number,
                        m.chapter_number,
                        CASE WHEN m.arrival_method IS NULL AND m.prev_departure IS NULL
                             THEN ' with no recorded departure or arrival'
                             ELSE format(' (%s)', concat_ws('; ', 'departure: ' || m.prev_departure,
                                                            'arrival: ' || m.arrival_method)) END)) ORDER BY m.pos)
                    FROM moves m), '[]'::jsonb))
            """;

    /** The result: the checks run, every finding in story order, and counts by severity. */
    private static final String RESULT = BASE + """
            checks AS (SELECT value AS c FROM jsonb_array_elements(?::jsonb)),
            findings AS (SELECT e.f FROM checks, jsonb_array_elements(c -> 'findings') AS e(f))
            SELECT jsonb_build_object(
                'character', jsonb_build_object('id', ch.id, 'name', ch.name, 'series_id', ch.series_id),
                'from_chapter', ?::jsonb, 'to_chapter', ?::jsonb, 'check_type', ?::text,
                'chapters_in_range', (SELECT count(*) FROM chapter_pos
                                      WHERE pos BETWEEN (SELECT from_pos FROM params) AND (SELECT to_pos FROM params)),
                'appearances_in_range', (SELECT count(*) FROM character_chapter_presence p
                                         JOIN chapter_pos cp ON cp.chapter_id = p.chapter_id
                                         WHERE p.character_id = ch.id
                                           AND cp.pos BETWEEN (SELECT from_pos FROM params) AND (SELECT to_pos FROM params)),
                'checks', coalesce((SELECT jsonb_agg((c - 'findings') || jsonb_build_object('finding_count',
                                                     jsonb_array_length(c -> 'findings'))) FROM checks), '[]'::jsonb),
                'findings', coalesce((SELECT jsonb_agg(f ORDER BY (f ->> 'book_number')::int, (f ->> 'chapter_number')::int,
                                                      f ->> 'check') FROM findings), '[]'::jsonb),
                'summary', jsonb_build_object(
                    'errors', (SELECT count(*) FROM findings WHERE f ->> 'severity' = 'error'),
                    'warnings', (SELECT count(*) FROM findings WHERE f ->> 'severity' = 'warning'),
                    'notes', (SELECT count(*) FROM findings WHERE f ->> 'severity' = 'info')),
                'consistent', NOT EXISTS (SELECT 1 FROM findings WHERE f ->> 'severity' IN ('error', 'warning')))
            FROM characters ch WHERE ch.id = (SELECT cid FROM params)
            """;

    private static final String CHAPTER_REF = """
            (SELECT jsonb_build_object('chapter_id', ch.id, 'chapter_number', ch.chapter_number, 'title', ch.title,
                                       'book_id', b.id, 'book_number', b.book_number, 'book_title', b.title,
                                       'series_id', b.series_id,
                                       'position', b.book_number::bigint * 1000000 + ch.chapter_number)
             FROM chapters ch JOIN books b ON b.id = ch.book_id WHERE ch.id = ?)""";

    @Inject
    Db db;

    @Tool(name = "check_character_continuity", description = "Check a character's continuity from one chapter to "
            + "another (inclusive, story order: book number then chapter number; the range may span books of the "
            + "series). Reports real inconsistencies in the stored chapter records: physical or emotional state "
            + "changing between appearances with nothing recorded in between to explain it, knowledge revealed before "
            + "it is learned (or while recorded as unaware, or learned twice), and location jumps without a recorded "
            + "departure or arrival. Each finding has a severity (error, warning, info) and names the chapters; the "
            + "result says what each check compared.", readOnly = true)
    public JsonText checkCharacterContinuity(
            @Arg(value = "character_id", required = true, description = "Character to check") int characterId,
            @Arg(value = "from_chapter_id", required = true, description = "First chapter of the range (chapter id)")
            int fromChapterId,
            @Arg(value = "to_chapter_id", required = true, description = "Last chapter of the range (chapter id)")
            int toChapterId,
            @Arg(value = "check_type", defaultValue = "all", description = "Which aspect to check, or all")
            ContinuityCheck checkType) {
        return new JsonText(db.read(sql -> {
            String context = sql.text("SELECT jsonb_build_object('series_id', c.series_id, 'from', " + CHAPTER_REF
                    + ", 'to', " + CHAPTER_REF + ") FROM characters c WHERE c.id = ?", fromChapterId, toChapterId,
                    characterId);
            if (context == null) {
                throw ToolException.notFound("character", characterId);
            }
            Map<String, Object> ctx = StoredJson.object(context);
            long seriesId = number(ctx.get("series_id"));
            Map<String, Object> from = chapter(ctx, "from", "from_chapter_id", fromChapterId, seriesId);
            Map<String, Object> to = chapter(ctx, "to", "to_chapter_id", toChapterId, seriesId);
            long fromPos = number(from.get("position"));
            long toPos = number(to.get("position"));
            if (toPos < fromPos) {
                throw ToolException.invalid("to_chapter_id", "chapter " + toChapterId + " (book " + to.get("book_number")
                        + ", chapter " + to.get("chapter_number") + ") comes before from_chapter_id " + fromChapterId
                        + " (book " + from.get("book_number") + ", chapter " + from.get("chapter_number") + ")");
            }
            Object[] base = {seriesId, characterId, fromPos, toPos};
            List<String> checks = new ArrayList<>();
            if (checkType.includes(ContinuityCheck.PHYSICAL_STATE)) {
                checks.add(stateCheck(sql, base, "physical_state", "physical state", "Physical state"));
            }
            if (checkType.includes(ContinuityCheck.EMOTIONAL_STATE)) {
                checks.add(stateCheck(sql, base, "emotional_state", "emotional state", "Emotional state"));
            }
            if (checkType.includes(ContinuityCheck.KNOWLEDGE)) {
                checks.add(sql.text(KNOWLEDGE_CHECK, base));
            }
            if (checkType.includes(ContinuityCheck.LOCATION)) {
                checks.add(sql.text(LOCATION_CHECK, base));
            }
            return sql.text(RESULT, seriesId, characterId, fromPos, toPos, "[" + String.join(",", checks) + "]",
                    StoredJson.write(strip(from)), StoredJson.write(strip(to)), checkType);
        }));
    }

    /** The column name is one of the two state columns named above, never client text. */
    private static String stateCheck(Sql sql, Object[] base, String column, String label, String subject)
            throws SQLException {
        return sql.text(STATE_CHECK.formatted(column, OFF_PAGE), base[0], base[1], base[2], base[3], column, label,
                column, subject);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> chapter(Map<String, Object> ctx, String key, String argument, int chapterId,
                                               long seriesId) {
        Map<String, Object> chapter = (Map<String, Object>) ctx.get(key);
        if (chapter == null) {
            throw ToolException.notFound("chapter", chapterId);
        }
        if (number(chapter.get("series_id")) != seriesId) {
            throw ToolException.invalid(argument, "chapter " + chapterId + " belongs to series " + chapter.get("series_id")
                    + ", not to the character's series " + seriesId);
        }
        return chapter;
    }

    private static Map<String, Object> strip(Map<String, Object> chapter) {
        Map<String, Object> copy = new LinkedHashMap<>(chapter);
        copy.remove("position");
        return copy;
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
