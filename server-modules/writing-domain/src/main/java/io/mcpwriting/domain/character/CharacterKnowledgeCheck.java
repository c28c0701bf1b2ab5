package io.mcpwriting.domain.character;

import io.mcpwriting.domain.Checks;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What a character knows or suspects, and since which book and chapter: the guard against a character acting
 * on information they cannot have yet. Served by character-planning and core-continuity.
 */
@ApplicationScoped
public class CharacterKnowledgeCheck {

    private static final String CHECKED = "character_knowledge records of the character, and the learns/suspects "
            + "lists of its chapter presence records (an item listed there without a knowledge record is reported "
            + "under chapter_only; those lists have no category, so a knowledge_category filter leaves them out)";

    /*
     * One statement. k: the character's matching knowledge records. mentions: every item its chapter presence
     * records say it learned or suspected, with chapter and book. A knowledge record's learned_chapter_id is
     * read through to_jsonb, so the check works whether or not that column exists.
     */
    private static final String QUERY = """
            WITH k AS (
                SELECT ck.*, to_jsonb(ck) AS row_json
                FROM character_knowledge ck
                WHERE ck.character_id = ?
                  AND (?::text IS NULL OR strpos(lower(ck.knowledge_item), lower(?::text)) > 0)
                  AND (?::text IS NULL OR lower(trim(ck.knowledge_category)) = lower(?::text))
            ),
            mentions AS (
                SELECT p.chapter_id, ch.chapter_number, ch.title AS chapter_title, ch.book_id, b.book_number,
                       b.title AS book_title, m.item, m.how
                FROM character_chapter_presence p
                JOIN chapters ch ON ch.id = p.chapter_id
                JOIN books b ON b.id = ch.book_id
                CROSS JOIN LATERAL (SELECT x, 'learned' FROM unnest(p.learns_this_chapter) AS x
                                    UNION ALL
                                    SELECT x, 'suspected' FROM unnest(p.suspects_this_chapter) AS x) AS m (item, how)
                WHERE p.character_id = ? AND m.item IS NOT NULL
            ),
            entries AS (
                SELECT k.row_json || jsonb_build_object(
                           'learned_book', CASE WHEN lb.id IS NOT NULL THEN jsonb_build_object(
                               'id', lb.id, 'title', lb.title, 'book_number', lb.book_number) END,
                           'learned_chapter', CASE WHEN lc.id IS NOT NULL THEN jsonb_build_object(
                               'id', lc.id, 'chapter_number', lc.chapter_number, 'title', lc.title, 'book_id', lc.book_id) END,
                           'chapter_mentions', coalesce((
                               SELECT jsonb_agg(jsonb_build_object('chapter_id', m.chapter_id,
                                          'chapter_number', m.chapter_number, 'book_id', m.book_id,
                                          'book_number', m.book_number, 'as', m.how)
                                      ORDER BY m.book_number, m.chapter_number)
                               FROM mentions m WHERE lower(trim(m.item)) = lower(trim(k.knowledge_item))), '[]'::jsonb)
                       ) AS entry,
                       coalesce(k.knowledge_level, 'knows') AS level,
                       lb.book_number, lc.chapter_number, k.knowledge_category, k.knowledge_item, k.id
                FROM k
                LEFT JOIN chapters lc ON lc.id = (k.row_json ->> 'learned_chapter_id')::int
                LEFT JOIN books lb ON lb.id = coalesce(k.learned_book_id, lc.book_id)
            ),
            chapter_only AS (
                SELECT m.*, CASE m.how WHEN 'learned' THEN 'knows' ELSE 'suspects' END AS level
                FROM mentions m
                WHERE ?::text IS NULL
                  AND (?::text IS NULL OR strpos(lower(m.item), lower(?::text)) > 0)
                  AND NOT EXISTS (SELECT 1 FROM character_knowledge ck
                                  WHERE ck.character_id = ? AND lower(trim(ck.knowledge_item)) = lower(trim(m.item)))
            ),
            levels AS (
                SELECT level FROM entries UNION ALL SELECT level FROM chapter_only
            ),
            evidence AS (
                SELECT level FROM levels
                UNION ALL
                SELECT CASE m.how WHEN 'learned' THEN 'knows' ELSE 'suspects' END
                FROM k JOIN mentions m ON lower(trim(m.item)) = lower(trim(k.knowledge_item))
            )
            SELECT jsonb_build_object(
                'character', (SELECT jsonb_build_object('id', c.id, 'name', c.name, 'series_id', c.series_id,
                                                        'status', c.status)
                              FROM characters c WHERE c.id = ?),
                'filters', jsonb_build_object('knowledge_item', ?::text, 'knowledge_category', ?::text),
                'knowledge', coalesce((SELECT jsonb_agg(entry ORDER BY book_number NULLS LAST, chapter_number NULLS LAST,
                                                        lower(knowledge_category), lower(knowledge_item), id)
                                       FROM entries), '[]'::jsonb),
                'chapter_only', coalesce((SELECT jsonb_agg(jsonb_build_object('knowledge_item', item,
                                              'knowledge_level', level, 'chapter_id', chapter_id,
                                              'chapter_number', chapter_number, 'chapter_title', chapter_title,
                                              'book_id', book_id, 'book_number', book_number, 'book_title', book_title)
                                          ORDER BY book_number, chapter_number, lower(item))
                                          FROM chapter_only), '[]'::jsonb),
                'count', (SELECT count(*) FROM levels),
                'by_level', coalesce((SELECT jsonb_object_agg(level, n)
                                      FROM (SELECT level, count(*) AS n FROM levels GROUP BY level) t), '{}'::jsonb),
                'strongest_level', CASE WHEN ?::text IS NULL THEN NULL
                                        WHEN EXISTS (SELECT 1 FROM evidence WHERE level = 'knows') THEN 'knows'
                                        WHEN EXISTS (SELECT 1 FROM evidence WHERE level = 'suspects') THEN 'suspects'
                                        WHEN EXISTS (SELECT 1 FROM evidence WHERE level = 'forgot') THEN 'forgot'
                                        WHEN EXISTS (SELECT 1 FROM evidence WHERE level = 'unaware') THEN 'unaware'
                                        ELSE 'no_record' END,
                'checked', ?::text)
            """;

