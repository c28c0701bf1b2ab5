package io.mcpwriting.domain.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.domain.testing.DomainTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * validate_chapter_structure, check_structure_violations, validate_beat_placement, word_count_tracking,
 * get_writing_progress: reports computed from a small book with known defects.
 */
class StructureToolsTest extends DomainTest {

    /** A book whose chapters skip number 2 and whose second chapter's only scene is number 2 and has no POV. */
    private static long bookWithGaps() {
        long book = book();
        ok("update_book", "book_id", book, "target_word_count", 1000);
        long one = chapter(book, 1);
        long three = chapter(book, 3);
        long pov = character(seriesOf(book));
        ok("create_scene", "chapter_id", one, "scene_number", 1, "scene_content", "a b c d", "pov_character_id", pov,
                "scene_purpose", "inciting_incident");
        ok("create_scene", "chapter_id", three, "scene_number", 2, "scene_content", "a b c d e f");
        return book;
    }

    private static boolean hasFinding(JsonNode report, String list, String check) {
        for (JsonNode finding : report.get(list)) {
            if (finding.get("check").asText().equals(check)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void chapterStructureReportsNumberingGapsAndMissingPov() {
        long book = bookWithGaps();
        JsonNode report = ok("validate_chapter_structure", "book_id", book);
        assertFalse(report.get("valid").asBoolean());
        assertTrue(hasFinding(report, "issues", "chapter_numbering"), report::toString);
        assertTrue(hasFinding(report, "issues", "scene_numbering"), report::toString);
        assertTrue(hasFinding(report, "issues", "scene_without_pov"), report::toString);
        JsonNode basic = ok("validate_chapter_structure", "book_id", book, "validation_level", "basic");
        assertFalse(hasFinding(basic, "issues", "scene_without_pov"), "basic leaves POV checks out");
        ok("validate_chapter_structure", "book_id", book, "validation_level", "comprehensive");
    }

    @Test
    void violationsAreListedAtOrAboveTheThreshold() {
        long book = bookWithGaps();
        JsonNode all = ok("check_structure_violations", "book_id", book, "severity_threshold", "info",
                "violation_types", List.of("pov_consistency", "plot_holes", "location_consistency"));
        assertFalse(all.get("clean").asBoolean());
        assertTrue(hasFinding(all, "violations", "scene_without_pov"), all::toString);
        JsonNode errors = ok("check_structure_violations", "book_id", book, "severity_threshold", "error",
                "violation_types", List.of("pov_consistency"));
        assertEquals(0, errors.get("violations").size(), errors::toString);
    }

    @Test
    void beatsWordCountsAndProgressAreComputed() {
        long book = bookWithGaps();
        JsonNode beats = ok("validate_beat_placement", "book_id", book);
        boolean inciting = false;
        for (JsonNode beat : beats.get("beats")) {
            if (beat.get("beat").asText().equals("inciting_incident")) {
                inciting = beat.get("found").asBoolean();
            }
        }
        assertTrue(inciting, beats::toString);
        for (String type : List.of("character_arcs", "plot_threads", "emotional_beats")) {
            ok("validate_beat_placement", "book_id", book, "beat_analysis_type", type, "flexible_guidelines", false);
        }
        JsonNode words = ok("word_count_tracking", "book_id", book, "tracking_level", "detailed", "include_history", true);
        assertEquals(10, words.at("/book/scene_word_total").asInt());
        assertEquals(1000, words.at("/book/target_word_count").asInt());
        ok("log_writing_session", "book_id", book, "session_date", today(), "words_written", 250);
        JsonNode progress = ok("get_writing_progress", "book_id", book, "time_period", "week");
        assertEquals(250, progress.at("/totals/words_written").asInt());
        assertEquals(1, progress.at("/streaks/current_days").asInt());
    }

    @Test
    void errorsNameTheArgumentOrTheMissingRow() {
        long book = book();
        notFound(MISSING, "validate_chapter_structure", "book_id", MISSING);
        notFound(MISSING, "validate_chapter_structure", "book_id", book, "chapter_ids", List.of(MISSING));
        invalid("validation_level", "validate_chapter_structure", "book_id", book, "validation_level", "deep");
        notFound(MISSING, "check_structure_violations", "book_id", MISSING);
        invalid("violation_types", "check_structure_violations", "book_id", book, "violation_types", List.of());
        invalid("violation_types", "check_structure_violations", "book_id", book, "violation_types", List.of("typos"));
        invalid("severity_threshold", "check_structure_violations", "book_id", book, "severity_threshold", "fatal");
        notFound(MISSING, "validate_beat_placement", "book_id", MISSING);
        invalid("beat_analysis_type", "validate_beat_placement", "book_id", book, "beat_analysis_type", "music");
        notFound(MISSING, "word_count_tracking", "book_id", MISSING);
        invalid("tracking_level", "word_count_tracking", "book_id", book, "tracking_level", "page");
        notFound(MISSING, "get_writing_progress", "book_id", MISSING);
        invalid("time_period", "get_writing_progress", "book_id", book, "time_period", "year");
    }
}
