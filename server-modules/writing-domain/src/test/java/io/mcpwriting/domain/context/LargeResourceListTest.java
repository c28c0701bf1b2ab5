package io.mcpwriting.domain.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.domain.testing.DomainTest;
import io.mcpwriting.mcp.resource.ResourcePages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** resources/list of the large fixture's size (3,000 scenes): every page one primary-key range scan. */
class LargeResourceListTest extends DomainTest {

    private static final int SCENES = 3_000;

    @BeforeAll
    static void threeThousandScenes() {
        long chapter = chapter(book(), 1);
        // the joined tables too: statistics left by earlier tests' rows (since deleted) would change the plan
        DB.asOwner("INSERT INTO chapter_scenes (chapter_id, scene_number, scene_title) SELECT " + chapter
                + ", g, 'Scene ' || g FROM generate_series(1, " + SCENES + ") g", "ANALYZE chapter_scenes, chapters, books");
    }

    @Test
    void theScenesArePagedInIdOrderWithoutGapsOrDuplicates() {
        ResourcePages pages = TOOLS.pages(100, "scene", "chapter");
        Set<String> seen = new HashSet<>();
        long previous = 0;
        int count = 0;
        String cursor = null;
        do {
            ResourcePages.Page page = pages.page(cursor);
            for (ResourcePages.Listed r : page.resources()) {
                assertTrue(seen.add(r.uri()), "twice: " + r.uri());
                if (r.uri().startsWith("writing://scenes/")) {
                    long id = Long.parseLong(r.uri().substring("writing://scenes/".length()));
                    assertTrue(id > previous, "in id order: " + id + " after " + previous);
                    previous = id;
                }
            }
            cursor = page.nextCursor();
            count++;
        } while (cursor != null);
        assertEquals(SCENES + 1, seen.size(), "every scene and the chapter");
        assertEquals(31, count);
        assertEquals(DB.number("SELECT max(id) FROM chapter_scenes"), previous);
    }

    @Test
    void aPageDeepInTheTableIsAnIndexRangeScanOfThePrimaryKey() {
        long deep = DB.number("SELECT id FROM chapter_scenes ORDER BY id OFFSET 2800 LIMIT 1");
        List<JsonNode> nodes = new ArrayList<>();
        planNodes(JSON.readTree(DB.text("EXPLAIN (FORMAT JSON) " + StoryResourceLists.SCENES, deep, 101)).get(0)
                .get("Plan"), nodes);
        String shape = nodes.stream().map(n -> n.path("Node Type").asString() + " " + n.path("Relation Name").asString()
                + " " + n.path("Index Name").asString()).toList().toString();
        List<JsonNode> scans = nodes.stream().filter(n -> n.path("Relation Name").asString().equals("chapter_scenes"))
                .toList();
        assertEquals(1, scans.size(), shape);
        assertEquals("chapter_scenes_pkey", scans.get(0).path("Index Name").asString(), shape);
        assertTrue(nodes.stream().noneMatch(n -> n.path("Node Type").asString().equals("Sort")), shape);
        assertEquals(100, TOOLS.list("scene", String.valueOf(deep), 100).size());
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static void planNodes(JsonNode node, List<JsonNode> into) {
        into.add(node);
        for (JsonNode child : node.path("Plans")) {
            planNodes(child, into);
        }
    }
}
