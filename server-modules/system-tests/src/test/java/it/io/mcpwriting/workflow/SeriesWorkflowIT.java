package it.io.mcpwriting.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.McpSession;
import it.io.mcpwriting.support.Outcome;
import it.io.mcpwriting.support.TestDb;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One series planned the way an assistant would, across servers: what one server writes, another reads back.
 * Author → series → two books → chapters → characters → scenes → presence and knowledge → plot thread with a
 * reveal → timeline events mapped to chapters; then the scene, chapter-planning and book-planning servers see it all.
 */
class SeriesWorkflowIT {

    private static McpSession author;
    private static McpSession series;
    private static McpSession books;
    private static McpSession chapters;
    private static McpSession characters;
    private static McpSession scenes;

    @BeforeAll
    static void connect() {
        author = McpSession.open("author");
        series = McpSession.open("series-planning");
        books = McpSession.open("book-planning");
        chapters = McpSession.open("chapter-planning");
        characters = McpSession.open("character-planning");
        scenes = McpSession.open("scene");
    }

    @AfterAll
    static void disconnect() {
        for (McpSession s : new McpSession[] {author, series, books, chapters, characters, scenes}) {
            s.close();
        }
    }

    @Test
    void aSeriesWrittenThroughSixServersReadsBackEverywhere() {
        long authorId = author.call("create_author", "name", TestDb.unique("Workflow author")).ok().id();
        long seriesId = series.call("create_series", "title", TestDb.unique("The Long Winter"), "author_id", authorId)
                .ok().id();
        long book1 = books.call("create_book", "title", "Frost", "series_id", seriesId, "book_number", 1).ok().id();
        long book2 = books.call("create_book", "title", "Thaw", "series_id", seriesId, "book_number", 2).ok().id();

        long heroId = characters.call("create_character", "series_id", seriesId, "name", "Mara", "character_type", "main",
                "first_appearance_book_id", book1).ok().id();
        long rivalId = characters.call("create_character", "series_id", seriesId, "name", "Osk", "character_type",
                "antagonist").ok().id();

        long ch1 = chapters.call("book_create_chapter", "book_id", book1, "chapter_number", 1, "title", "First snow",
                "pov_character_id", heroId, "target_word_count", 3000).ok().id();
        long ch2 = chapters.call("book_create_chapter", "book_id", book1, "chapter_number", 2, "title", "The letter")
                .ok().id();
        long ch3 = chapters.call("book_create_chapter", "book_id", book2, "chapter_number", 1, "title", "Meltwater")
                .ok().id();

        scenes.call("create_scene", "chapter_id", ch1, "scene_number", 1, "scene_title", "At the gate",
                "pov_character_id", heroId, "scene_participants", List.of(heroId, rivalId)).ok();
        scenes.call("create_scene", "chapter_id", ch2, "scene_number", 1, "scene_title", "Reading",
                "pov_character_id", heroId).ok();

        chapters.call("track_character_presence", "character_id", heroId, "chapter_id", ch1, "presence_type", "present",
                "importance_level", "major", "emotional_state", "wary").ok();
        chapters.call("track_character_presence", "character_id", rivalId, "chapter_id", ch1, "presence_type",
                "present", "importance_level", "minor").ok();
        chapters.call("character_add_character_knowledge_with_chapter", "character_id", heroId, "knowledge_category",
                "secret", "knowledge_item", "Osk forged the letter", "knowledge_level", "suspects",
                "learned_chapter_id", ch2).ok();

        long threadId = books.call("create_plot_thread", "series_id", seriesId, "title", "The forged letter",
                "description", "Who wrote it", "thread_type", "mystery_element", "related_characters",
                List.of(heroId, rivalId)).ok().id();
        chapters.call("plot_create_information_reveal", "plot_thread_id", threadId, "reveal_type", "secret",
                "information_content", "Osk forged the letter", "reveal_method", "confession", "significance_level",
                "major", "revealed_in_chapter", ch3, "affects_characters", List.of(heroId)).ok();

        long eventId = books.call("create_timeline_event", "series_id", seriesId, "event_name", "The letter arrives",
                "event_date", "Winter, year 1", "book_id", book1, "participants", List.of(heroId)).ok().id();
        chapters.call("timeline_map_event_to_chapter", "event_id", eventId, "chapter_id", ch2, "presentation_type",
                "direct_scene", "completeness", "full").ok();

        // scene reads the characters that character-planning created and chapter-planning placed
        Outcome cast = scenes.call("get_characters_in_chapter", "chapter_id", ch1).ok();
        assertEquals(2, cast.number("count"));
        List<Map<String, Object>> listed = cast.list("characters");
        assertEquals("Mara", listed.get(0).get("name"), "the major character comes first");
        assertTrue(listed.stream().anyMatch(c -> "Osk".equals(c.get("name"))));

        // chapter-planning answers who knows what, from knowledge recorded against a chapter
        Outcome knowers = chapters.call("character_get_characters_who_know", "series_id", seriesId, "knowledge_item",
                "forged").ok();
        assertEquals(1, knowers.number("count"));

        // book-planning sees the chapters chapter-planning wrote
        Outcome book = books.call("get_book", "book_id", book1, "include_chapters", true).ok();
        assertEquals(2, book.list("chapters").size());
        Outcome listedBooks = books.call("list_books", "series_id", seriesId, "include_stats", true).ok();
        assertEquals(2, listedBooks.number("count"));

        // series-planning's overview counts what the other servers made
        Outcome overview = series.call("get_series", "series_id", seriesId).ok();
        assertEquals(2, ((List<?>) overview.get("books")).size());

        // character-planning's knowledge check sees the chapter-level knowledge
        Outcome knowledge = characters.call("check_character_knowledge", "character_id", heroId, "knowledge_item",
                "forged").ok();
        assertEquals("suspects", knowledge.get("strongest_level"));

        // the scene server's structure check runs over everything stored for the book
        Outcome structure = scenes.call("validate_chapter_structure", "book_id", book1).ok();
        assertTrue(structure.text().contains("checks"), structure.text());
        assertEquals(3L, TestDb.count("SELECT count(*) FROM chapters c JOIN books b ON b.id = c.book_id WHERE b.series_id = ?",
                seriesId));
    }
}
