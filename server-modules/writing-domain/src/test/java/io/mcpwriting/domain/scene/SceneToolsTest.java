package io.mcpwriting.domain.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.domain.testing.DomainTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** create_scene, update_scene, get_scene, list_scenes, get_characters_in_chapter. */
class SceneToolsTest extends DomainTest {

    @Test
    void aSceneIsCreatedChangedAndReadWithItsCast() {
        long book = book();
        long series = seriesOf(book);
        long chapter = chapter(book, 1);
        long pov = character(series);
        long other = character(series);
        JsonNode created = ok("create_scene", "chapter_id", chapter, "scene_number", 1, "scene_title", " Arrival ",
                "scene_type", "Dramatic", "pov_character_id", pov, "scene_participants", List.of(other, other),
                "scene_content", "Three words here", "intensity_level", 4);
        long id = id(created);
        assertEquals("Arrival", created.get("scene_title").asText());
        assertEquals(3, created.get("word_count").asInt(), "counted from the content");
        assertEquals(1, created.get("scene_participants").size(), "participants once each");
        assertEquals("planned", created.get("writing_status").asText());
        JsonNode updated = ok("update_scene", "scene_id", id, "writing_status", "draft",
                "scene_content", "Now there are five words", "scene_elements", List.of("clue"));
        assertEquals(5, updated.get("word_count").asInt());
        assertEquals("draft", updated.get("writing_status").asText());
        assertEquals("clue", updated.at("/scene_elements/0").asText());
        JsonNode read = ok("get_scene", "scene_id", id, "include_characters", true);
        assertEquals("Now there are five words", read.get("scene_content").asText());
        assertEquals(pov, read.at("/characters/pov/character_id").asLong());
        assertEquals(other, read.at("/characters/participants/0/character_id").asLong());
        JsonNode cast = ok("get_characters_in_chapter", "chapter_id", chapter);
        assertEquals(2, cast.get("count").asInt());
        assertEquals(2, cast.get("without_presence_record").asInt());
        ok("track_character_presence", "character_id", pov, "chapter_id", chapter, "presence_type", "present",
                "importance_level", "major");
        JsonNode majors = ok("get_characters_in_chapter", "chapter_id", chapter, "importance_level", "major",
                "scene_number", 1);
        assertEquals(1, majors.get("count").asInt());
        assertEquals(pov, majors.at("/characters/0/character_id").asLong());
    }

    @Test
    void listScenesFiltersAndAddsStats() {
        long chapter = chapter(book(), 1);
        ok("create_scene", "chapter_id", chapter, "scene_number", 2, "scene_type", "action", "target_word_count", 100,
                "scene_content", "one two");
        ok("create_scene", "chapter_id", chapter, "scene_number", 1, "writing_status", "final");
        JsonNode all = ok("list_scenes", "chapter_id", chapter, "include_stats", true);
        assertEquals(2, all.get("count").asInt());
        assertEquals(1, all.at("/scenes/0/scene_number").asInt());
        assertFalse(all.at("/scenes/1").has("scene_content"), "full text only through get_scene");
        assertTrue(all.at("/scenes/1/has_content").asBoolean());
        assertEquals(2, all.at("/stats/total_word_count").asInt());
        assertEquals(1, ok("list_scenes", "chapter_id", chapter, "scene_type", "action").get("count").asInt());
        assertEquals(1, ok("list_scenes", "chapter_id", chapter, "writing_status", "FINAL").get("count").asInt());
    }

    @Test
    void errorsNameTheArgumentOrTheMissingRow() {
        long book = book();
        long chapter = chapter(book, 1);
        long scene = scene(chapter, 1);
        fails("conflict", List.of("scene " + scene), "create_scene", "chapter_id", chapter, "scene_number", 1);
        invalid("scene_number", "create_scene", "chapter_id", chapter, "scene_number", 0);
        invalid("scene_type", "create_scene", "chapter_id", chapter, "scene_number", 2, "scene_type", "musical");
        invalid("writing_status", "create_scene", "chapter_id", chapter, "scene_number", 3, "writing_status", "idea");
        invalid("time_of_day", "create_scene", "chapter_id", chapter, "scene_number", 4, "time_of_day", "x".repeat(51));
        invalid("intensity_level", "create_scene", "chapter_id", chapter, "scene_number", 5, "intensity_level", 11);
        long stranger = character(series());
        fails("not_found", List.of(String.valueOf(stranger)), "create_scene", "chapter_id", chapter,
                "scene_number", 6, "pov_character_id", stranger);
        notFound(MISSING, "create_scene", "chapter_id", MISSING, "scene_number", 1);
        invalid("arguments", "update_scene", "scene_id", scene);
        invalid("word_count", "update_scene", "scene_id", scene, "word_count", -1);
        invalid("scene_title", "update_scene", "scene_id", scene, "scene_title", "  ");
        notFound(MISSING, "update_scene", "scene_id", MISSING, "notes", "n");
        notFound(MISSING, "get_scene", "scene_id", MISSING);
        notFound(MISSING, "list_scenes", "chapter_id", MISSING);
        invalid("scene_type", "list_scenes", "chapter_id", chapter, "scene_type", "musical");
        notFound(MISSING, "get_characters_in_chapter", "chapter_id", MISSING);
        fails("not_found", List.of("scene number 9"), "get_characters_in_chapter", "chapter_id", chapter,
                "scene_number", 9);
        invalid("presence_type", "get_characters_in_chapter", "chapter_id", chapter, "presence_type", "ghost");
    }
}
