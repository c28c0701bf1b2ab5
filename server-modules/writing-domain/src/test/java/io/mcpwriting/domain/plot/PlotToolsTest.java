package io.mcpwriting.domain.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.domain.testing.DomainTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * create_plot_thread, update_plot_thread, resolve_plot_thread, get_plot_threads, plot_create_information_reveal,
 * plot_add_reveal_evidence.
 */
class PlotToolsTest extends DomainTest {

    private static JsonNode thread(long series, long threadId) {
        for (JsonNode t : ok("get_plot_threads", "series_id", series).get("threads")) {
            if (t.get("id").asLong() == threadId) {
                return t;
            }
        }
        throw new AssertionError("get_plot_threads does not list thread " + threadId);
    }

    @Test
    void aThreadIsCreatedChangedResolvedAndListed() {
        long series = series();
        book(series, 1);
        book(series, 2);
        long hero = character(series);
        JsonNode created = ok("create_plot_thread", "series_id", series, "title", "The Hunt", "description", "d",
                "thread_type", "Series_Arc", "importance_level", 9, "start_book", 1, "related_characters", List.of(hero));
        long id = id(created);
        assertEquals("active", created.get("current_status").asText());
        assertEquals("series_arc", created.get("thread_type").asText());
        long child = id(ok("create_plot_thread", "series_id", series, "title", "Side", "description", "d",
                "thread_type", "subplot", "parent_thread_id", id, "importance_level", 2));
        JsonNode updated = ok("update_plot_thread", "thread_id", child, "current_status", "on_hold", "title", "Side quest");
        assertEquals("on_hold", updated.get("current_status").asText());
        JsonNode resolved = ok("resolve_plot_thread", "thread_id", id, "resolution_book", 2, "resolution_notes", "caught");
        assertEquals("resolved", resolved.get("current_status").asText());
        assertEquals("active", resolved.get("previous_status").asText());
        assertEquals(child, resolved.at("/open_subthreads/0/id").asLong());
        JsonNode listed = thread(series, id);
        assertEquals("resolved", listed.get("current_status").asText());
        assertEquals(2, listed.get("end_book").asInt());
        assertEquals(1, listed.get("sub_thread_count").asInt());
        assertEquals(hero, listed.at("/related_character_names/0/id").asLong());
        JsonNode onHold = ok("get_plot_threads", "series_id", series, "current_status", "on_hold");
        assertEquals(1, onHold.get("count").asInt());
        assertEquals(1, ok("get_plot_threads", "series_id", series, "importance_min", 5).get("count").asInt());
    }

    @Test
    void revealsAndTheirEvidenceArePlanned() {
        long series = series();
        long book = book(series, 1);
        long one = chapter(book, 1);
        long two = chapter(book, 2);
        long detective = character(series);
        long thread = id(ok("create_plot_thread", "series_id", series, "title", "Case", "description", "d",
                "thread_type", "main_case"));
        JsonNode reveal = ok("plot_create_information_reveal", "plot_thread_id", thread, "reveal_type", "secret",
                "information_content", "The butler did it", "reveal_method", "confession", "significance_level", "major",
                "affects_characters", List.of(detective), "revealed_in_chapter", one, "foreshadowing_chapters", List.of());
        long revealId = id(reveal);
        assertEquals(one, reveal.at("/revealed_in/chapter_id").asLong());
        JsonNode evidence = ok("plot_add_reveal_evidence", "reveal_id", revealId, "evidence_type", "physical",
                "evidence_description", "a glove", "discovered_by", detective, "discovery_chapter", two,
                "significance", "critical");
        assertEquals(1, evidence.get("reveal_evidence").size());
        assertEquals(1, evidence.get("warnings").size(), "found after the reveal: " + evidence);
        assertEquals(1, thread(series, thread).get("reveal_count").asInt());
        assertTrue(thread(series, thread).get("reveals") == null, "reveals only when asked");
        JsonNode listed = ok("get_plot_threads", "series_id", series, "include_reveals", true).at("/threads/0");
        assertEquals(thread, listed.get("id").asLong());
        assertEquals("The butler did it", listed.at("/reveals/0/information_content").asText());
        assertEquals(one, listed.at("/reveals/0/revealed_in/chapter_id").asLong());
        assertEquals("a glove", listed.at("/reveals/0/evidence/0/evidence_description").asText());
        assertEquals(two, listed.at("/reveals/0/evidence/0/discovered_in/chapter_id").asLong());
        assertEquals(detective, listed.at("/reveals/0/evidence/0/discovered_by").asLong());
    }

