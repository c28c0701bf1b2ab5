package io.mcpwriting.domain.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.domain.testing.DomainTest;
import io.mcpwriting.mcp.resource.ResourceDefinition;
import io.mcpwriting.mcp.resource.ResourceEntry;
import io.mcpwriting.mcp.resource.ResourcePages;
import io.mcpwriting.mcp.tool.ErrorKind;
import io.mcpwriting.mcp.tool.ToolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * resources/list over the story's records: each template's lister on its own (names, titles, id order, the page
 * boundaries), and whole listings as the servers serve them, walked page by page at every page size.
 */
class StoryResourceListsTest extends DomainTest {

    private static long earthsea;
    private static long tehanu;
    private static long wizard;
    private static long shore;
    private static long mist;
    private static long untitled;
    private static long fog;
    private static long silent;
    private static long ged;
    private static long tenar;

    @BeforeAll
    static void twoSeries() {
        earthsea = id(ok("create_series", "title", "Earthsea", "author_id", author()));
        tehanu = id(ok("create_series", "title", "Tehanu Cycle", "author_id", author()));
        wizard = id(ok("create_book", "title", "A Wizard of Earthsea", "series_id", earthsea, "book_number", 1));
        shore = id(ok("create_book", "title", "The Farthest Shore", "series_id", earthsea, "book_number", 3));
        mist = id(ok("book_create_chapter", "book_id", wizard, "chapter_number", 1, "title", "Warriors in the Mist"));
        untitled = id(ok("book_create_chapter", "book_id", wizard, "chapter_number", 2));
        fog = id(ok("create_scene", "chapter_id", mist, "scene_number", 1, "scene_title", "The fog"));
        silent = id(ok("create_scene", "chapter_id", untitled, "scene_number", 4));
        ged = id(ok("create_character", "series_id", earthsea, "name", "Ged", "full_name", "Sparrowhawk of Gont"));
        tenar = id(ok("create_character", "series_id", tehanu, "name", "Tenar"));
    }

    @Test
    void everyTemplateListsItsResources() {
        Set<String> templates = TOOLS.resources().values().stream().filter(def -> !def.uri().variables().isEmpty())
                .map(ResourceDefinition::name).collect(Collectors.toSet());
        assertEquals(templates, TOOLS.listers().keySet(), "a template without a lister is missing from resources/list");
    }

    @Test
    void eachRecordIsListedByItsUriWithANameAndATitle() {
        assertEquals(List.of(
                listed("writing://series/" + earthsea, "Earthsea", "Series: Earthsea", "application/json"),
                listed("writing://series/" + tehanu, "Tehanu Cycle", "Series: Tehanu Cycle", "application/json")),
                all("series"));
        assertEquals(List.of(
                listed("writing://series/" + earthsea + "/bible", "Earthsea", "Story bible: Earthsea", MARKDOWN),
                listed("writing://series/" + tehanu + "/bible", "Tehanu Cycle", "Story bible: Tehanu Cycle", MARKDOWN)),
                all("series_bible"));
        assertEquals(List.of(
                listed("writing://books/" + wizard, "A Wizard of Earthsea", "Book 1: A Wizard of Earthsea",
                        "application/json"),
                listed("writing://books/" + shore, "The Farthest Shore", "Book 3: The Farthest Shore", "application/json")),
                all("book"));
        assertEquals(List.of(
                listed("writing://books/" + wizard + "/manuscript", "A Wizard of Earthsea",
                        "Manuscript: A Wizard of Earthsea", MARKDOWN),
                listed("writing://books/" + shore + "/manuscript", "The Farthest Shore", "Manuscript: The Farthest Shore",
                        MARKDOWN)),
                all("book_manuscript"));
        assertEquals(List.of(
                listed("writing://chapters/" + mist, "Warriors in the Mist",
                        "A Wizard of Earthsea, chapter 1: Warriors in the Mist", MARKDOWN),
                listed("writing://chapters/" + untitled, "Chapter 2", "A Wizard of Earthsea, chapter 2", MARKDOWN)),
                all("chapter"));
        assertEquals(List.of(
                listed("writing://scenes/" + fog, "The fog", "A Wizard of Earthsea, chapter 1, scene 1: The fog",
                        "application/json"),
                listed("writing://scenes/" + silent, "Scene 4", "A Wizard of Earthsea, chapter 2, scene 4",
                        "application/json")),
                all("scene"));
        assertEquals(List.of(
                listed("writing://characters/" + ged, "Ged", "Sparrowhawk of Gont", "application/json"),
                listed("writing://characters/" + tenar, "Tenar", "Tenar", "application/json")),
                all("character"));
        for (ResourcePages.Listed r : all("scene")) {
            assertTrue(TOOLS.read(r.uri()).text().contains("\"id\""), "a listed URI reads: " + r.uri());
        }
    }

