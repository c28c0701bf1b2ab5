package io.mcpwriting.domain.character;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.domain.testing.DomainTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * create_relationship_arc, update_relationship_arc, track_relationship_dynamics, list_relationship_arcs,
 * get_relationship_arc, get_relationship_timeline.
 */
class RelationshipArcToolsTest extends DomainTest {

    static long thread(long series) {
        return id(ok("create_plot_thread", "series_id", series, "title", unique("Thread"), "description", "d",
                "thread_type", "subplot"));
    }

    static List<Map<String, Object>> pair(long a, long b) {
        return List.of(Map.of("character_id", a, "role_in_relationship", "primary"),
                Map.of("character_id", b, "role_in_relationship", "secondary"));
    }

    @Test
    void anArcIsCreatedChangedTrackedAndReadInStoryOrder() {
        long series = series();
        long book = book(series, 1);
        long one = chapter(book, 1);
        long two = chapter(book, 2);
        long thread = thread(series);
        long ged = character(series);
        long vetch = character(series);
        JsonNode created = ok("create_relationship_arc", "plot_thread_id", thread, "arc_name", "Ged and Vetch",
                "participants", pair(ged, vetch), "relationship_type", "friendship",
                "development_factors", List.of("shared danger"));
        long arc = id(created);
        assertEquals(5, created.get("complexity_level").asInt());
        assertEquals(2, created.get("participants").size());
        JsonNode updated = ok("update_relationship_arc", "arc_id", arc, "current_dynamic", "trusting",
                "complexity_level", 7);
        assertEquals("trusting", updated.get("current_dynamic").asText());
        ok("track_relationship_dynamics", "arc_id", arc, "chapter_id", two, "dynamic_change", "reconciled",
                "tension_change", -3, "change_type", "trust");
        JsonNode tracked = ok("track_relationship_dynamics", "arc_id", arc, "chapter_id", one,
                "dynamic_change", "quarrel", "tension_change", 5, "change_type", "conflict");
        assertEquals(2, tracked.get("arc_dynamics_count").asInt());
        JsonNode repeat = ok("track_relationship_dynamics", "arc_id", arc, "chapter_id", one,
                "dynamic_change", "quarrel", "tension_change", 5, "change_type", "conflict");
        assertTrue(repeat.get("already_recorded").asBoolean());
        JsonNode read = ok("get_relationship_arc", "arc_id", arc);
        assertEquals(2, read.get("dynamics_count").asInt());
        assertEquals(2, read.get("net_tension_change").asInt());
        assertEquals("reconciled", read.at("/latest_change/dynamic_change").asText());
        JsonNode timeline = ok("get_relationship_timeline", "arc_id", arc);
        assertEquals("quarrel", timeline.at("/timeline/0/dynamic_change").asText());
        assertEquals(2, timeline.at("/timeline/1/cumulative_tension").asInt());
        JsonNode list = ok("list_relationship_arcs", "plot_thread_id", thread);
        assertEquals(1, list.get("count").asInt());
        assertEquals(0, ok("list_relationship_arcs", "plot_thread_id", thread, "relationship_type", "romantic")
                .get("count").asInt());
    }

    @Test
    void errorsNameTheArgumentOrTheMissingRow() {
        long series = series();
        long thread = thread(series);
        long ged = character(series);
        long vetch = character(series);
        long stranger = character(series());
        long arc = id(ok("create_relationship_arc", "plot_thread_id", thread, "arc_name", "Pair",
                "participants", pair(ged, vetch), "relationship_type", "friendship"));
        fails("conflict", List.of("arc " + arc), "create_relationship_arc", "plot_thread_id", thread, "arc_name", "pair",
                "participants", pair(ged, vetch), "relationship_type", "friendship");
        invalid("participants", "create_relationship_arc", "plot_thread_id", thread, "arc_name", "Alone",
                "participants", pair(ged, vetch).subList(0, 1), "relationship_type", "friendship");
        fails("validation", List.of("participants", String.valueOf(stranger)), "create_relationship_arc",
                "plot_thread_id", thread, "arc_name", "Strangers", "participants", pair(ged, stranger),
                "relationship_type", "friendship");
        fails("not_found", List.of(String.valueOf(MISSING)), "create_relationship_arc", "plot_thread_id", thread,
                "arc_name", "Ghosts", "participants", pair(ged, MISSING), "relationship_type", "friendship");
        invalid("participants", "create_relationship_arc", "plot_thread_id", thread, "arc_name", "Named",
                "participants", List.of(Map.of("character_id", ged, "role_in_relationship", "a",
                        "character_name", "Nobody"), Map.of("character_id", vetch, "role_in_relationship", "b")),
                "relationship_type", "friendship");
        invalid("relationship_type", "create_relationship_arc", "plot_thread_id", thread, "arc_name", "T",
                "participants", pair(ged, vetch), "relationship_type", "rivals");
        notFound(MISSING, "create_relationship_arc", "plot_thread_id", MISSING, "arc_name", "X",
                "participants", pair(ged, vetch), "relationship_type", "friendship");
        invalid("arguments", "update_relationship_arc", "arc_id", arc);
        invalid("complexity_level", "update_relationship_arc", "arc_id", arc, "complexity_level", 11);
        notFound(MISSING, "update_relationship_arc", "arc_id", MISSING, "current_dynamic", "x");
        invalid("tension_change", "track_relationship_dynamics", "arc_id", arc, "dynamic_change", "d",
                "change_type", "trust", "tension_change", 20);
        invalid("chapter_id", "track_relationship_dynamics", "arc_id", arc, "dynamic_change", "d",
                "change_type", "trust", "chapter_id", chapter(book(), 1));
        notFound(MISSING, "track_relationship_dynamics", "arc_id", MISSING, "dynamic_change", "d",
                "change_type", "trust");
        notFound(MISSING, "get_relationship_arc", "arc_id", MISSING);
        notFound(MISSING, "get_relationship_timeline", "arc_id", MISSING);
        notFound(MISSING, "list_relationship_arcs", "plot_thread_id", MISSING);
    }
}
