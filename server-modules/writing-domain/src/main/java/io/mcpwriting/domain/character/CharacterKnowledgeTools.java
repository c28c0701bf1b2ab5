package io.mcpwriting.domain.character;

import io.mcpwriting.domain.Checks;
import io.mcpwriting.domain.chapter.ChapterRefs;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What characters know, and from which chapter on. One row per character, item and chapter, so knowledge can
 * change through the story; a character's current state of an item is its row latest in reading order.
 */
@ApplicationScoped
public class CharacterKnowledgeTools {

    /** How far a character knows something. */
    public enum KnowledgeLevel {
        KNOWS, SUSPECTS, UNAWARE, FORGOT
    }

    /** Reading order of a knowledge row (alias {@code k}, its chapter {@code c}, book {@code b}). */
    private static final String READING_ORDER = "b.book_number NULLS FIRST, c.chapter_number NULLS FIRST, "
            + "k.learned_scene NULLS FIRST, k.id";

    @Inject
    Db db;

    @Tool(name = "character_add_character_knowledge_with_chapter", description = "Record that a character knows, "
            + "suspects, is unaware of or has forgotten something, as of a chapter (and optionally a scene number). "
            + "The chapter must be of the character's series. Recording the same character, category, item "
            + "(compared without case) and chapter again updates that record (recorded: updated); a different "
            + "chapter adds a new step. The result includes the item's history for the character in reading order.",
            idempotent = true)
    public JsonText addKnowledge(
            @Arg(value = "character_id", required = true, description = "Character id") int characterId,
            @Arg(value = "knowledge_category", required = true,
                    description = "Kind of knowledge, e.g. secret, identity, location, event, skill") String category,
            @Arg(value = "knowledge_item", required = true, description = "What is known, in a short sentence "
                    + "(at most 255 characters)") String item,
            @Arg(value = "knowledge_level", defaultValue = "knows", description = "How far the character knows it")
            KnowledgeLevel level,
            @Arg(value = "learned_chapter_id", required = true, description = "Chapter in which this becomes true")
            int learnedChapterId,
            @Arg(value = "learned_scene", description = "Scene number within that chapter, from 1") Integer learnedScene,
            @Arg(value = "learned_context", description = "How the character came to know it") String learnedContext) {
        Checks.notBlank("knowledge_category", category);
        Checks.notBlank("knowledge_item", item);
        maxLength("knowledge_category", category, 100);
        maxLength("knowledge_item", item, 255);
        Checks.atLeast("learned_scene", learnedScene, 1);
        return new JsonText(db.write(sql -> {
            long seriesId = ChapterRefs.seriesOf(sql, "characters", "character", characterId);
            ChapterRefs.Place place = ChapterRefs.requireChapterInSeries(sql, "learned_chapter_id", learnedChapterId,
                    seriesId);
            return sql.text("""
                    WITH k AS (
                        INSERT INTO character_knowledge (character_id, knowledge_category, knowledge_item, knowledge_level,
                                                         learned_book_id, learned_chapter_id, learned_scene,
                                                         learned_context)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (character_id, lower(knowledge_category), lower(knowledge_item), learned_chapter_id)
                        DO UPDATE SET knowledge_level = EXCLUDED.knowledge_level,
                                      learned_book_id = EXCLUDED.learned_book_id,
                                      learned_scene = coalesce(EXCLUDED.learned_scene, character_knowledge.learned_scene),
                                      learned_context = coalesce(EXCLUDED.learned_context,
                                                                 character_knowledge.learned_context)
                        RETURNING *, xmax = 0 AS inserted),
                    steps AS (
                        SELECT k.id, k.knowledge_level, k.learned_chapter_id, k.learned_scene, k.learned_context
                        FROM character_knowledge k WHERE k.character_id = ?
                          AND lower(k.knowledge_category) = lower(?) AND lower(k.knowledge_item) = lower(?)
                          AND k.id NOT IN (SELECT id FROM k)
                        UNION ALL
                        SELECT k.id, k.knowledge_level, k.learned_chapter_id, k.learned_scene, k.learned_context FROM k)
                    SELECT to_jsonb(k) - 'inserted' || jsonb_build_object(
                        'recorded', CASE WHEN k.inserted THEN 'new' ELSE 'updated' END,
                        'character_name', (SELECT name FROM characters WHERE id = k.character_id),
                        'chapter_number', (SELECT chapter_number FROM chapters WHERE id = k.learned_chapter_id),
                        'book_number', (SELECT book_number FROM books WHERE id = k.learned_book_id),
                        'history', (SELECT jsonb_agg(jsonb_build_object(
                                        'id', k.id, 'knowledge_level', k.knowledge_level,
                                        'learned_chapter_id', k.learned_chapter_id, 'chapter_number', c.chapter_number,
                                        'book_number', b.book_number, 'learned_scene', k.learned_scene,
                                        'learned_context', k.learned_context) ORDER BY %s)
                                    FROM steps k LEFT JOIN chapters c ON c.id = k.learned_chapter_id
                                    LEFT JOIN books b ON b.id = c.book_id))
                    FROM k""".formatted(READING_ORDER),
                    characterId, category.strip(), item.strip(), level, place.bookId(), learnedChapterId, learnedScene,
                    learnedContext, characterId, category.strip(), item.strip());
        }));
    }