    @Test
    void aListerPagesByKeyWithoutGapsOrOverlaps() {
        List<ResourceEntry> both = TOOLS.list("character", null, 2);
        assertEquals(List.of(String.valueOf(ged), String.valueOf(tenar)), keys(both), "a page of exactly the rows");
        assertEquals(List.of(), TOOLS.list("character", String.valueOf(tenar), 2), "after the last: empty");
        assertEquals(List.of(String.valueOf(ged)), keys(TOOLS.list("character", null, 1)));
        assertEquals(List.of(String.valueOf(tenar)), keys(TOOLS.list("character", String.valueOf(ged), 1)));
        assertEquals(List.of(String.valueOf(tenar)), keys(TOOLS.list("character", String.valueOf(ged), 50)));
        assertEquals(List.of(String.valueOf(ged), String.valueOf(tenar)), keys(TOOLS.list("character",
                String.valueOf(ged - 1), 50)), "after a key that is no row's");
        for (String template : TOOLS.listers().keySet()) {
            if (!Set.of("manuscript_export", "table_export", "backup").contains(template)) {
                assertEquals(List.of(), TOOLS.list(template, "987654321", 10), template + " after every row");
            }
        }
    }

    @Test
    void theServersListingsWalkEveryRecordOnceAtEveryPageSize() {
        List<List<String>> servers = List.of(List.of("scene", "chapter", "character"),
                List.of("series", "series_bible", "book"), List.of("book", "book_manuscript", "series"),
                List.of("chapter", "character", "series_bible"));
        for (List<String> templates : servers) {
            List<String> expected = new ArrayList<>();
            templates.forEach(t -> all(t).forEach(r -> expected.add(r.uri())));
            for (int size = 1; size <= expected.size() + 1; size++) {
                ResourcePages pages = TOOLS.pages(size, templates.toArray(String[]::new));
                List<String> walked = new ArrayList<>();
                int count = 0;
                String cursor = null;
                do {
                    ResourcePages.Page page = pages.page(cursor);
                    assertTrue(page.resources().size() <= size);
                    if (page.nextCursor() != null) {
                        assertEquals(size, page.resources().size(), "only the last page is short");
                    }
                    page.resources().forEach(r -> walked.add(r.uri()));
                    cursor = page.nextCursor();
                    count++;
                } while (cursor != null && count <= expected.size());
                assertEquals(expected, walked, templates + " at " + size + " a page");
                assertEquals((expected.size() + size - 1) / size, count, templates + " at " + size + " a page");
            }
        }
    }

    @Test
    void aCursorOfAnotherListingIsRefusedNamingIt() {
        String bookPlanning = TOOLS.pages(1, "book", "book_manuscript", "series").page(null).nextCursor();
        assertNotNull(bookPlanning);
        ResourcePages scene = TOOLS.pages(1, "scene", "chapter", "character");
        for (String cursor : List.of(bookPlanning, "bogus", "cjEKMApzY2VuZQp0d28")) { // the last: scene after "two"
            ToolException e = assertThrows(ToolException.class, () -> scene.page(cursor), cursor);
            assertEquals(ErrorKind.VALIDATION, e.kind());
            assertTrue(e.getMessage().contains("'cursor'"), e.getMessage());
        }
        assertNull(TOOLS.pages(100, "scene").page(null).nextCursor());
    }

    private static final String MARKDOWN = "text/markdown; charset=utf-8";

    private static ResourcePages.Listed listed(String uri, String name, String title, String mimeType) {
        return new ResourcePages.Listed(uri, name, title, null, mimeType, null);
    }

    private static List<ResourcePages.Listed> all(String template) {
        ResourcePages.Page page = TOOLS.pages(1000, template).page(null);
        assertNull(page.nextCursor());
        return page.resources();
    }

    private static List<String> keys(List<ResourceEntry> entries) {
        return entries.stream().map(ResourceEntry::key).toList();
    }
}
