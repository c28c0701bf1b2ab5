package io.mcpwriting.domain.character;

import io.mcpwriting.domain.Checks;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.ErrorKind;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;

/**
 * Facts about a character (appearance, background, skills, ...), one value per category and attribute, so that
 * later books do not contradict earlier ones.
 */
@ApplicationScoped
public class CharacterDetailTools {

    /** How firmly the story has stated a detail. */
    public enum Confidence {
        ESTABLISHED, MENTIONED, IMPLIED
    }

    /** A detail row with its character's name and source book. */
    private static final String DETAIL_JSON = """
            to_jsonb(d) || jsonb_build_object(
                'character_name', (SELECT c.name FROM characters c WHERE c.id = d.character_id),
                'source_book', (SELECT jsonb_build_object('id', b.id, 'title', b.title, 'book_number', b.book_number)
                                FROM books b WHERE b.id = d.source_book_id))""";

    /** Category and attribute match case-insensitively and without surrounding blanks. */
    private static final String FIND_DETAIL = "SELECT id FROM character_details WHERE character_id = ? "
            + "AND lower(trim(category)) = lower(?) AND lower(trim(attribute)) = lower(?) ORDER BY id LIMIT 1";

    @Inject
    Db db;

    @Tool(name = "add_character_detail", description = "Record a fact about a character as category + attribute "
            + "= value (e.g. physical / eye_color = grey). A character has one value per category and attribute "
            + "(compared case-insensitively): adding one that exists fails naming the existing detail; "
            + "update_character_detail changes it. confidence_level defaults to established.")
    public JsonText addCharacterDetail(
            @Arg(value = "character_id", required = true, description = "Character the fact is about") int characterId,
            @Arg(value = "category", required = true, description = "Group of facts, e.g. physical, background, "
                    + "personality, skills; up to 100 characters") String category,
            @Arg(value = "attribute", required = true, description = "The fact's name within the category, e.g. "
                    + "eye_color; up to 100 characters") String attribute,
            @Arg(value = "value", required = true, description = "The fact itself") String value,
            @Arg(value = "source_book_id", description = "Id of the book (of the character's series) that states it")
            Integer sourceBookId,
            @Arg(value = "confidence_level", description = "How firmly the story states it (default established)")
            Confidence confidenceLevel) {
        checkKey(category, attribute);
        Checks.notBlank("value", value);
        return new JsonText(db.write(sql -> {
            long seriesId = CharacterTools.requireCharacter(sql, characterId);
            CharacterTools.lock(sql, "character_details", characterId);
            String existing = sql.text("SELECT format('detail %s (%s / %s = %L)', id, category, attribute, value) "
                    + "FROM character_details WHERE id = (" + FIND_DETAIL + ")",
                    characterId, category.strip(), attribute.strip());
            if (existing != null) {
                throw ToolException.conflict("Character " + characterId + " already has " + existing
                        + "; use update_character_detail to change it.");
            }
            if (sourceBookId != null) {
                CharacterTools.requireBookInSeries(sql, "source_book_id", sourceBookId, seriesId);
            }
            long id = sql.number("""
                    INSERT INTO character_details (character_id, category, attribute, value, source_book_id,
                                                   confidence_level)
                    VALUES (?, ?, ?, ?, ?, coalesce(?, 'established')) RETURNING id""",
                    characterId, category.strip(), attribute.strip(), value, sourceBookId, confidenceLevel);
            return detail(sql, id, null);
        }));
    }

    @Tool(name = "update_character_detail", description = "Change the value of a character's existing detail, "
            + "found by category and attribute (case-insensitive); source_book_id and confidence_level change "
            + "only when given. Returns the detail with its previous value.", idempotent = true)
    public JsonText updateCharacterDetail(
            @Arg(value = "character_id", required = true, description = "Character the fact is about") int characterId,
            @Arg(value = "category", required = true, description = "Category of the existing detail") String category,
            @Arg(value = "attribute", required = true, description = "Attribute of the existing detail") String attribute,
            @Arg(value = "value", required = true, description = "The new value") String value,
            @Arg(value = "source_book_id", description = "Id of the book (of the character's series) that states "
                    + "the new value") Integer sourceBookId,
            @Arg(value = "confidence_level", description = "How firmly the story states it") Confidence confidenceLevel) {
        checkKey(category, attribute);
        Checks.notBlank("value", value);
        return new JsonText(db.write(sql -> {
            long seriesId = CharacterTools.requireCharacter(sql, characterId);
            Long id = sql.number(FIND_DETAIL, characterId, category.strip(), attribute.strip());
            if (id == null) {
                throw new ToolException(ErrorKind.NOT_FOUND, "character " + characterId + " has no detail '"
                        + category.strip() + "' / '" + attribute.strip() + "'; add_character_detail records it");
            }
            if (sourceBookId != null) {
                CharacterTools.requireBookInSeries(sql, "source_book_id", sourceBookId, seriesId);
            }
            String previous = sql.text("SELECT value FROM character_details WHERE id = ? FOR UPDATE", id);
            sql.update("""
                    UPDATE character_details SET value = ?, source_book_id = coalesce(?, source_book_id),
                                                 confidence_level = coalesce(?, confidence_level)
                    WHERE id = ?""", value, sourceBookId, confidenceLevel, id);
            return detail(sql, id, previous);
        }));
    }

    private static String detail(Sql sql, long id, String previousValue) throws SQLException {
        return sql.text("SELECT " + DETAIL_JSON + " || CASE WHEN ?::boolean THEN jsonb_build_object("
                + "'previous_value', ?::text) ELSE '{}'::jsonb END FROM character_details d WHERE d.id = ?",
                previousValue != null, previousValue, id);
    }

    private static void checkKey(String category, String attribute) {
        Checks.notBlank("category", category);
        Checks.notBlank("attribute", attribute);
        if (category.strip().length() > 100) {
            throw ToolException.invalid("category", "at most 100 characters");
        }
        if (attribute.strip().length() > 100) {
            throw ToolException.invalid("attribute", "at most 100 characters");
        }
    }
}