    @Tool(name = "character_get_characters_who_know", description = "Find the characters of a series who know "
            + "something: knowledge items containing the given text (without case). Each character's current state "
            + "of each matching item is its latest record in reading order (book, chapter, scene); knowledge_level "
            + "filters on that current state. Each result says from which chapter the state holds.",
            readOnly = true)
    public JsonText charactersWhoKnow(
            @Arg(value = "series_id", required = true, description = "Series id") int seriesId,
            @Arg(value = "knowledge_item", required = true, description = "Text to look for in knowledge items")
            String item,
            @Arg(value = "knowledge_level", description = "Only characters whose current state is this level")
            KnowledgeLevel level) {
        Checks.notBlank("knowledge_item", item);
        return new JsonText(db.read(sql -> {
            sql.requireRow("series", seriesId, "series");
            return sql.text("""
                    WITH states AS (
                        SELECT DISTINCT ON (k.character_id, lower(k.knowledge_category), lower(k.knowledge_item))
                               k.*, ch.name AS character_name, c.chapter_number, b.book_number
                        FROM character_knowledge k JOIN characters ch ON ch.id = k.character_id
                        LEFT JOIN chapters c ON c.id = k.learned_chapter_id
                        LEFT JOIN books b ON b.id = coalesce(c.book_id, k.learned_book_id)
                        WHERE ch.series_id = ?
                          AND strpos(lower(k.knowledge_item), lower(?)) > 0
                        ORDER BY k.character_id, lower(k.knowledge_category), lower(k.knowledge_item),
                                 b.book_number DESC NULLS LAST, c.chapter_number DESC NULLS LAST,
                                 k.learned_scene DESC NULLS LAST, k.id DESC),
                    matched AS (SELECT * FROM states k WHERE ?::text IS NULL OR k.knowledge_level = ?::text)
                    SELECT jsonb_build_object(
                        'series_id', ?::int, 'knowledge_item', ?::text, 'knowledge_level', ?::text,
                        'characters', coalesce(jsonb_agg(jsonb_build_object(
                            'character_id', m.character_id, 'name', m.character_name,
                            'knowledge_id', m.id, 'knowledge_category', m.knowledge_category,
                            'knowledge_item', m.knowledge_item, 'knowledge_level', m.knowledge_level,
                            'learned_chapter_id', m.learned_chapter_id, 'chapter_number', m.chapter_number,
                            'book_number', m.book_number, 'learned_scene', m.learned_scene,
                            'learned_context', m.learned_context)
                            ORDER BY m.book_number NULLS FIRST, m.chapter_number NULLS FIRST, m.character_name),
                            '[]'::jsonb),
                        'count', count(*),
                        'characters_matched', count(DISTINCT m.character_id))
                    FROM matched m""",
                    seriesId, item.strip(), level, level, seriesId, item.strip(), level);
        }));
    }

    private static void maxLength(String argument, String value, int max) {
        if (value != null && value.strip().length() > max) {
            throw ToolException.invalid(argument, "must be at most " + max + " characters");
        }
    }
}