    @Test
    void errorsNameTheArgumentOrTheMissingRow() {
        long series = series();
        long book = book(series, 1);
        long one = chapter(book, 1);
        long two = chapter(book, 2);
        invalid("thread_type", "create_plot_thread", "series_id", series, "title", "T", "description", "d",
                "thread_type", "epic");
        invalid("end_book", "create_plot_thread", "series_id", series, "title", "T", "description", "d",
                "thread_type", "subplot", "start_book", 3, "end_book", 2);
        invalid("importance_level", "create_plot_thread", "series_id", series, "title", "T", "description", "d",
                "thread_type", "subplot", "importance_level", 0);
        notFound(MISSING, "create_plot_thread", "series_id", MISSING, "title", "T", "description", "d",
                "thread_type", "subplot");
        notFound(MISSING, "create_plot_thread", "series_id", series, "title", "T", "description", "d",
                "thread_type", "subplot", "parent_thread_id", MISSING);
        long thread = id(ok("create_plot_thread", "series_id", series, "title", "T", "description", "d",
                "thread_type", "subplot", "start_book", 1));
        invalid("arguments", "update_plot_thread", "thread_id", thread);
        invalid("current_status", "update_plot_thread", "thread_id", thread, "current_status", "done");
        notFound(MISSING, "update_plot_thread", "thread_id", MISSING, "title", "x");
        invalid("resolution_book", "resolve_plot_thread", "thread_id", thread, "resolution_book", 4,
                "resolution_notes", "n");
        invalid("resolution_notes", "resolve_plot_thread", "thread_id", thread, "resolution_book", 1,
                "resolution_notes", " ");
        notFound(MISSING, "resolve_plot_thread", "thread_id", MISSING, "resolution_book", 1, "resolution_notes", "n");
        notFound(MISSING, "get_plot_threads", "series_id", MISSING);
        invalid("thread_type", "get_plot_threads", "series_id", series, "thread_type", "epic");
        invalid("importance_min", "get_plot_threads", "series_id", series, "importance_min", 11);
        invalid("include_reveals", "get_plot_threads", "series_id", series, "include_reveals", "all");
        notFound(MISSING, "get_plot_threads", "series_id", MISSING, "include_reveals", true);
        invalid("foreshadowing_chapters", "plot_create_information_reveal", "plot_thread_id", thread,
                "reveal_type", "secret", "information_content", "i", "reveal_method", "m", "significance_level", "minor",
                "revealed_in_chapter", one, "foreshadowing_chapters", List.of(two));
        invalid("reveal_type", "plot_create_information_reveal", "plot_thread_id", thread, "reveal_type", "rumour",
                "information_content", "i", "reveal_method", "m", "significance_level", "minor");
        notFound(MISSING, "plot_create_information_reveal", "plot_thread_id", MISSING, "reveal_type", "secret",
                "information_content", "i", "reveal_method", "m", "significance_level", "minor");
        long reveal = id(ok("plot_create_information_reveal", "plot_thread_id", thread, "reveal_type", "secret",
                "information_content", "once", "reveal_method", "m", "significance_level", "minor"));
        fails("conflict", List.of("reveal " + reveal), "plot_create_information_reveal", "plot_thread_id", thread,
                "reveal_type", "secret", "information_content", "once", "reveal_method", "m",
                "significance_level", "minor");
        notFound(MISSING, "plot_add_reveal_evidence", "reveal_id", MISSING, "evidence_type", "physical",
                "evidence_description", "e");
        invalid("discovery_chapter", "plot_add_reveal_evidence", "reveal_id", reveal, "evidence_type", "physical",
                "evidence_description", "e", "discovery_chapter", chapter(book(), 1));
        invalid("evidence_description", "plot_add_reveal_evidence", "reveal_id", reveal, "evidence_type", "physical",
                "evidence_description", " ");
    }
}
