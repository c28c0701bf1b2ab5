package io.mcpwriting.domain.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mcpwriting.domain.testing.DomainTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** create_timeline_event, update_timeline_event, timeline_map_event_to_chapter, update_event_mapping, get_event_mappings. */
class TimelineToolsTest extends DomainTest {

    @Test
    void anEventIsCreatedChangedMappedAndReadInStoryOrder() {
        long series = series();
        long book = book(series, 1);
        long one = chapter(book, 1);
        long two = chapter(book, 2);
        long ged = character(series);
        long vetch = character(series);
        JsonNode created = ok("create_timeline_event", "series_id", series, "event_name", " The Summoning ",
                "event_date", "Year 1, spring", "book_id", book, "participants", List.of(ged), "significance", "major");
        long event = id(created);
        assertEquals("The Summoning", created.get("event_name").asText());
        assertEquals(1, created.get("participants").size());
        assertEquals(true, created.get("is_public_knowledge").asBoolean());
        JsonNode updated = ok("update_timeline_event", "event_id", event, "participants", List.of(vetch),
                "is_public_knowledge", false);
        assertEquals(vetch, updated.at("/participants/0/character_id").asLong());
        assertEquals(false, updated.get("is_public_knowledge").asBoolean());
        long later = id(ok("timeline_map_event_to_chapter", "event_id", event, "chapter_id", two,
                "presentation_type", "memory", "completeness", "partial"));
        JsonNode first = ok("timeline_map_event_to_chapter", "event_id", event, "chapter_id", one, "scene_number", 2,
                "presentation_type", "direct_scene", "pov_character_id", ged);
        assertEquals(later, first.at("/other_mappings/0/mapping_id").asLong());
        JsonNode changed = ok("update_event_mapping", "mapping_id", later, "completeness", "glimpse",
                "narrative_function", "haunts him");
        assertEquals("glimpse", changed.get("completeness").asText());
        JsonNode read = ok("get_event_mappings", "event_id", event);
        assertEquals(2, read.get("count").asInt());
        assertEquals(one, read.at("/mappings/0/chapter_id").asLong());
        assertEquals("haunts him", read.at("/mappings/1/narrative_function").asText());
        assertEquals("Year 1, spring", read.at("/event/event_date").asText());
        assertEquals(1, read.at("/presentation_types/memory").asInt());
    }

    @Test
    void errorsNameTheArgumentOrTheMissingRow() {
        long series = series();
        long book = book(series, 1);
        long chapter = chapter(book, 1);
        invalid("event_name", "create_timeline_event", "series_id", series, "event_name", " ", "event_date", "d");
        invalid("event_date", "create_timeline_event", "series_id", series, "event_name", "e");
        invalid("significance", "create_timeline_event", "series_id", series, "event_name", "e", "event_date", "d",
                "significance", "huge");
        notFound(MISSING, "create_timeline_event", "series_id", MISSING, "event_name", "e", "event_date", "d");
        long foreignBook = book();
        notFound(foreignBook, "create_timeline_event", "series_id", series, "event_name", "e", "event_date", "d",
                "book_id", foreignBook);
        long stranger = character(series());
        notFound(stranger, "create_timeline_event", "series_id", series, "event_name", "e", "event_date", "d",
                "participants", List.of(stranger));
        long event = id(ok("create_timeline_event", "series_id", series, "event_name", "e", "event_date", "d"));
        invalid("arguments", "update_timeline_event", "event_id", event);
        invalid("book_id", "update_timeline_event", "event_id", event, "book_id", book());
        notFound(MISSING, "update_timeline_event", "event_id", MISSING, "event_name", "x");
        long mapping = id(ok("timeline_map_event_to_chapter", "event_id", event, "chapter_id", chapter));
        fails("conflict", List.of("mapping " + mapping), "timeline_map_event_to_chapter", "event_id", event,
                "chapter_id", chapter);
        invalid("chapter_id", "timeline_map_event_to_chapter", "event_id", event, "chapter_id", chapter(book(), 1));
        invalid("presentation_type", "timeline_map_event_to_chapter", "event_id", event, "chapter_id", chapter,
                "presentation_type", "vision");
        notFound(MISSING, "timeline_map_event_to_chapter", "event_id", MISSING, "chapter_id", chapter);
        invalid("arguments", "update_event_mapping", "mapping_id", mapping);
        invalid("scene_number", "update_event_mapping", "mapping_id", mapping, "scene_number", 0);
        notFound(MISSING, "update_event_mapping", "mapping_id", MISSING, "event_aspect", "a");
        notFound(MISSING, "get_event_mappings", "event_id", MISSING);
    }
}
