package io.mcpwriting.mcp.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.ErrorKind;
import io.mcpwriting.mcp.tool.ToolException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The paging of resources/list across a server's templates, over in-memory listers that count their calls. */
class ResourcePagesTest {

    /** Resources of a made-up server: a fixed one, two listed templates (ids, names) and one without a lister. */
    public static class Shelf {
        final TreeSet<Long> things = new TreeSet<>();
        final TreeSet<String> files = new TreeSet<>();
        final List<String> calls = new ArrayList<>();

        @Resource(uri = "test://about", name = "about", title = "About", description = "Fixed")
        public String about() {
            return "about";
        }

        @Resource(uri = "test://things/{thing_id}", name = "thing", title = "Thing", description = "A thing")
        public String thing(@Arg(value = "thing_id", required = true, description = "id") long id) {
            return "thing " + id;
        }

        @ResourceList("thing")
        public List<ResourceEntry> things(long afterId, int limit) {
            calls.add("thing>" + afterId + " limit " + limit);
            return things.tailSet(afterId, false).stream().limit(limit)
                    .map(id -> ResourceEntry.row(id, id == 99 ? " " : "thing " + id, "Thing " + id)).toList();
        }

        @Resource(uri = "test://files/{name}", name = "file", title = "File", description = "A file",
                mimeType = "application/octet-stream")
        public String file(@Arg(value = "name", required = true, description = "name") String name) {
            return name;
        }

        @ResourceList("file")
        public List<ResourceEntry> files(String afterName, int limit) {
            calls.add("file>" + afterName + " limit " + limit);
            return files.tailSet(afterName, false).stream().limit(limit).map(n -> ResourceEntry.file(n, n.length()))
                    .toList();
        }

        @Resource(uri = "test://unlisted/{id}", name = "unlisted", title = "Unlisted", description = "Read only")
        public String unlisted(@Arg(value = "id", required = true, description = "id") long id) {
            return "x";
        }
    }

    private final Shelf shelf = new Shelf();

    private ResourcePages pages(int size, String... order) {
        Map<String, ResourceDefinition> defs = new LinkedHashMap<>();
        Map<String, ResourceListerDefinition> listers = new LinkedHashMap<>();
        for (Method m : Shelf.class.getMethods()) {
            if (m.isAnnotationPresent(Resource.class)) {
                ResourceDefinition def = ResourceDefinition.of(shelf, m);
                defs.put(def.name(), def);
            }
            if (m.isAnnotationPresent(ResourceList.class)) {
                ResourceListerDefinition def = ResourceListerDefinition.of(shelf, m);
                listers.put(def.resource(), def);
            }
        }
        return ResourcePages.of(List.of(order).stream().map(defs::get).toList(), listers, size);
    }

    /** Every page from the first; the URIs in order. */
    private static List<String> walk(ResourcePages pages, int expectedPages) {
        List<String> uris = new ArrayList<>();
        String cursor = null;
        int count = 0;
        do {
            ResourcePages.Page page = pages.page(cursor);
            page.resources().forEach(r -> uris.add(r.uri()));
            cursor = page.nextCursor();
            count++;
            assertTrue(count <= expectedPages, "more pages than expected: " + uris);
        } while (cursor != null);
        assertEquals(expectedPages, count, uris::toString);
        return uris;
    }

    @Test
    void theWalkCrossesTemplatesInTheServersOrderWithoutGapsOrDuplicates() {
        shelf.things.addAll(List.of(3L, 5L, 8L, 13L));
        shelf.files.addAll(List.of("b.csv", "a.json", "c.md"));
        List<String> uris = walk(pages(3, "file", "about", "unlisted", "thing"), 3);
        assertEquals(List.of("test://files/a.json", "test://files/b.csv", "test://files/c.md", "test://about",
                "test://things/3", "test://things/5", "test://things/8", "test://things/13"), uris);
        assertEquals(uris.size(), new HashSet<>(uris).size());
    }