    @Inject
    Db db;

    @Tool(name = "check_character_knowledge", description = "Check what a character knows or suspects before "
            + "writing them acting on it: each matching knowledge item with its category, level (knows, suspects, "
            + "unaware, forgot), the book and chapter where it was learned, and the chapters whose presence "
            + "records list it as learned or suspected. knowledge_item matches as a case-insensitive substring; "
            + "with it, strongest_level gives the most certain level (knows > suspects > forgot > unaware) that any "
            + "matching record or chapter mention shows (no_record when none).",
            readOnly = true)
    public JsonText checkCharacterKnowledge(
            @Arg(value = "character_id", required = true, description = "Character whose knowledge to check")
            int characterId,
            @Arg(value = "knowledge_item", description = "Only items containing this text, e.g. 'killer' "
                    + "(case-insensitive)") String knowledgeItem,
            @Arg(value = "knowledge_category", description = "Only items of this category, e.g. secrets, people, "
                    + "events (case-insensitive)") String knowledgeCategory) {
        Checks.notBlank("knowledge_item", knowledgeItem);
        Checks.notBlank("knowledge_category", knowledgeCategory);
        String item = knowledgeItem == null ? null : knowledgeItem.strip();
        String category = knowledgeCategory == null ? null : knowledgeCategory.strip();
        return new JsonText(db.read(sql -> {
            CharacterTools.requireCharacter(sql, characterId);
            return sql.text(QUERY,
                    characterId, item, item, category, category,     // k
                    characterId,                                     // mentions
                    category, item, item, characterId,               // chapter_only
                    characterId, item, category, item, CHECKED);     // result
        }));
    }
}
