package io.mcpwriting.domain.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.domain.testing.DomainTest;
import io.mcpwriting.mcp.prompt.Completion;
import io.mcpwriting.mcp.prompt.CompletionDefinition;
import io.mcpwriting.mcp.prompt.PromptReply;
import io.mcpwriting.mcp.resource.ResourceBody;
import io.mcpwriting.mcp.tool.ErrorKind;
import io.mcpwriting.mcp.tool.ToolException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The story's resources (writing://series/..., books, chapters, scenes, characters), prompts and argument
 * completions, read as the servers read them. The file resources are tested with the tools that write the files.
 */
class StoryContextTest extends DomainTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static long series;
    private static long book;
    private static long chapter;
    private static long scene;
    private static long hero;

    @BeforeAll
    static void aSmallStory() {
        series = id(ok("create_series", "title", "Earthsea", "author_id", author()));
        book = id(ok("create_book", "title", "A Wizard of Earthsea", "series_id", series, "book_number", 1));
        chapter = id(ok("book_create_chapter", "book_id", book, "chapter_number", 1, "title", "Warriors in the Mist",
                "summary", "The boy saves his village"));
        hero = id(ok("create_character", "series_id", series, "name", "Ged"));
        scene = id(ok("create_scene", "chapter_id", chapter, "scene_number", 1, "scene_title", "The fog",
                "scene_content", "Fog rose from the sea.", "pov_character_id", hero));
        ok("create_location", "series_id", series, "name", "Gont", "location_type", "island");
        ok("character_add_character_knowledge_with_chapter", "character_id", hero, "knowledge_category", "magic",
                "knowledge_item", "the word of binding", "learned_chapter_id", chapter);
        ok("create_character_arc", "character_id", hero, "book_id", book, "arc_description", "From pride to care");
    }

    @Test
    void everyResourceReadsItsRow() {
        assertTrue(TOOLS.resources().keySet().containsAll(Set.of("book", "book_manuscript", "chapter", "character",
                "scene", "series", "series_bible")), TOOLS.resources().keySet()::toString);
        assertTrue(text("writing://series/" + series).contains("Earthsea"));
        assertTrue(text("writing://series/" + series + "/bible").contains("Gont"));
        assertTrue(text("writing://books/" + book).contains("Warriors in the Mist"), "with its chapters");
        assertTrue(text("writing://books/" + book + "/manuscript").contains("Fog rose from the sea."));
        String chapterText = text("writing://chapters/" + chapter);
        assertTrue(chapterText.contains("The boy saves his village") && chapterText.contains("Fog rose"), chapterText);
        assertTrue(text("writing://scenes/" + scene).contains("\"pov\""));
        assertTrue(text("writing://characters/" + hero).contains("the word of binding"));
    }

    @Test
    void aMissingRowIsNotFound() {
        for (String uri : List.of("writing://series/" + MISSING, "writing://series/" + MISSING + "/bible",
                "writing://books/" + MISSING, "writing://books/" + MISSING + "/manuscript",
                "writing://chapters/" + MISSING, "writing://scenes/" + MISSING, "writing://characters/" + MISSING)) {
            ToolException e = assertThrows(ToolException.class, () -> TOOLS.read(uri), uri);
            assertEquals(ErrorKind.NOT_FOUND, e.kind(), uri);
            assertTrue(e.getMessage().contains(String.valueOf(MISSING)), e.getMessage());
        }
        ToolException e = assertThrows(ToolException.class, () -> TOOLS.read("writing://books/two"));
        assertEquals(ErrorKind.VALIDATION, e.kind());
        assertTrue(e.getMessage().contains("book_id"), e.getMessage());
    }

    @Test
    void everyPromptEmbedsItsContext() {
        Map<String, Map<String, String>> calls = Map.of(
                "plan_next_chapter", Map.of("book_id", String.valueOf(book)),
                "draft_scene", Map.of("scene_id", String.valueOf(scene), "style", "spare"),
                "continuity_review", Map.of("chapter_id", String.valueOf(chapter)),
                "series_bible_summary", Map.of("series_id", String.valueOf(series)),
                "revise_chapter", Map.of("chapter_id", String.valueOf(chapter), "focus", "pacing"));
        assertEquals(calls.keySet(), TOOLS.prompts().keySet());
        for (Map.Entry<String, Map<String, String>> call : calls.entrySet()) {
            PromptReply reply = TOOLS.prompt(call.getKey(), call.getValue());
            assertTrue(reply.messages().stream().anyMatch(m -> m.text() != null), call.getKey());
            assertTrue(reply.messages().stream().anyMatch(m -> m.uri() != null && m.resource().isText()),
                    call.getKey() + " embeds a resource");
        }
        assertTrue(TOOLS.prompt("plan_next_chapter", Map.of("book_id", String.valueOf(book))).description()
                .contains("chapter 2"));
    }

    @Test
    void draftSceneGivesThePovCharactersKnowledgeAndArc() {
        PromptReply reply = TOOLS.prompt("draft_scene", Map.of("scene_id", String.valueOf(scene)));
        JsonNode pov = JSON.readTree(reply.messages().stream()
                .filter(m -> ("writing://characters/" + hero).equals(m.uri())).findFirst().orElseThrow()
                .resource().text());
        assertEquals("the word of binding", pov.get("knowledge").get(0).get("item").asString());
        JsonNode arc = pov.get("arcs").get(0);
        assertEquals("From pride to care", arc.get("arc").asString());
        assertEquals(book, arc.get("book_id").asLong());
        assertEquals(1, arc.get("book_number").asInt());
        assertTrue(reply.messages().stream().anyMatch(m -> m.text() != null && m.text().contains("(book_id " + book)),
                "the instructions name the book whose arc to follow");
    }

    @Test
    void aPromptNamesAMissingArgumentOrRow() {
        ToolException missing = assertThrows(ToolException.class, () -> TOOLS.prompt("draft_scene", Map.of()));
        assertEquals(ErrorKind.VALIDATION, missing.kind());
        assertTrue(missing.getMessage().contains("scene_id"), missing.getMessage());
        for (String prompt : List.of("plan_next_chapter", "draft_scene", "continuity_review", "revise_chapter")) {
            String argument = TOOLS.prompts().get(prompt).params().get(0).name();
            ToolException e = assertThrows(ToolException.class,
                    () -> TOOLS.prompt(prompt, Map.of(argument, String.valueOf(MISSING))), prompt);
            assertEquals(ErrorKind.NOT_FOUND, e.kind(), prompt + ": " + e.getMessage());
        }
    }

    @Test
    void idsAreCompletedByDigitsOrWordsWithinTheChosenParent() {
        assertEquals(Set.of("book_id", "chapter_id", "character_id", "scene_id", "series_id"),
                TOOLS.completions().keySet());
        assertEquals(List.of(String.valueOf(series)), TOOLS.complete("series_id", "earth", Map.of()));
        assertEquals(List.of(String.valueOf(book)), TOOLS.complete("book_id", "wiz",
                Map.of("series_id", String.valueOf(series))));
        assertEquals(List.of(String.valueOf(chapter)), TOOLS.complete("chapter_id", "mist",
                Map.of("book_id", String.valueOf(book))));
        assertEquals(List.of(String.valueOf(scene)), TOOLS.complete("scene_id", "fog", Map.of()));
        assertEquals(List.of(String.valueOf(hero)), TOOLS.complete("character_id", "Ge",
                Map.of("series_id", String.valueOf(series))));
        assertEquals(List.of(), TOOLS.complete("book_id", "wiz", Map.of("series_id", String.valueOf(MISSING))));
        assertEquals(List.of(), TOOLS.complete("series_id", "100%_", Map.of()), "wildcards are taken literally");
    }

    @Test
    void moreIsSaidOnlyWhenMoreThanTheLimitMatch() {
        long tides = book(series, 2);
        DB.asOwner("INSERT INTO chapters (book_id, chapter_number, title) SELECT " + tides + ", g, 'Tide ' || g "
                + "FROM generate_series(1, " + Completion.LIMIT + ") g");
        Map<String, String> inBook = Map.of("book_id", String.valueOf(tides));
        CompletionDefinition.Completed exactly = TOOLS.completed("chapter_id", "tide", inBook);
        assertEquals(Completion.LIMIT, exactly.values().size());
        assertFalse(exactly.hasMore(), "exactly the limit matched: nothing was left out");
        ok("book_create_chapter", "book_id", tides, "chapter_number", Completion.LIMIT + 1, "title", "Tide last");
        CompletionDefinition.Completed more = TOOLS.completed("chapter_id", "tide", inBook);
        assertEquals(Completion.LIMIT, more.values().size());
        assertTrue(more.hasMore(), "one more matched than is sent");
    }

    private static String text(String uri) {
        ResourceBody body = TOOLS.read(uri);
        assertTrue(body.isText(), uri);
        return body.text();
    }
}