    @Test
    void entriesCarryTheirNamesTitlesMimeTypesAndSizes() {
        shelf.things.add(4L);
        shelf.files.add("notes.md");
        List<ResourcePages.Listed> listed = pages(10, "about", "thing", "file").page(null).resources();
        assertEquals(new ResourcePages.Listed("test://about", "about", "About", "Fixed", "application/json", null),
                listed.get(0));
        assertEquals(new ResourcePages.Listed("test://things/4", "thing 4", "Thing 4", null, "application/json", null),
                listed.get(1));
        assertEquals(new ResourcePages.Listed("test://files/notes.md", "notes.md", "notes.md", null,
                "text/markdown; charset=utf-8", 8L), listed.get(2), "a file's title is its name");
    }

    @Test
    void anEntryWithoutANameGoesByItsTemplateAndKey() {
        shelf.things.add(99L);
        assertEquals("thing-99", pages(1, "thing").page(null).resources().get(0).name());
    }

    @Test
    void aPageOfExactlyTheSizeAtTheEndHasNoNextCursor() {
        shelf.things.addAll(List.of(1L, 2L, 3L));
        ResourcePages.Page page = pages(3, "thing").page(null);
        assertEquals(3, page.resources().size());
        assertNull(page.nextCursor(), "nothing remains");
        assertEquals(List.of("thing>0 limit 4"), shelf.calls, "one more asked for than fits, to know");

        shelf.files.add("z.txt"); // now one remains, in the next template
        ResourcePages two = pages(3, "thing", "file");
        ResourcePages.Page first = two.page(null);
        assertNotNull(first.nextCursor());
        ResourcePages.Page second = two.page(first.nextCursor());
        assertEquals(List.of("test://files/z.txt"), second.resources().stream().map(ResourcePages.Listed::uri).toList());
        assertNull(second.nextCursor());
    }

    @Test
    void nothingToListIsOneEmptyPage() {
        ResourcePages.Page page = pages(5, "thing", "file", "unlisted").page(null);
        assertEquals(List.of(), page.resources());
        assertNull(page.nextCursor());
        assertEquals(List.of(), pages(5).page(null).resources(), "a server without listed resources");
    }

    @Test
    void eachPageAsksEachTemplateOnceFromItsCursor() {
        for (long i = 1; i <= 250; i++) {
            shelf.things.add(i * 2);
        }
        ResourcePages pages = pages(100, "thing", "file");
        List<String> uris = walk(pages, 3);
        assertEquals(250, uris.size());
        assertEquals(250, new HashSet<>(uris).size());
        assertEquals(List.of("thing>0 limit 101", "thing>200 limit 101", "thing>400 limit 101", "file> limit 51"),
                shelf.calls);
    }

    @Test
    void aCursorOfAnotherServerOrOfAnotherKindIsRefused() {
        shelf.things.addAll(List.of(1L, 2L, 3L));
        ResourcePages mine = pages(1, "thing", "file");
        String next = mine.page(null).nextCursor();
        Set<String> foreign = Set.of(new ListCursor(0, "chapter", "1").encode(), // another server's template
                new ListCursor(5, "thing", "1").encode(), // beyond this server's templates
                new ListCursor(0, "thing", "abc").encode(), // a name where an id belongs
                new ListCursor(0, "thing", "99999999999999999999").encode(), "garbage");
        for (String cursor : foreign) {
            ToolException e = assertThrows(ToolException.class, () -> mine.page(cursor), cursor);
            assertEquals(ErrorKind.VALIDATION, e.kind());
            assertTrue(e.getMessage().contains("'cursor'"), e.getMessage());
        }
        ToolException moved = assertThrows(ToolException.class, () -> pages(1, "file", "thing").page(next),
                "the same templates in another order");
        assertTrue(moved.getMessage().contains("'cursor'"));
    }

    @Test
    void aBadDeclarationStopsTheServer() {
        assertThrows(IllegalArgumentException.class, () -> pages(0, "thing"));
        assertThrows(IllegalArgumentException.class, () -> pages(ResourcePages.MAX_PAGE_SIZE + 1, "thing"));
        assertEquals(List.of("about", "thing"), pages(ResourcePages.MAX_PAGE_SIZE, "about", "unlisted", "thing").listed());
    }
}
