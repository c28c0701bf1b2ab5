package io.mcpwriting.domain.chapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.domain.testing.DomainTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** book_create_chapter, book_update_chapter, book_get_chapter, book_list_chapters. */
class ChapterToolsTest extends DomainTest {

    @Test
    void aChapterIsCreatedChangedAndReadWithItsScenesAndCharacters() {
        long book = book();
        long pov = character(seriesOf(book));
        JsonNode created = ok("book_create_chapter", "book_id", book, "chapter_number", 1, "title", " Opening ",
                "summary", "It starts", "target_word_count", 3000, "status", "Draft", "pov_character_id", pov);
        long id = id(created);
        assertEquals("Opening", created.get("title").asText());
        assertEquals("draft", created.get("status").asText());
        assertEquals(pov, created.get("pov_character_id").asLong());
        JsonNode updated = ok("book_update_chapter", "chapter_id", id, "word_count", 2500, "writing_notes", "tighten",
                "status", "revision");
        assertEquals(2500, updated.get("word_count").asInt());
        assertEquals("revision", updated.get("status").asText());
        assertEquals("It starts", updated.get("summary").asText());
        scene(id, 1);
        ok("track_character_presence", "character_id", pov, "chapter_id", id, "presence_type", "present");
        JsonNode read = ok("book_get_chapter", "chapter_id", id, "include_scenes", true, "include_characters", true);
        assertEquals(1, read.get("scenes").size());
        assertEquals(pov, read.at("/characters/0/character_id").asLong());
        assertTrue(read.at("/characters/0/is_pov").asBoolean());
    }

    @Test
    void listChaptersInOrderWithStatsAndAStatusFilter() {
        long book = book();
        chapter(book, 2);
        ok("book_create_chapter", "book_id", book, "chapter_number", 1, "status", "final");
        JsonNode all = ok("book_list_chapters", "book_id", book, "include_stats", true);
        assertEquals(2, all.get("chapters").size());
        assertEquals(1, all.at("/chapters/0/chapter_number").asInt());
        JsonNode finals = ok("book_list_chapters", "book_id", book, "status", "final");
        assertEquals(1, finals.get("chapters").size());
    }

    @Test
    void errorsNameTheArgumentOrTheMissingRow() {
        long book = book();
        chapter(book, 1);
        fails("conflict", List.of("chapter number 1"), "book_create_chapter", "book_id", book, "chapter_number", 1);
        notFound(MISSING, "book_create_chapter", "book_id", MISSING, "chapter_number", 1);
        invalid("chapter_number", "book_create_chapter", "book_id", book, "chapter_number", 0);
        invalid("status", "book_create_chapter", "book_id", book, "chapter_number", 5, "status", "sketch");
        long otherSeriesCharacter = character(series());
        invalid("pov_character_id", "book_create_chapter", "book_id", book, "chapter_number", 6,
                "pov_character_id", otherSeriesCharacter);
        long chapter = chapter(book, 7);
        invalid("arguments", "book_update_chapter", "chapter_id", chapter);
        invalid("word_count", "book_update_chapter", "chapter_id", chapter, "word_count", -5);
        notFound(MISSING, "book_update_chapter", "chapter_id", MISSING, "title", "x");
        notFound(MISSING, "book_get_chapter", "chapter_id", MISSING);
        notFound(MISSING, "book_list_chapters", "book_id", MISSING);
        invalid("status", "book_list_chapters", "book_id", book, "status", "sketch");
    }
}
