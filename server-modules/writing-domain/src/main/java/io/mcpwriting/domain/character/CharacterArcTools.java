package io.mcpwriting.domain.character;

import io.mcpwriting.domain.Checks;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** How a character changes over one book: one arc per character and book. */
@ApplicationScoped
public class CharacterArcTools {

    private static final String ARC_JSON = """
            to_jsonb(a) || jsonb_build_object(
                'character_name', (SELECT c.name FROM characters c WHERE c.id = a.character_id),
                'book_title', (SELECT b.title FROM books b WHERE b.id = a.book_id),
                'book_number', (SELECT b.book_number FROM books b WHERE b.id = a.book_id))""";

    @Inject
    Db db;

    @Tool(name = "create_character_arc", description = "Set a character's arc for one book: how they change "
            + "(arc_description) from start_state to end_state. A character has one arc per book: when it already "
            + "has one, the given fields replace the stored ones (start_state/end_state kept when omitted) and the "
            + "result says created=false and shows the previous values. The book must be in the character's series.",
            idempotent = true)
    public JsonText createCharacterArc(
            @Arg(value = "character_id", required = true, description = "Character whose arc it is") int characterId,
            @Arg(value = "book_id", required = true, description = "Book the arc spans") int bookId,
            @Arg(value = "arc_description", required = true, description = "How the character changes over the "
                    + "book, and why") String arcDescription,
            @Arg(value = "start_state", description = "Who the character is at the book's start") String startState,
            @Arg(value = "end_state", description = "Who the character is at the book's end") String endState) {
        Checks.notBlank("arc_description", arcDescription);
        return new JsonText(db.write(sql -> {
            long seriesId = CharacterTools.requireCharacter(sql, characterId);
            CharacterTools.requireBookInSeries(sql, "book_id", bookId, seriesId);
            CharacterTools.lock(sql, "character_arcs", characterId);
            String previous = sql.text("""
                    SELECT jsonb_build_object('arc_description', arc_description, 'starting_state', starting_state,
                                              'ending_state', ending_state)
                    FROM character_arcs WHERE character_id = ? AND book_id = ? FOR UPDATE""", characterId, bookId);
            long id = sql.number("""
                    INSERT INTO character_arcs (character_id, book_id, arc_description, starting_state, ending_state)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (book_id, character_id) DO UPDATE
                        SET arc_description = EXCLUDED.arc_description,
                            starting_state = coalesce(EXCLUDED.starting_state, character_arcs.starting_state),
                            ending_state = coalesce(EXCLUDED.ending_state, character_arcs.ending_state)
                    RETURNING id""", characterId, bookId, arcDescription, startState, endState);
            return sql.text("SELECT " + ARC_JSON + " || jsonb_build_object('created', ?::text IS NULL, "
                    + "'previous', ?::jsonb) FROM character_arcs a WHERE a.id = ?", previous, previous, id);
        }));
    }
}
