package it.io.mcpwriting.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.McpSession;
import it.io.mcpwriting.support.Outcome;
import it.io.mcpwriting.support.TestDb;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reporting server's generate_report, by each way of choosing its subject, and its error paths. */
class ReportingToolsIT {

    private static McpSession reporting;

    @BeforeAll
    static void connect() {
        reporting = McpSession.open("reporting");
    }

    @AfterAll
    static void disconnect() {
        reporting.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> section(Outcome report, String name) {
        return (List<Map<String, Object>>) map(report.get("sections")).get(name);
    }

    /** A two-book series with one of everything; returns {series, book1, book2}. */
    private static long[] storyWorld(String tag) {
        long series = TestDb.insertReturningId("INSERT INTO series (author_id, title) VALUES (?, ?) RETURNING id",
                TestDb.newAuthor(), "Saga " + tag);
        long book1 = TestDb.newStoryBook(series, 1, "Dawn " + tag);
        long book2 = TestDb.newStoryBook(series, 2, "Dusk " + tag);
        long mara = TestDb.insertReturningId("INSERT INTO characters (series_id, name, first_appearance_book_id) "
                + "VALUES (?, 'Mara', ?) RETURNING id", series, book1);
        long jon = TestDb.insertReturningId("INSERT INTO characters (series_id, name, first_appearance_book_id) "
                + "VALUES (?, 'Jon', ?) RETURNING id", series, book2);
        long chapter = TestDb.newStoryChapter(book1, 1, "Opening", "Glass | Tower");
        TestDb.newPresenceRecord(mara, chapter, "present", null, null, new String[] {}, new String[] {});
        TestDb.value("INSERT INTO locations (series_id, name, location_type) VALUES (?, 'Glass | Tower', 'building'), "
                + "(?, 'Sel', 'city') RETURNING id", series, series);
        long guild = TestDb.insertReturningId("INSERT INTO organizations (series_id, name, organization_type) "
                + "VALUES (?, 'Salt Guild', 'guild') RETURNING id", series);
        TestDb.value("INSERT INTO world_element_usage (element_type, element_id, book_id) VALUES ('organization', ?, ?) "
                + "RETURNING id", guild, book2);
        TestDb.value("INSERT INTO world_elements (series_id, name, element_type) VALUES (?, 'Moonblade', 'artifact') "
                + "RETURNING id", series);
        long war = TestDb.newThreadOfType(series, "The war", "series_arc", 9, 2, null);
        TestDb.newThreadOfType(series, "The map", "subplot", 4, 1, 1);
        TestDb.value("INSERT INTO relationship_arcs (plot_thread_id, arc_name, participants) VALUES (?, 'Rivals', "
                + "jsonb_build_array(jsonb_build_object('character_id', ?::int), jsonb_build_object('character_id', ?::int))) "
                + "RETURNING id", war, mara, jon);
        long event = TestDb.insertReturningId("INSERT INTO timeline_events (series_id, event_name, event_date, book_id) "
                + "VALUES (?, 'The Fall', 'Year 3', ?) RETURNING id", series, book2);
        TestDb.value("INSERT INTO event_participants (event_id, character_id) VALUES (?, ?) RETURNING id", event, jon);
        return new long[] {series, book1, book2};
    }

    @Test
    void generateReportOfASeriesHasEverySectionAndMarkdown() {
        String tag = TestDb.unique("r");
        long[] world = storyWorld(tag);
        Outcome report = reporting.call("generate_report", "series_id", world[0]).ok();
        Map<String, Object> scope = map(report.get("scope"));
        assertEquals("series", scope.get("type"));
        assertEquals("Saga " + tag, scope.get("series_title"));
        assertEquals(9, ((List<?>) report.get("sections_included")).size());
        Map<String, Object> summary = map(report.get("summary"));
        assertEquals(2, ((Number) summary.get("books")).intValue());
        assertEquals(2, ((Number) summary.get("characters")).intValue());
        assertEquals(2, ((Number) summary.get("locations")).intValue());
        assertEquals(1, ((Number) summary.get("relationship_arcs")).intValue());
        assertEquals("Saga " + tag, map(map(report.get("sections")).get("series_info")).get("title"));
        assertEquals(List.of("The war", "The map"), section(report, "plot_threads").stream().map(t -> t.get("title")).toList());
        assertEquals(List.of("Mara", "Jon"), section(report, "relationship_arcs").get(0).get("participants"));

        String markdown = (String) report.get("markdown");
        assertTrue(markdown.startsWith("# Report: Saga " + tag));
        for (String heading : List.of("## Series information", "## Books", "## Characters", "## Locations",
                "## Organizations", "## Plot threads", "## World elements", "## Timeline events", "## Relationship arcs")) {
            assertTrue(markdown.contains(heading), heading);
        }
        assertTrue(markdown.contains("| Glass \\| Tower |"), "pipes in cells are escaped");
        assertTrue(markdown.contains("| Year 3 | The Fall | minor | 2 | Jon |"));
    }

    @Test
    void generateReportOfABookByNameKeepsWhatTheBookContains() {
        String tag = TestDb.unique("b");
        long[] world = storyWorld(tag);
        Outcome report = reporting.call("generate_report", "book_name", "dawn " + tag, "include_sections",
                List.of("characters", "books", "plot_threads", "organizations", "locations")).ok();
        Map<String, Object> scope = map(report.get("scope"));
        assertEquals("book", scope.get("type"));
        assertEquals(world[1], ((Number) scope.get("book_id")).longValue());
        assertEquals("book_name", scope.get("chosen_by"));
        assertEquals(List.of("books", "characters", "locations", "organizations", "plot_threads"),
                report.get("sections_included"));
        assertEquals(List.of("Mara"), section(report, "characters").stream().map(c -> c.get("name")).toList());
        assertEquals(List.of("The map"), section(report, "plot_threads").stream().map(t -> t.get("title")).toList());
        assertEquals(List.of("Glass | Tower"), section(report, "locations").stream().map(l -> l.get("name")).toList());
        assertEquals(List.of(), section(report, "organizations"), "the guild is only used in book 2");
        assertEquals("Opening", ((List<Map<String, Object>>) section(report, "books").get(0).get("chapters")).get(0)
                .get("title"));
        assertFalse(map(report.get("sections")).containsKey("timeline_events"));
        String markdown = (String) report.get("markdown");
        assertTrue(markdown.contains("### Chapters"));
        assertFalse(markdown.contains("## Timeline events"));

        Outcome bySeriesName = reporting.call("generate_report", "series_name", "SAGA " + tag, "include_sections",
                List.of("series_info")).ok();
        assertEquals(world[0], ((Number) map(bySeriesName.get("scope")).get("series_id")).longValue());
    }

    @Test
    void generateReportNeedsExactlyOneExistingUnambiguousSubject() {
        String tag = TestDb.unique("e");
        long[] world = storyWorld(tag);
        assertEquals("validation", reporting.call("generate_report").error().errorType());
        assertEquals("validation", reporting.call("generate_report", "series_id", world[0], "book_id", world[1])
                .error("give exactly one of series_id, book_id, series_name, book_name; got series_id and book_id")
                .errorType());
        reporting.call("generate_report", "series_id", 987654321).error("series 987654321 does not exist");
        reporting.call("generate_report", "book_id", 987654321).error("book 987654321 does not exist");
        assertEquals("not_found", reporting.call("generate_report", "series_name", "No such saga " + tag)
                .error("No such saga").errorType());
        reporting.call("generate_report", "book_name", tag).error("book_name", "matches 2", "Dawn " + tag, "Dusk " + tag);
        reporting.call("generate_report", "series_id", world[0], "include_sections", List.of("weather"))
                .error("include_sections");
        reporting.call("generate_report", "series_id", world[0], "include_sections", List.of())
                .error("include_sections", "at least one");
    }
}
