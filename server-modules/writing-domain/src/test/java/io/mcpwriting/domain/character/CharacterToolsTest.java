package io.mcpwriting.domain.character;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.domain.testing.DomainTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * create_character, update_character, list_characters, get_character, add_character_detail,
 * update_character_detail, get_character_details, create_character_arc.
 */
class CharacterToolsTest extends DomainTest {

    @Test
    void aCharacterIsCreatedChangedListedAndRead() {
        long series = series();
        long book = book(series, 1);
        JsonNode created = ok("create_character", "series_id", series, "name", " Ged ", "full_name", "Ged Sparrowhawk",
                "aliases", List.of("Sparrowhawk", "sparrowhawk", "Duny"), "character_type", "main",
                "first_appearance_book_id", book);
        long id = id(created);
        assertEquals("Ged", created.get("name").asText());
        assertEquals(2, created.get("aliases").size(), "aliases are kept once whatever their case");
        assertEquals("alive", created.get("status").asText());
        assertEquals(book, created.at("/first_appearance_book/id").asLong());
        JsonNode updated = ok("update_character", "character_id", id, "status", "missing", "character_type", "supporting");
        assertEquals("missing", updated.get("status").asText());
        assertEquals("Ged Sparrowhawk", updated.get("full_name").asText());
        character(series);
        JsonNode supporting = ok("list_characters", "series_id", series, "character_type", "supporting");
        assertEquals(1, supporting.get("count").asInt());
        assertEquals(id, supporting.at("/characters/0/id").asLong());
        assertEquals(2, ok("list_characters", "series_id", series).get("count").asInt());
        JsonNode read = ok("get_character", "character_id", id);
        assertEquals("missing", read.get("status").asText());
        assertEquals(0, read.get("detail_count").asInt());
    }

    @Test
    void detailsAreAddedChangedAndReadByCategory() {
        long series = series();
        long book = book(series, 1);
        long id = character(series);
        JsonNode added = ok("add_character_detail", "character_id", id, "category", "physical", "attribute", "eye_color",
                "value", "grey", "source_book_id", book);
        assertEquals("established", added.get("confidence_level").asText());
        ok("add_character_detail", "character_id", id, "category", "background", "attribute", "home", "value", "Gont",
                "confidence_level", "mentioned");
        JsonNode changed = ok("update_character_detail", "character_id", id, "category", "Physical",
                "attribute", "EYE_COLOR", "value", "dark");
        assertEquals("grey", changed.get("previous_value").asText());
        assertEquals("dark", changed.get("value").asText());
        JsonNode physical = ok("get_character_details", "character_id", id, "category", "physical");
        assertEquals(1, physical.get("count").asInt());
        assertEquals("dark", physical.at("/by_category/physical/eye_color").asText());
        assertEquals(2, physical.get("available_categories").size());
        assertEquals(2, ok("get_character", "character_id", id).get("detail_count").asInt());
    }

    @Test
    void anArcPerBookIsSetThenReplaced() {
        long series = series();
        long book = book(series, 1);
        long id = character(series);
        JsonNode first = ok("create_character_arc", "character_id", id, "book_id", book, "arc_description", "grows up",
                "start_state", "boy", "end_state", "wizard");
        assertTrue(first.get("created").asBoolean());
        JsonNode second = ok("create_character_arc", "character_id", id, "book_id", book, "arc_description", "learns");
        assertFalse(second.get("created").asBoolean());
        assertEquals("grows up", second.at("/previous/arc_description").asText());
        assertEquals("wizard", second.get("ending_state").asText(), "an omitted end_state is kept");
        JsonNode read = ok("get_character", "character_id", id);
        assertEquals(1, read.get("arcs").size());
        assertEquals("learns", read.at("/arcs/0/arc_description").asText());
    }

    @Test
    void errorsNameTheArgumentOrTheMissingRow() {
        long series = series();
        long id = character(series);
        String name = ok("get_character", "character_id", id).get("name").asText();
        fails("conflict", List.of("character " + id), "create_character", "series_id", series, "name",
                name.toUpperCase());
        notFound(MISSING, "create_character", "series_id", MISSING, "name", "N");
        invalid("name", "create_character", "series_id", series, "name", " ");
        invalid("aliases", "create_character", "series_id", series, "name", "N1", "aliases", List.of(" "));
        invalid("character_type", "create_character", "series_id", series, "name", "N2", "character_type", "hero");
        invalid("first_appearance_book_id", "create_character", "series_id", series, "name", "N3",
                "first_appearance_book_id", book());
        invalid("arguments", "update_character", "character_id", id);
        notFound(MISSING, "update_character", "character_id", MISSING, "status", "dead");
        notFound(MISSING, "list_characters", "series_id", MISSING);
        notFound(MISSING, "get_character", "character_id", MISSING);
        notFound(MISSING, "get_character_details", "character_id", MISSING);
        invalid("category", "get_character_details", "character_id", id, "category", " ");
        ok("add_character_detail", "character_id", id, "category", "c", "attribute", "a", "value", "v");
        fails("conflict", List.of("update_character_detail"), "add_character_detail", "character_id", id,
                "category", "C", "attribute", "A", "value", "w");
        invalid("value", "add_character_detail", "character_id", id, "category", "c", "attribute", "b", "value", "");
        notFound(MISSING, "add_character_detail", "character_id", MISSING, "category", "c", "attribute", "a",
                "value", "v");
        fails("not_found", List.of("add_character_detail"), "update_character_detail", "character_id", id,
                "category", "c", "attribute", "none", "value", "v");
        invalid("confidence_level", "update_character_detail", "character_id", id, "category", "c", "attribute", "a",
                "value", "v", "confidence_level", "certain");
        invalid("book_id", "create_character_arc", "character_id", id, "book_id", book(), "arc_description", "d");
        notFound(MISSING, "create_character_arc", "character_id", id, "book_id", MISSING, "arc_description", "d");
        invalid("arc_description", "create_character_arc", "character_id", id, "book_id", book(series, 1),
                "arc_description", " ");
    }
}
