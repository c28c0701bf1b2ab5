package io.mcpwriting.domain.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mcpwriting.domain.Answers;
import io.mcpwriting.domain.testing.DomainTest;
import io.mcpwriting.mcp.tool.ToolException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * get_plot_threads against real PostgreSQL (the listing is the database function plot_thread_list): each filter
 * alone and together, the names given echoed as given, and bad arguments refused as before. The expected answers
 * are the ones the tool gave before the listing became a function.
 */
class PlotThreadReadToolsTest extends DomainTest {

    private static final PlotThreadReadTools THREADS = new PlotThreadReadTools();
    /** What the fixture's rows are called, by "table:id". */
    private static final Map<String, String> NAMES = new HashMap<>();
    private static int series;
    private static int emptySeries;

    @BeforeAll
    static void fixture() {
        THREADS.db = DB.db();
        int author = DB.insert("INSERT INTO authors (name) VALUES ('Plot author') RETURNING id");
        series = DB.insert("INSERT INTO series (title, author_id) VALUES ('Plot series', ?) RETURNING id", author);
        emptySeries = DB.insert("INSERT INTO series (title, author_id) VALUES ('No plots', ?) RETURNING id", author);
        NAMES.put("series:" + series, "Plot series");
        NAMES.put("series:" + emptySeries, "No plots");
        int ada = character("Ada");
        int bo = character("Bo");
        int main = thread("Main case", "main_case", "active", 9, 1, 2, null, new int[] {ada, bo});
        int romance = thread("Romance", "romance_arc", "on_hold", 5, 2, null, main, new int[] {bo});
        int arc = thread("Series arc", "series_arc", "active", 9, null, null, null, null);
        thread("Old subplot", "subplot", "resolved", 2, 1, 1, main, new int[] {});
        relationship(main, romance, "supports", 7, "feeds it");
        relationship(arc, main, "enables", 5, null);
        for (String reveal : new String[] {"The ledger was burned", "The clerk lied"}) {
            DB.insert("INSERT INTO information_reveals (plot_thread_id, information_content) VALUES (?, ?) RETURNING id", main,
                    reveal);
        }
    }

    private static int character(String name) {
        int id = DB.insert("INSERT INTO characters (series_id, name) VALUES (?, ?) RETURNING id", series, name);
        NAMES.put("characters:" + id, name);
        return id;
    }

    private static int thread(String title, String type, String status, int importance, Integer start, Integer end,
            Integer parent, int[] related) {
        int id = DB.insert("INSERT INTO plot_threads (series_id, title, description, thread_type_id, current_status_id, "
                + "importance_level, start_book, end_book, parent_thread_id, related_characters) VALUES (?, ?, ?, "
                + "(SELECT id FROM plot_thread_types WHERE type_name = ?), "
                + "(SELECT id FROM plot_thread_statuses WHERE status_name = ?), ?, ?, ?, ?, ?::int[]) RETURNING id",
                series, title, "What " + title + " is about", type, status, importance, start, end, parent,
                related == null ? null : java.util.Arrays.stream(related).boxed().toList());
        NAMES.put("plot_threads:" + id, title);
        return id;
    }

    private static void relationship(int from, int to, String type, int strength, String description) {
        int id = DB.insert("INSERT INTO plot_thread_relationships (thread_a_id, thread_b_id, relationship_type_id, strength, "
                + "relationship_description) VALUES (?, ?, (SELECT id FROM relationship_types WHERE type_name = ?), ?, ?) "
                + "RETURNING id", from, to, type, strength, description);
        NAMES.put("plot_thread_relationships:" + id, NAMES.get("plot_threads:" + from) + " " + type + " "
                + NAMES.get("plot_threads:" + to));
    }

    /** The call and its answer, the fixture's ids as the names of their rows. */
    private static String threads(int seriesId, String type, String status, Integer book, Integer importance) {
        Object answer = Answers.read(THREADS.getPlotThreads(seriesId, type, status, book, importance, false).json());
        return "## get_plot_threads(" + NAMES.get("series:" + seriesId) + ", " + type + ", " + status + ", " + book + ", "
                + importance + ")\n" + Answers.pretty(Answers.relabel(answer, (path, value) -> switch (path) {
                    case "series_id", "threads.series_id" -> NAMES.get("series:" + value);
                    case "threads.id", "threads.parent_thread_id", "threads.relationships.other_thread_id" ->
                            NAMES.get("plot_threads:" + value);
                    case "threads.related_characters", "threads.related_character_names.id" ->
                            NAMES.get("characters:" + value);
                    case "threads.relationships.relationship_id" -> NAMES.get("plot_thread_relationships:" + value);
                    default -> value;
                })) + "\n";
    }

    private static String refused(int seriesId, String type, String status, Integer book, Integer importance) {
        try {
            THREADS.getPlotThreads(seriesId, type, status, book, importance, false);
            return "accepted";
        } catch (ToolException e) {
            return e.getMessage();
        }
    }

    @Test
    void eachFilterAloneAndTogetherWithTheNamesGivenEchoed() {
        assertEquals(Answers.expected(getClass(), "get_plot_threads.txt"), threads(series, null, null, null, null)
                + threads(series, "subplot", null, null, null) + threads(series, null, " Active ", null, null)
                + threads(series, null, null, 2, null) + threads(series, null, null, null, 6)
                + threads(series, "SERIES_ARC", "active", 3, 9) + threads(series, "main_case", "resolved", null, null)
                + threads(emptySeries, null, null, null, null));
    }

    @Test
    void badArgumentsAreRefusedAsBefore() {
        assertEquals("Invalid argument 'thread_type': unknown value 'nope'; known values: series_arc, mini_arc, "
                + "main_case, subplot, character_arc, mystery_element, romance_arc, world_building",
                refused(series, "nope", null, null, null));
        assertEquals("Invalid argument 'current_status': unknown value 'nope'; known values: active, resolved, on_hold, "
                + "abandoned, planning, suspended", refused(series, null, "nope", null, null));
        assertEquals("Invalid argument 'book_number': must be at least 1", refused(series, null, null, 0, null));
        assertEquals("Invalid argument 'importance_min': must be between 1 and 10",
                refused(series, null, null, null, 11));
        assertEquals("series -1 does not exist", refused(-1, null, null, null, null));
    }
}
