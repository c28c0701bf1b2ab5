package io.mcpwriting.domain.character;

import io.mcpwriting.domain.Checks;
import io.mcpwriting.domain.Paging;
import io.mcpwriting.mcp.db.Changes;
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
import java.util.ArrayList;
import java.util.List;

/** Characters of a series: who they are, their role in the story and whether they are still alive. */
@ApplicationScoped
public class CharacterTools {

    /** The role a character plays in the series. */
    public enum CharacterType {
        MAIN, SUPPORTING, MINOR, ANTAGONIST
    }

    /** Whether a character is alive as the story stands. */
    public enum CharacterStatus {
        ALIVE, DEAD, MISSING, UNKNOWN
    }

    /** A character row with its series title and first-appearance book (character_list, migration V77, builds the same). */
    static final String CHARACTER_JSON = """
            to_jsonb(c) || jsonb_build_object(
                'series_title', (SELECT s.title FROM series s WHERE s.id = c.series_id),
                'first_appearance_book', (SELECT jsonb_build_object('id', b.id, 'title', b.title,
                                                                    'book_number', b.book_number)
                                          FROM books b WHERE b.id = c.first_appearance_book_id))""";

    @Inject
    Db db;

    @Tool(name = "list_characters", description = "List the characters of a series, optionally only one "
            + "character_type and/or status, each with how many details, knowledge items and arcs are recorded "
            + "for them. Ordered by name.", readOnly = true)
    public JsonText listCharacters(
            @Arg(value = "series_id", required = true, description = "Series whose characters to list") int seriesId,
            @Arg(value = "character_type", description = "Only characters of this type") CharacterType characterType,
            @Arg(value = "status", description = "Only characters with this status") CharacterStatus status,
            @Arg(value = "limit", defaultValue = "100", min = 1, max = Paging.MAX_LIMIT, description = Paging.LIMIT) int limit,
            @Arg(value = "offset", defaultValue = "0", min = 0, description = Paging.OFFSET) int offset) {
        return new JsonText(db.read(sql -> {
            sql.requireRow("series", seriesId, "series");
            // the whole list is the database function character_list (migration V77), whose plan each backend keeps
            return Paging.page(sql, "characters", limit, offset, "SELECT l FROM character_list(?::int, ?::text, ?::text) l",
                    seriesId, characterType, status);
        }));
    }

    @Tool(name = "create_character", description = "Create a character in a series. Names are unique within a "
            + "series (case-insensitive): creating a name that exists fails with the existing character's id. "
            + "character_type defaults to main, status to alive.")
    public JsonText createCharacter(
            @Arg(value = "series_id", required = true, description = "Series the character belongs to") int seriesId,
            @Arg(value = "name", required = true, description = "Name the story uses, up to 255 characters") String name,
            @Arg(value = "full_name", description = "Full or formal name, up to 500 characters") String fullName,
            @Arg(value = "aliases", description = "Other names, nicknames or titles") List<String> aliases,
            @Arg(value = "character_type", description = "Role in the series (default main)") CharacterType characterType,
            @Arg(value = "first_appearance_book_id", description = "Id of the book (of this series) where the "
                    + "character first appears") Integer firstAppearanceBookId,
            @Arg(value = "status", description = "Alive or not (default alive)") CharacterStatus status) {
        checkNames(name, fullName);
        Checks.notBlank("name", name);
        List<String> cleanAliases = aliases(aliases);
        return new JsonText(db.write(sql -> {
            sql.requireRow("series", seriesId, "series");
            lock(sql, "characters", seriesId);
            requireFreeName(sql, seriesId, name.strip(), null);
            if (firstAppearanceBookId != null) {
                requireBookInSeries(sql, "first_appearance_book_id", firstAppearanceBookId, seriesId);
            }
            long id = sql.number("""
                    INSERT INTO characters (series_id, name, full_name, aliases, character_type,
                                            first_appearance_book_id, status)
                    VALUES (?, ?, ?, ?::text[], coalesce(?, 'main'), ?, coalesce(?, 'alive')) RETURNING id""",
                    seriesId, name.strip(), fullName, cleanAliases, characterType, firstAppearanceBookId, status);
            return character(sql, id);
        }));
    }

