package it.io.mcpwriting.world;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.io.mcpwriting.support.McpSession;
import it.io.mcpwriting.support.Outcome;
import it.io.mcpwriting.support.TestDb;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the usage-tracking tools of chapter-planning record, the world reads of series-planning show: a usage count
 * and each appearance, book and chapter (a write that no read showed was found by independent testing).
 */
class WorldUsageReadBackIT {

    private static McpSession chapters;
    private static McpSession series;

    @BeforeAll
    static void connect() {
        chapters = McpSession.open("chapter-planning");
        series = McpSession.open("series-planning");
    }

    @AfterAll
    static void disconnect() {
        chapters.close();
        series.close();
    }

    private static Map<String, Object> usageOf(Outcome list, String key) {
        List<Map<String, Object>> items = list.list(key);
        assertEquals(1, items.size(), String.valueOf(items));
        @SuppressWarnings("unchecked")
        Map<String, Object> usage = (Map<String, Object>) items.get(0).get("usage");
        return usage;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> appearances(Map<String, Object> usage) {
        return (List<Map<String, Object>>) usage.get("appearances");
    }

    @Test
    void getLocationsShowsWhereALocationIsUsed() {
        long s = TestDb.newSeries();
        long book = TestDb.newBook(s, 1);
        long ch2 = TestDb.newChapter(book, 2);
        long harbor = TestDb.newLocation(s, "Harbor");
        Map<String, Object> before = usageOf(series.call("get_locations", "series_id", s).ok(), "locations");
        assertEquals(0, ((Number) before.get("count")).intValue());
        chapters.call("world_track_location_usage", "location_id", harbor, "book_id", book, "chapter_id", ch2,
                "usage_notes", "arrival").ok();
        chapters.call("world_track_location_usage", "location_id", harbor, "book_id", book).ok();
        Map<String, Object> usage = usageOf(series.call("get_locations", "series_id", s).ok(), "locations");
        assertEquals(2, ((Number) usage.get("count")).intValue());
        List<Map<String, Object>> seen = appearances(usage);
        assertEquals(book, ((Number) seen.get(0).get("book_id")).longValue());
        assertEquals(null, seen.get(0).get("chapter_id"), "the book-level use comes first");
        assertEquals(2, ((Number) seen.get(1).get("chapter_number")).intValue());
        assertEquals("arrival", seen.get(1).get("notes"));
    }

    @Test
    void getWorldElementsShowsUsesWithTheirPowerLevel() {
        long s = TestDb.newSeries();
        long book = TestDb.newBook(s, 1);
        long ch1 = TestDb.newChapter(book, 1);
        long fire = TestDb.newWorldElement(s, "Fire magic");
        chapters.call("world_track_element_usage", "element_id", fire, "book_id", book, "chapter_id", ch1,
                "power_level", 6).ok();
        Map<String, Object> usage = usageOf(series.call("get_world_elements", "series_id", s).ok(), "world_elements");
        assertEquals(1, ((Number) usage.get("count")).intValue());
        assertEquals(6, ((Number) appearances(usage).get(0).get("power_level")).intValue());
    }

    @Test
    void getOrganizationsShowsTheirActivity() {
        long s = TestDb.newSeries();
        long book = TestDb.newBook(s, 1);
        long ch3 = TestDb.newChapter(book, 3);
        long guild = TestDb.newOrganization(s, "Guild");
        long hero = TestDb.newCharacter(s, "Hero");
        chapters.call("track_organization_activity", "organization_id", guild, "book_id", book, "chapter_id", ch3,
                "activity_type", "raid", "involved_characters", List.of(hero)).ok();
        Map<String, Object> usage = usageOf(series.call("get_organizations", "series_id", s).ok(), "organizations");
        assertEquals(1, ((Number) usage.get("count")).intValue());
        Map<String, Object> raid = appearances(usage).get(0);
        assertEquals("raid", raid.get("activity_type"));
        assertEquals(List.of(hero), ((List<?>) raid.get("involved_characters")).stream()
                .map(x -> ((Number) x).longValue()).toList());
    }
}
