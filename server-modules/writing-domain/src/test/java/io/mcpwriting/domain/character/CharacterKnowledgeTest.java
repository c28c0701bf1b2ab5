package io.mcpwriting.domain.character;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.domain.testing.DomainTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * track_character_presence, character_add_character_knowledge_with_chapter, character_get_characters_who_know,
 * check_character_knowledge, check_character_continuity.
 */
class CharacterKnowledgeTest extends DomainTest {

    @Test
    void presenceIsTrackedThenUpdated() {
        long book = book();
        long chapter = chapter(book, 1);
        long scene = scene(chapter, 1);
        long ged = character(seriesOf(book));
        JsonNode first = ok("track_character_presence", "character_id", ged, "chapter_id", chapter, "scene_id", scene,
                "presence_type", "present", "importance_level", "major", "physical_state", "tired",
                "enters_at_scene", 1, "exits_at_scene", 3, "learns_this_chapter", List.of("the true name"));
        assertEquals("new", first.get("recorded").asText());
        assertEquals(1, first.get("warnings").size(), "exit past the chapter's last scene: " + first);
        JsonNode again = ok("track_character_presence", "character_id", ged, "chapter_id", chapter,
                "presence_type", "mentioned", "emotional_state", "afraid");
        assertEquals("updated", again.get("recorded").asText());
        assertEquals("tired", again.get("physical_state").asText());
        JsonNode cast = ok("get_characters_in_chapter", "chapter_id", chapter);
        assertTrue(cast.toString().contains("afraid"), cast::toString);
    }

    @Test
    void knowledgeIsRecordedPerChapterAndFoundByItem() {
        long series = series();
        long book = book(series, 1);
        long one = chapter(book, 1);
        long two = chapter(book, 2);
        long ged = character(series);
        long vetch = character(series);
        JsonNode first = ok("character_add_character_knowledge_with_chapter", "character_id", ged,
                "knowledge_category", "secret", "knowledge_item", "The shadow's name", "knowledge_level", "suspects",
                "learned_chapter_id", one);
        assertEquals("new", first.get("recorded").asText());
        JsonNode second = ok("character_add_character_knowledge_with_chapter", "character_id", ged,
                "knowledge_category", "secret", "knowledge_item", "the shadow's name", "learned_chapter_id", two,
                "learned_context", "he faces it");
        assertEquals(2, second.get("history").size());
        ok("character_add_character_knowledge_with_chapter", "character_id", vetch, "knowledge_category", "secret",
                "knowledge_item", "the shadow's name", "knowledge_level", "unaware", "learned_chapter_id", one);
        JsonNode knowers = ok("character_get_characters_who_know", "series_id", series, "knowledge_item", "SHADOW",
                "knowledge_level", "knows");
        assertEquals(1, knowers.get("count").asInt());
        assertEquals(ged, knowers.at("/characters/0/character_id").asLong());
        assertEquals(two, knowers.at("/characters/0/learned_chapter_id").asLong());
        JsonNode check = ok("check_character_knowledge", "character_id", ged, "knowledge_item", "shadow");
        assertEquals("knows", check.get("strongest_level").asText());
        assertEquals(2, check.get("knowledge").size());
        assertEquals("no_record", ok("check_character_knowledge", "character_id", ged, "knowledge_item", "dragon")
                .get("strongest_level").asText());
    }

    @Test
    void continuityFindsAnUnexplainedChangeOfState() {
        long series = series();
        long book = book(series, 1);
        long one = chapter(book, 1);
        long two = chapter(book, 2);
        long ged = character(series);
        ok("track_character_presence", "character_id", ged, "chapter_id", one, "presence_type", "present",
                "physical_state", "scarred face");
        ok("track_character_presence", "character_id", ged, "chapter_id", two, "presence_type", "present",
                "physical_state", "unmarked face");
        JsonNode report = ok("check_character_continuity", "character_id", ged, "from_chapter_id", one,
                "to_chapter_id", two, "check_type", "physical_state");
        assertTrue(report.toString().contains("unmarked face"), report::toString);
        ok("check_character_continuity", "character_id", ged, "from_chapter_id", one, "to_chapter_id", two);
    }

    @Test
    void errorsNameTheArgumentOrTheMissingRow() {
        long series = series();
        long book = book(series, 1);
        long one = chapter(book, 1);
        long two = chapter(book, 2);
        long ged = character(series);
        long elsewhere = chapter(book(), 1);
        invalid("presence_type", "track_character_presence", "character_id", ged, "chapter_id", one,
                "presence_type", "hiding");
        invalid("chapter_id", "track_character_presence", "character_id", ged, "chapter_id", elsewhere,
                "presence_type", "present");
        invalid("exits_at_scene", "track_character_presence", "character_id", ged, "chapter_id", one,
                "presence_type", "present", "enters_at_scene", 3, "exits_at_scene", 2);
        notFound(MISSING, "track_character_presence", "character_id", MISSING, "chapter_id", one,
                "presence_type", "present");
        notFound(MISSING, "track_character_presence", "character_id", ged, "chapter_id", one, "scene_id", MISSING,
                "presence_type", "present");
        invalid("learned_chapter_id", "character_add_character_knowledge_with_chapter", "character_id", ged,
                "knowledge_category", "c", "knowledge_item", "i", "learned_chapter_id", elsewhere);
        invalid("knowledge_item", "character_add_character_knowledge_with_chapter", "character_id", ged,
                "knowledge_category", "c", "knowledge_item", "x".repeat(256), "learned_chapter_id", one);
        notFound(MISSING, "character_add_character_knowledge_with_chapter", "character_id", ged,
                "knowledge_category", "c", "knowledge_item", "i", "learned_chapter_id", MISSING);
        notFound(MISSING, "character_get_characters_who_know", "series_id", MISSING, "knowledge_item", "x");
        invalid("knowledge_item", "character_get_characters_who_know", "series_id", series, "knowledge_item", " ");
        notFound(MISSING, "check_character_knowledge", "character_id", MISSING);
        invalid("knowledge_category", "check_character_knowledge", "character_id", ged, "knowledge_category", "");
        invalid("to_chapter_id", "check_character_continuity", "character_id", ged, "from_chapter_id", two,
                "to_chapter_id", one);
        invalid("from_chapter_id", "check_character_continuity", "character_id", ged, "from_chapter_id", elsewhere,
                "to_chapter_id", two);
        notFound(MISSING, "check_character_continuity", "character_id", MISSING, "from_chapter_id", one,
                "to_chapter_id", two);
        notFound(MISSING, "check_character_continuity", "character_id", ged, "from_chapter_id", one,
                "to_chapter_id", MISSING);
        invalid("check_type", "check_character_continuity", "character_id", ged, "from_chapter_id", one,
                "to_chapter_id", two, "check_type", "mood");
    }
}