    @Tool(name = "update_character", description = "Change a character's name, full name, type or status; only "
            + "the fields given change. A new name must not be taken by another character of the series.",
            idempotent = true)
    public JsonText updateCharacter(
            @Arg(value = "character_id", required = true, description = "Character to change") int characterId,
            @Arg(value = "name", description = "New name, up to 255 characters") String name,
            @Arg(value = "full_name", description = "New full name, up to 500 characters") String fullName,
            @Arg(value = "character_type", description = "New role in the series") CharacterType characterType,
            @Arg(value = "status", description = "New status, e.g. dead after the character dies") CharacterStatus status) {
        checkNames(name, fullName);
        Checks.notBlank("name", name);
        Changes changes = new Changes().set("name", name == null ? null : name.strip()).set("full_name", fullName)
                .set("character_type", characterType).set("status", status)
                .requireAny("name, full_name, character_type, status");
        return new JsonText(db.write(sql -> {
            long seriesId = requireCharacter(sql, characterId);
            if (name != null) {
                lock(sql, "characters", seriesId);
                requireFreeName(sql, seriesId, name.strip(), characterId);
            }
            changes.applyTo(sql, "characters", characterId);
            return character(sql, characterId);
        }));
    }

    static String character(Sql sql, long id) throws SQLException {
        return sql.text("SELECT " + CHARACTER_JSON + " FROM characters c WHERE c.id = ?", id);
    }

    /** The series of the character; fails with "character N does not exist". */
    static long requireCharacter(Sql sql, int characterId) throws SQLException {
        Long seriesId = sql.number("SELECT series_id FROM characters WHERE id = ?", characterId);
        if (seriesId == null) {
            throw ToolException.notFound("character", characterId);
        }
        return seriesId;
    }

    /** Fails unless the book exists (not found) and belongs to the series (invalid argument). */
    static void requireBookInSeries(Sql sql, String argument, int bookId, long seriesId) throws SQLException {
        Long bookSeries = sql.number("SELECT series_id FROM books WHERE id = ?", bookId);
        if (bookSeries == null) {
            throw ToolException.notFound("book", bookId);
        }
        if (bookSeries != seriesId) {
            throw ToolException.invalid(argument, "book " + bookId + " belongs to series " + bookSeries
                    + ", not to the character's series " + seriesId);
        }
    }

    /**
     * Serializes check-then-write sequences on one scope (a series' names, a character's details) for the
     * rest of the transaction; transaction-scoped, so safe behind PgBouncer's transaction pooling.
     */
    static void lock(Sql sql, String scope, long id) throws SQLException {
        sql.exists("SELECT pg_advisory_xact_lock(hashtext(?), ?::int)", scope, id);
    }

    private static void requireFreeName(Sql sql, long seriesId, String name, Integer exceptId) throws SQLException {
        Long existing = sql.number("SELECT id FROM characters WHERE series_id = ? AND lower(name) = lower(?) "
                + "AND (?::int IS NULL OR id <> ?) ORDER BY id LIMIT 1", seriesId, name, exceptId, exceptId);
        if (existing != null) {
            throw ToolException.conflict("Series " + seriesId + " already has a character named '" + name
                    + "' (character " + existing + ")" + (exceptId == null
                    ? "; use update_character to change it." : "; choose another name."));
        }
    }

    private static void checkNames(String name, String fullName) {
        if (name != null && name.strip().length() > 255) {
            throw ToolException.invalid("name", "at most 255 characters");
        }
        if (fullName != null && fullName.length() > 500) {
            throw ToolException.invalid("full_name", "at most 500 characters");
        }
    }

    private static List<String> aliases(List<String> aliases) {
        if (aliases == null) {
            return null;
        }
        List<String> clean = new ArrayList<>();
        for (String alias : aliases) {
            if (alias == null || alias.isBlank()) {
                throw ToolException.invalid("aliases", "an alias must not be blank");
            }
            if (clean.stream().noneMatch(a -> a.equalsIgnoreCase(alias.strip()))) {
                clean.add(alias.strip());
            }
        }
        return clean;
    }

    /** Not found with a message naming several ids at once. */
    static ToolException missing(String what, String ids) {
        return new ToolException(ErrorKind.NOT_FOUND, what + " " + ids + " do not exist");
    }
}
