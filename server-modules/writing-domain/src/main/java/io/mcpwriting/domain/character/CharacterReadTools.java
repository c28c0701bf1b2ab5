package io.mcpwriting.domain.character;

import io.mcpwriting.domain.Checks;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Reading a character as continuity checks need it: the row, where it appears, and its recorded details. */
@ApplicationScoped
public class CharacterReadTools {

    private static final String BOOK_REF = "(SELECT jsonb_build_object('id', b.id, 'title', b.title, 'book_number', "
            + "b.book_number) FROM books b WHERE b.id = %s)";

    /** A character with its series, appearance books, arcs and how much is recorded about it. */
    private static final String CHARACTER_JSON = """
            to_jsonb(c) || jsonb_build_object(
                'series_title', (SELECT s.title FROM series s WHERE s.id = c.series_id),
                'first_appearance_book', %s,
                'last_appearance_book', %s,
                'detail_count', (SELECT count(*) FROM character_details d WHERE d.character_id = c.id),
                'detail_categories', coalesce((SELECT jsonb_agg(DISTINCT d.category) FROM character_details d
                                               WHERE d.character_id = c.id), '[]'::jsonb),
                'knowledge_count', (SELECT count(*) FROM character_knowledge k WHERE k.character_id = c.id),
                'chapter_appearances', (SELECT count(*) FROM character_chapter_presence p WHERE p.character_id = c.id),
                'pov_chapter_count', (SELECT count(*) FROM chapters ch WHERE ch.pov_character_id = c.id),
                'arcs', coalesce((SELECT jsonb_agg(to_jsonb(a) || jsonb_build_object('book_title', b.title,
                                                   'book_number', b.book_number) ORDER BY b.book_number, a.id)
                                  FROM character_arcs a JOIN books b ON b.id = a.book_id
                                  WHERE a.character_id = c.id), '[]'::jsonb))"""
            .formatted(BOOK_REF.formatted("c.first_appearance_book_id"), BOOK_REF.formatted("c.last_appearance_book_id"));

    @Inject
    Db db;

    @Tool(name = "get_character", description = "Get one character: name, aliases, type and status, series, first and "
            + "last appearance books, arcs per book, and counts of recorded details, knowledge items, chapter "
            + "appearances and POV chapters.", readOnly = true)
    public JsonText getCharacter(@Arg(value = "character_id", required = true, description = "Character id")
                                 int characterId) {
        String json = db.read(sql -> sql.text("SELECT " + CHARACTER_JSON + " FROM characters c WHERE c.id = ?",
                characterId));
        if (json == null) {
            throw ToolException.notFound("character", characterId);
        }
        return new JsonText(json);
    }

    @Tool(name = "get_character_details", description = "Get the recorded details of a character (attribute/value "
            + "pairs such as physical: eye_color = grey), all or one category, with the book each was established in "
            + "and its confidence (established, mentioned, implied). Also lists every category the character has.",
            readOnly = true)
    public JsonText getCharacterDetails(
            @Arg(value = "character_id", required = true, description = "Character id") int characterId,
            @Arg(value = "category", description = "Only this category (case-insensitive), e.g. physical, "
                    + "personality, background") String category) {
        Checks.notBlank("category", category);
        String json = db.read(sql -> sql.text("""
                SELECT jsonb_build_object(
                    'character_id', c.id, 'name', c.name, 'category', ?::text,
                    'details', coalesce((
                        SELECT jsonb_agg(to_jsonb(d) || jsonb_build_object('source_book_title', b.title)
                                         ORDER BY d.category, d.attribute)
                        FROM character_details d LEFT JOIN books b ON b.id = d.source_book_id
                        WHERE d.character_id = c.id AND (?::text IS NULL OR lower(d.category) = lower(btrim(?)))),
                        '[]'::jsonb),
                    'by_category', coalesce((
                        SELECT jsonb_object_agg(g.category, g.attributes)
                        FROM (SELECT d.category, jsonb_object_agg(d.attribute, d.value ORDER BY d.attribute) AS attributes
                              FROM character_details d
                              WHERE d.character_id = c.id AND (?::text IS NULL OR lower(d.category) = lower(btrim(?)))
                              GROUP BY d.category) g), '{}'::jsonb),
                    'count', (SELECT count(*) FROM character_details d WHERE d.character_id = c.id
                              AND (?::text IS NULL OR lower(d.category) = lower(btrim(?)))),
                    'available_categories', coalesce((
                        SELECT jsonb_agg(jsonb_build_object('category', g.category, 'count', g.n) ORDER BY g.category)
                        FROM (SELECT d.category, count(*) AS n FROM character_details d
                              WHERE d.character_id = c.id GROUP BY d.category) g), '[]'::jsonb))
                FROM characters c WHERE c.id = ?""",
                category, category, category, category, category, category, category, characterId));
        if (json == null) {
            throw ToolException.notFound("character", characterId);
        }
        return new JsonText(json);
    }
}
