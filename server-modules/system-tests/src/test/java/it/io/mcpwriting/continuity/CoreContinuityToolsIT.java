package it.io.mcpwriting.continuity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.McpSession;
import it.io.mcpwriting.support.Outcome;
import it.io.mcpwriting.support.TestDb;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The core-continuity server's tools (all but check_character_knowledge), happy and error paths. */
class CoreContinuityToolsIT {

    private static final String[] NONE = {};

    private static McpSession continuity;

    @BeforeAll
    static void connect() {
        continuity = McpSession.open("core-continuity");
    }

    @AfterAll
    static void disconnect() {
        continuity.close();
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void getCharacterReturnsTheCharacterWithItsBooksAndCounts() {
        long series = TestDb.newSeries();
        long book = TestDb.newStoryBook(series, 1, "The Harbor");
        long mara = TestDb.insertReturningId("INSERT INTO characters (series_id, name, first_appearance_book_id, status) "
                + "VALUES (?, 'Mara', ?, 'missing') RETURNING id", series, book);
        long chapter = TestDb.newStoryChapter(book, 1, "Arrival", null);
        TestDb.newPresenceRecord(mara, chapter, "present", "tired", null, NONE, NONE);
        TestDb.value("INSERT INTO character_knowledge (character_id, knowledge_category, knowledge_item) "
                + "VALUES (?, 'secret', 'the map is fake') RETURNING id", mara);

        Outcome character = continuity.call("get_character", "character_id", mara).ok();
        assertEquals("Mara", character.get("name"));
        assertEquals("missing", character.get("status"));
        assertEquals("The Harbor", map(character.get("first_appearance_book")).get("title"));
        assertEquals(1, character.number("knowledge_count"));
        assertEquals(1, character.number("chapter_appearances"));
        assertNull(character.get("last_appearance_book"));
    }

    @Test
    void getCharacterOfAMissingIdIsNotFound() {
        Outcome missing = continuity.call("get_character", "character_id", 987654321)
                .error("character 987654321 does not exist");
        assertEquals("not_found", missing.errorType());
        continuity.call("get_character").error("character_id");
    }

    @Test
    void getCharacterDetailsFiltersByCategoryCaseInsensitively() {
        long mara = TestDb.newCharacter(TestDb.newSeries(), "Mara");
        TestDb.value("INSERT INTO character_details (character_id, category, attribute, value) VALUES "
                + "(?, 'physical', 'eye_color', 'grey'), (?, 'physical', 'height', 'tall'), "
                + "(?, 'personality', 'temper', 'short') RETURNING id", mara, mara, mara);

        Outcome physical = continuity.call("get_character_details", "character_id", mara, "category", "Physical").ok();
        assertEquals(2, physical.number("count"));
        assertEquals(Map.of("eye_color", "grey", "height", "tall"), map(physical.get("by_category")).get("physical"));
        assertEquals(2, physical.list("available_categories").size());

        Outcome all = continuity.call("get_character_details", "character_id", mara).ok();
        assertEquals(3, all.number("count"));
    }

    @Test
    void getCharacterDetailsFailsForAMissingCharacterOrBlankCategory() {
        continuity.call("get_character_details", "character_id", 987654321).error("character 987654321 does not exist");
        long mara = TestDb.newCharacter(TestDb.newSeries(), "Mara");
        assertEquals("validation", continuity.call("get_character_details", "character_id", mara, "category", " ")
                .error("category").errorType());
    }

    @Test
    void checkCharacterContinuityReportsStateKnowledgeAndLocationInconsistencies() {
        long series = TestDb.newSeries();
        long book = TestDb.newStoryBook(series, 1, "Salt");
        long mara = TestDb.newCharacter(series, "Mara");
        long c1 = TestDb.newStoryChapter(book, 1, "Harbor", "Port Sel");
        long c2 = TestDb.newStoryChapter(book, 2, "Road", "Port Sel");
        long c3 = TestDb.newStoryChapter(book, 3, "Keep", "Iron Keep");
        long c4 = TestDb.newStoryChapter(book, 4, "Dream", null);
        TestDb.newPresenceRecord(mara, c1, "present", "healthy", "calm", new String[] {"The map is fake"}, NONE);
        TestDb.newPresenceRecord(mara, c2, "present", "broken arm", "calm", NONE, new String[] {"The king is dead"});
        TestDb.newPresenceRecord(mara, c3, "present", "broken arm", "furious", new String[] {"the map is fake"},
                new String[] {"the map is fake"});
        TestDb.newPresenceRecord(mara, c4, "dream", "dead", "serene", NONE, NONE);
        TestDb.value("INSERT INTO character_knowledge (character_id, knowledge_category, knowledge_item, "
                + "learned_chapter_id) VALUES (?, 'secret', 'the king is dead', ?) RETURNING id", mara, c3);
        TestDb.value("INSERT INTO chapter_plot_points (chapter_id, event_description, affects_characters) "
                + "VALUES (?, 'Mara is betrayed', ARRAY[?]::int[]) RETURNING id", c3, mara);

        Outcome result = continuity.call("check_character_continuity", "character_id", mara, "from_chapter_id", c1,
                "to_chapter_id", c4).ok();
        assertEquals(4, result.number("chapters_in_range"));
        assertEquals(false, result.get("consistent"));
        List<Map<String, Object>> findings = result.list("findings");
        Map<String, Map<String, Object>> byCheck = findings.stream()
                .filter(f -> !"info".equals(f.get("severity")) || "emotional_state".equals(f.get("check")))
                .collect(Collectors.toMap(f -> (String) f.get("check") + "/" + f.get("severity"), f -> f, (a, b) -> a));

        Map<String, Object> physical = byCheck.get("physical_state/warning");
        assertEquals("healthy", physical.get("previous_value"));
        assertEquals("broken arm", physical.get("value"));
        assertEquals(2, number(physical.get("chapter_number")));

        Map<String, Object> emotional = byCheck.get("emotional_state/info");
        assertEquals("furious", emotional.get("value"));
        assertEquals("plot_point", ((List<Map<String, Object>>) emotional.get("explained_by")).get(0).get("type"));

        Map<String, Object> early = byCheck.get("knowledge/error");
        assertEquals("The king is dead", early.get("item"));
        assertEquals(2, number(early.get("chapter_number")));
        assertTrue(((String) early.get("message")).contains("only learns it in book 1, chapter 3"));

        Map<String, Object> relearned = byCheck.get("knowledge/warning");
        assertTrue(((String) relearned.get("message")).contains("already learned it in book 1, chapter 1"));

        Map<String, Object> moved = byCheck.get("location/warning");
        assertEquals("Port Sel", moved.get("previous_value"));
        assertEquals("Iron Keep", moved.get("value"));

        assertFalse(findings.stream().anyMatch(f -> "dead".equals(f.get("value"))),
                "a dream appearance does not establish the character's physical state");
        Map<String, Object> summary = map(result.get("summary"));
        assertEquals(1, number(summary.get("errors")));
        assertEquals(4, result.list("checks").size());

        Outcome knowledgeOnly = continuity.call("check_character_continuity", "character_id", mara, "from_chapter_id", c3,
                "to_chapter_id", c4, "check_type", "knowledge").ok();
        assertEquals(List.of("knowledge"), knowledgeOnly.list("checks").stream().map(c -> c.get("check")).toList());
        assertTrue(knowledgeOnly.list("findings").stream().allMatch(f -> "knowledge".equals(f.get("check"))));
    }

    @Test
    void checkCharacterContinuityOfAConsistentCharacterFindsNothing() {
        long series = TestDb.newSeries();
        long book = TestDb.newStoryBook(series, 1, "Calm");
        long mara = TestDb.newCharacter(series, "Mara");
        long c1 = TestDb.newStoryChapter(book, 1, "One", "Port Sel");
        long c2 = TestDb.newStoryChapter(book, 2, "Two", "Port Sel");
        TestDb.newPresenceRecord(mara, c1, "present", "healthy", "calm", new String[] {"a secret"}, NONE);
        TestDb.newPresenceRecord(mara, c2, "present", "healthy", "calm", NONE, new String[] {"a secret"});
        Outcome result = continuity.call("check_character_continuity", "character_id", mara, "from_chapter_id", c1,
                "to_chapter_id", c2).ok();
        assertEquals(true, result.get("consistent"));
        assertEquals(List.of(), result.list("findings"));
        assertEquals(1, number(result.list("checks").get(0).get("compared")), "one pair of appearances compared");
    }

    @Test
    void checkCharacterContinuityRejectsBadRanges() {
        long series = TestDb.newSeries();
        long book = TestDb.newStoryBook(series, 1, "Range");
        long mara = TestDb.newCharacter(series, "Mara");
        long c1 = TestDb.newStoryChapter(book, 1, "One", null);
        long c2 = TestDb.newStoryChapter(book, 2, "Two", null);
        long elsewhere = TestDb.newStoryChapter(TestDb.newStoryBook(TestDb.newSeries(), 1, "Other"), 1, "X", null);

        continuity.call("check_character_continuity", "character_id", mara, "from_chapter_id", c2, "to_chapter_id", c1)
                .error("to_chapter_id", "comes before");
        continuity.call("check_character_continuity", "character_id", mara, "from_chapter_id", c1,
                "to_chapter_id", elsewhere).error("to_chapter_id", "not to the character's series");
        continuity.call("check_character_continuity", "character_id", mara, "from_chapter_id", 987654321,
                "to_chapter_id", c1).error("chapter 987654321 does not exist");
        continuity.call("check_character_continuity", "character_id", 987654321, "from_chapter_id", c1,
                "to_chapter_id", c2).error("character 987654321 does not exist");
        continuity.call("check_character_continuity", "character_id", mara, "from_chapter_id", c1,
                "to_chapter_id", c2, "check_type", "smell").error("check_type");
    }

    @Test
    void getPlotThreadsFiltersByTypeStatusBookAndImportance() {
        long series = TestDb.newSeries();
        long war = TestDb.newThreadOfType(series, "The war", "series_arc", 10, 1, null);
        long map = TestDb.newThreadOfType(series, "The fake map", "subplot", 6, 1, 1);
        TestDb.newThreadOfType(series, "A minor feud", "subplot", 2, 2, 3);
        TestDb.value("INSERT INTO plot_thread_relationships (thread_a_id, thread_b_id, relationship_type_id) "
                + "VALUES (?, ?, (SELECT id FROM relationship_types WHERE type_name = 'supports')) RETURNING id", map, war);

        Outcome all = continuity.call("get_plot_threads", "series_id", series).ok();
        assertEquals(3, all.number("count"));
        assertEquals("The war", all.list("threads").get(0).get("title"), "most important first");

        Outcome book2 = continuity.call("get_plot_threads", "series_id", series, "book_number", 2).ok();
        assertEquals(List.of("The war", "A minor feud"), book2.list("threads").stream().map(t -> t.get("title")).toList());

        Outcome subplots = continuity.call("get_plot_threads", "series_id", series, "thread_type", "Subplot",
                "current_status", "active", "importance_min", 5).ok();
        assertEquals(1, subplots.number("count"));
        Map<String, Object> thread = subplots.list("threads").get(0);
        assertEquals("subplot", thread.get("thread_type"));
        Map<String, Object> link = ((List<Map<String, Object>>) thread.get("relationships")).get(0);
        assertEquals("supports", link.get("relationship_type"));
        assertEquals("The war", link.get("other_thread_title"));

        long reveal = TestDb.insertReturningId("INSERT INTO information_reveals (plot_thread_id, reveal_type, information_content, "
                + "reveal_method, significance_level) VALUES (?, 'secret', 'The map is fake', 'confession', 'major') "
                + "RETURNING id", map);
        TestDb.value("INSERT INTO reveal_evidence (reveal_id, evidence_type, evidence_description) "
                + "VALUES (?, 'physical', 'fresh ink') RETURNING id", reveal);
        Map<String, Object> withReveals = continuity.call("get_plot_threads", "series_id", series, "thread_type",
                "subplot", "importance_min", 5, "include_reveals", true).ok().list("threads").get(0);
        Map<String, Object> shown = ((List<Map<String, Object>>) withReveals.get("reveals")).get(0);
        assertEquals("The map is fake", shown.get("information_content"));
        assertEquals("fresh ink", ((List<Map<String, Object>>) shown.get("evidence")).get(0).get("evidence_description"));
    }

    @Test
    void getPlotThreadsRejectsUnknownFiltersAndSeries() {
        long series = TestDb.newSeries();
        continuity.call("get_plot_threads", "series_id", series, "thread_type", "space_opera")
                .error("thread_type", "series_arc");
        continuity.call("get_plot_threads", "series_id", series, "current_status", "finished")
                .error("current_status", "resolved");
        continuity.call("get_plot_threads", "series_id", series, "importance_min", 11).error("importance_min");
        continuity.call("get_plot_threads", "series_id", series, "include_reveals", "all").error("include_reveals");
        continuity.call("get_plot_threads", "series_id", 987654321).error("series 987654321 does not exist");
    }

    private static long arcWithDynamics(long[] chapters, long mara, long jon) {
        long series = TestDb.newSeries();
        long thread = TestDb.newThreadOfType(series, "Rivalry", "romance_arc", 5, 1, null);
        long arc = TestDb.insertReturningId("INSERT INTO relationship_arcs (plot_thread_id, arc_name, participants, "
                + "relationship_type) VALUES (?, 'Mara and Jon', jsonb_build_array("
                + "jsonb_build_object('character_id', ?::int, 'role_in_relationship', 'primary'), "
                + "jsonb_build_object('character_id', ?::int, 'role_in_relationship', 'catalyst')), 'romantic') "
                + "RETURNING id", thread, mara, jon);
        TestDb.value("INSERT INTO relationship_dynamics (arc_id, chapter_id, dynamic_change, tension_change, change_type) "
                + "VALUES (?, ?, 'they quarrel', 4, 'conflict'), (?, ?, 'they meet', -1, 'trust') RETURNING id",
                arc, chapters[1], arc, chapters[0]);
        return arc;
    }

    @Test
    void getRelationshipArcResolvesParticipantsAndSumsTension() {
        long series = TestDb.newSeries();
        long book = TestDb.newStoryBook(series, 1, "Arcs");
        long mara = TestDb.newCharacter(series, "Mara");
        long jon = TestDb.newCharacter(series, "Jon");
        long[] chapters = {TestDb.newStoryChapter(book, 1, "Meet", null), TestDb.newStoryChapter(book, 2, "Fight", null)};
        long arc = arcWithDynamics(chapters, mara, jon);

        Outcome result = continuity.call("get_relationship_arc", "arc_id", arc).ok();
        assertEquals("Mara and Jon", result.get("arc_name"));
        assertEquals(List.of("Mara", "Jon"), result.list("participants").stream().map(p -> p.get("character_name")).toList());
        assertEquals(2, result.number("dynamics_count"));
        assertEquals(3, result.number("net_tension_change"));
        assertEquals("they quarrel", map(result.get("latest_change")).get("dynamic_change"));
        assertEquals("Rivalry", map(result.get("plot_thread")).get("title"));
    }

    @Test
    void getRelationshipArcOfAMissingIdIsNotFound() {
        assertEquals("not_found", continuity.call("get_relationship_arc", "arc_id", 987654321)
                .error("relationship arc 987654321 does not exist").errorType());
    }

    @Test
    void getRelationshipTimelineOrdersChangesByStoryWithRunningTension() {
        long series = TestDb.newSeries();
        long book = TestDb.newStoryBook(series, 1, "Timeline");
        long mara = TestDb.newCharacter(series, "Mara");
        long jon = TestDb.newCharacter(series, "Jon");
        long[] chapters = {TestDb.newStoryChapter(book, 1, "Meet", null), TestDb.newStoryChapter(book, 2, "Fight", null)};
        long arc = arcWithDynamics(chapters, mara, jon);

        Outcome timeline = continuity.call("get_relationship_timeline", "arc_id", arc).ok();
        List<Map<String, Object>> steps = timeline.list("timeline");
        assertEquals(List.of("they meet", "they quarrel"), steps.stream().map(s -> s.get("dynamic_change")).toList());
        assertEquals(List.of(-1L, 3L), steps.stream().map(s -> number(s.get("cumulative_tension"))).toList());
        assertEquals(1, number(steps.get(0).get("chapter_number")));
        assertEquals(2, timeline.number("count"));
        assertEquals(0, timeline.number("undated_count"));
    }

    @Test
    void getRelationshipTimelineOfAMissingIdIsNotFound() {
        continuity.call("get_relationship_timeline", "arc_id", 987654321).error("relationship arc 987654321 does not exist");
        continuity.call("get_relationship_timeline", "arc_id", "one").error("arc_id");
    }

    @Test
    void getEventMappingsListsChaptersInStoryOrder() {
        long series = TestDb.newSeries();
        long book1 = TestDb.newStoryBook(series, 1, "First");
        long book2 = TestDb.newStoryBook(series, 2, "Second");
        long mara = TestDb.newCharacter(series, "Mara");
        long later = TestDb.newStoryChapter(book2, 1, "Memory", null);
        long earlier = TestDb.newStoryChapter(book1, 3, "The Fall", null);
        long event = TestDb.insertReturningId("INSERT INTO timeline_events (series_id, event_name, event_date) "
                + "VALUES (?, 'Fall of Sel', 'Year 3') RETURNING id", series);
        TestDb.value("INSERT INTO event_participants (event_id, character_id) VALUES (?, ?) RETURNING id", event, mara);
        TestDb.value("INSERT INTO event_chapter_mappings (event_id, chapter_id, presentation_type, pov_character_id) "
                + "VALUES (?, ?, 'flashback', ?), (?, ?, 'direct_scene', NULL) RETURNING id",
                event, later, mara, event, earlier);

        Outcome result = continuity.call("get_event_mappings", "event_id", event).ok();
        assertEquals("Fall of Sel", map(result.get("event")).get("event_name"));
        List<Map<String, Object>> mappings = result.list("mappings");
        assertEquals(List.of("direct_scene", "flashback"), mappings.stream().map(m -> m.get("presentation_type")).toList());
        assertEquals("Mara", mappings.get(1).get("pov_character_name"));
        assertEquals(2, result.number("chapter_count"));
        assertEquals(Map.of("flashback", 1, "direct_scene", 1), map(result.get("presentation_types")));
    }

    @Test
    void getEventMappingsOfAMissingEventIsNotFound() {
        continuity.call("get_event_mappings", "event_id", 987654321).error("timeline event 987654321 does not exist");
    }

    @Test
    void getAvailableOptionsListsLookupValuesWithDescriptions() {
        Outcome statuses = continuity.call("get_available_options", "option_type", "plot_thread_statuses").ok();
        assertEquals(6, statuses.number("count"));
        assertTrue(statuses.list("options").stream().allMatch(o -> o.get("description") != null));
        assertEquals("active", statuses.list("options").get(0).get("name"));

        Outcome scifi = continuity.call("get_available_options", "option_type", "genres", "genre_filter",
                "science fiction").ok();
        assertEquals(List.of("science_fiction"), scifi.list("options").stream().map(o -> o.get("name")).toList());
    }

    @Test
    void getAvailableOptionsRejectsUnknownTypesAndMisplacedFilters() {
        continuity.call("get_available_options", "option_type", "weapons").error("option_type");
        continuity.call("get_available_options", "option_type", "scene_types", "genre_filter", "drama")
                .error("genre_filter", "only");
        continuity.call("get_available_options").error("option_type");
    }
}
