package it.io.mcpwriting.chapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.McpSession;
import it.io.mcpwriting.support.Outcome;
import it.io.mcpwriting.support.TestDb;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The chapter-planning server's nineteen tools, happy and error paths, through a real MCP client. */
class ChapterPlanningToolsIT {

    private static final int MISSING = 987654321;

    private static McpSession chapters;

    @BeforeAll
    static void connect() {
        chapters = McpSession.open("chapter-planning");
    }

    @AfterAll
    static void disconnect() {
        chapters.close();
    }

    /** A series with one book of three chapters and two characters. */
    private record Story(long series, long book, long ch1, long ch2, long ch3, long hero, long rival) {

        static Story create() {
            long series = TestDb.newSeries();
            long book = TestDb.newBook(series, 1);
            return new Story(series, book, TestDb.newChapter(book, 1), TestDb.newChapter(book, 2),
                    TestDb.newChapter(book, 3), TestDb.newCharacter(series, "Hero"), TestDb.newCharacter(series, "Rival"));
        }
    }

    private static long num(Object value) {
        return ((Number) value).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> items(Object value) {
        return (List<Object>) value;
    }

    // ---- chapters ----

    @Test
    void createChapterAppliesDefaultsAndNamesThePovCharacter() {
        long series = TestDb.newSeries();
        long book = TestDb.newBook(series, 1);
        long hero = TestDb.newCharacter(series, "Genly");
        Outcome chapter = chapters.call("book_create_chapter", "book_id", book, "chapter_number", 1, "title", " Arrival ",
                "target_word_count", 4000, "pov_character_id", hero, "story_time_start", "Day 1, dawn").ok();
        assertEquals("Arrival", chapter.get("title"));
        assertEquals("planned", chapter.get("status"));
        assertEquals(0, chapter.number("word_count"));
        assertEquals("Genly", chapter.get("pov_character_name"));
        assertEquals(1, chapter.number("book_number"));
        assertEquals(series, chapter.number("series_id"));
        assertEquals("Day 1, dawn", TestDb.value("SELECT story_time_start FROM chapters WHERE id = ?", chapter.id()));
        Outcome draft = chapters.call("book_create_chapter", "book_id", book, "chapter_number", 2, "status", "DRAFT").ok();
        assertEquals("draft", draft.get("status"));
    }

    @Test
    void createChapterWithATakenNumberIsAConflictNamingTheExistingChapter() {
        long book = TestDb.newBook(TestDb.newSeries(), 1);
        long first = chapters.call("book_create_chapter", "book_id", book, "chapter_number", 1, "title", "Opening").ok().id();
        Outcome again = chapters.call("book_create_chapter", "book_id", book, "chapter_number", 1, "title", "Retry")
                .error("already has chapter number 1", "chapter " + first, "Opening");
        assertEquals("conflict", again.errorType());
        assertEquals(1L, TestDb.count("SELECT count(*) FROM chapters WHERE book_id = ?", book));
    }

    @Test
    void createChapterValidatesBookNumberStatusAndPov() {
        long series = TestDb.newSeries();
        long book = TestDb.newBook(series, 1);
        chapters.call("book_create_chapter", "book_id", MISSING, "chapter_number", 1).error("book " + MISSING + " does not exist");
        chapters.call("book_create_chapter", "book_id", book, "chapter_number", 0).error("chapter_number");
        chapters.call("book_create_chapter", "book_id", book).error("chapter_number");
        chapters.call("book_create_chapter", "book_id", book, "chapter_number", 1, "status", "finished")
                .error("status", "planned, draft, revision, final, cut");
        long stranger = TestDb.newCharacter(TestDb.newSeries(), "Stranger");
        chapters.call("book_create_chapter", "book_id", book, "chapter_number", 1, "pov_character_id", stranger)
                .error("pov_character_id", "character " + stranger, "not to series " + series);
        assertEquals(0L, TestDb.count("SELECT count(*) FROM chapters WHERE book_id = ?", book));
    }

    @Test
    void updateChapterChangesOnlyGivenFields() {
        Story s = Story.create();
        Outcome updated = chapters.call("book_update_chapter", "chapter_id", s.ch1(), "word_count", 3100, "status",
                "revision", "pov_character_id", s.rival(), "writing_notes", "tighten the ending").ok();
        assertEquals(3100, updated.number("word_count"));
        assertEquals("revision", updated.get("status"));
        assertEquals("Rival", updated.get("pov_character_name"));
        assertEquals("tighten the ending", updated.get("writing_notes"));
        assertEquals(TestDb.value("SELECT title FROM chapters WHERE id = ?", s.ch1()), updated.get("title"));
        assertEquals(1, updated.number("chapter_number"));
    }

    @Test
    void updateChapterFailsForMissingChapterBadValuesOrNothingToChange() {
        Story s = Story.create();
        assertEquals("not_found", chapters.call("book_update_chapter", "chapter_id", MISSING, "title", "x")
                .error("chapter " + MISSING + " does not exist").errorType());
        chapters.call("book_update_chapter", "chapter_id", s.ch1()).error("nothing to change");
        chapters.call("book_update_chapter", "chapter_id", s.ch1(), "word_count", -5).error("word_count");
        chapters.call("book_update_chapter", "chapter_id", s.ch1(), "status", "shelved").error("status");
        chapters.call("book_update_chapter", "chapter_id", s.ch1(), "chapter_number", 4).error("chapter_number");
        assertEquals("planned", TestDb.value("SELECT status FROM chapters WHERE id = ?", s.ch1()));
    }

    @Test
    void getChapterIncludesScenesAndCharactersOnRequest() {
        Story s = Story.create();
        TestDb.newScene(s.ch2(), 2);
        TestDb.newScene(s.ch2(), 1);
        chapters.call("track_character_presence", "character_id", s.hero(), "chapter_id", s.ch2(), "presence_type",
                "present", "importance_level", "major").ok();
        Outcome plain = chapters.call("book_get_chapter", "chapter_id", s.ch2()).ok();
        assertEquals(2, plain.number("chapter_number"));
        assertNull(plain.get("scenes"));
        assertNull(plain.get("characters"));
        Outcome full = chapters.call("book_get_chapter", "chapter_id", s.ch2(), "include_scenes", true,
                "include_characters", true).ok();
        List<Map<String, Object>> scenes = full.list("scenes");
        assertEquals(List.of(1L, 2L), scenes.stream().map(x -> num(x.get("scene_number"))).toList());
        List<Map<String, Object>> present = full.list("characters");
        assertEquals(1, present.size());
        assertEquals("Hero", present.get(0).get("name"));
        assertEquals("major", present.get(0).get("importance_level"));
    }

    @Test
    void getChapterOfAMissingIdSaysItDoesNotExist() {
        assertEquals("not_found", chapters.call("book_get_chapter", "chapter_id", MISSING)
                .error("chapter " + MISSING + " does not exist").errorType());
        chapters.call("book_get_chapter", "chapter_id", "one").error("chapter_id");
    }

    @Test
    void listChaptersInOrderWithStatusFilterAndStats() {
        long series = TestDb.newSeries();
        long book = TestDb.newBook(series, 1);
        chapters.call("book_create_chapter", "book_id", book, "chapter_number", 3, "target_word_count", 2000).ok();
        long first = chapters.call("book_create_chapter", "book_id", book, "chapter_number", 1, "target_word_count", 2000)
                .ok().id();
        chapters.call("book_update_chapter", "chapter_id", first, "word_count", 1500, "status", "draft").ok();
        long scene = TestDb.newScene(first, 1);
        TestDb.value("UPDATE chapter_scenes SET word_count = 700 WHERE id = ? RETURNING id", scene);

        Outcome all = chapters.call("book_list_chapters", "book_id", book).ok();
        assertEquals(2, all.number("count"));
        assertEquals(1500, all.number("total_word_count"));
        assertEquals(List.of(1L, 3L), all.list("chapters").stream().map(c -> num(c.get("chapter_number"))).toList());
        assertNull(all.get("stats"));

        Outcome drafts = chapters.call("book_list_chapters", "book_id", book, "status", "draft", "include_stats", true).ok();
        assertEquals(1, drafts.number("count"));
        Map<String, Object> row = drafts.list("chapters").get(0);
        assertEquals(first, num(row.get("id")));
        assertEquals(1, num(row.get("scene_count")));
        assertEquals(700, num(row.get("scene_word_count")));
        assertEquals(75.0, ((Number) row.get("progress_percent")).doubleValue());

        Map<String, Object> stats = map(chapters.call("book_list_chapters", "book_id", book, "include_stats", true).ok()
                .get("stats"));
        assertEquals(List.of(2), items(stats.get("missing_chapter_numbers")).stream()
                .map(n -> ((Number) n).intValue()).toList());
        Map<String, Object> byStatus = map(stats.get("chapters_by_status"));
        assertEquals(2, byStatus.size());
        assertEquals(1, num(byStatus.get("draft")));
        assertEquals(1, num(byStatus.get("planned")));
        assertEquals(37.5, ((Number) stats.get("progress_percent")).doubleValue());
    }

    @Test
    void listChaptersOfAMissingBookOrBadStatusFails() {
        chapters.call("book_list_chapters", "book_id", MISSING).error("book " + MISSING + " does not exist");
        long book = TestDb.newBook(TestDb.newSeries(), 1);
        chapters.call("book_list_chapters", "book_id", book, "status", "shelved").error("status", "unknown status");
    }

    // ---- timeline ----

    @Test
    void mapEventToChapterRecordsTheMappingAndListsOtherTellings() {
        Story s = Story.create();
        long event = TestDb.newTimelineEvent(s.series(), "The fire");
        Outcome first = chapters.call("timeline_map_event_to_chapter", "event_id", event, "chapter_id", s.ch1(),
                "scene_number", 2, "presentation_type", "direct_scene", "pov_character_id", s.hero()).ok();
        assertEquals("full", first.get("completeness"));
        assertEquals("The fire", first.get("event_name"));
        assertEquals("Hero", first.get("pov_character_name"));
        assertEquals(List.of(), first.get("other_mappings"));
        Outcome second = chapters.call("timeline_map_event_to_chapter", "event_id", event, "chapter_id", s.ch3(),
                "presentation_type", "memory", "completeness", "glimpse", "event_aspect", "the smell of smoke").ok();
        List<Map<String, Object>> others = second.list("other_mappings");
        assertEquals(1, others.size());
        assertEquals(first.id(), num(others.get(0).get("mapping_id")));
        assertEquals(2L, TestDb.count("SELECT count(*) FROM event_chapter_mappings WHERE event_id = ?", event));
    }

    @Test
    void mapEventToChapterRejectsDuplicatesOtherSeriesAndBadValues() {
        Story s = Story.create();
        long event = TestDb.newTimelineEvent(s.series(), "The duel");
        long mapping = chapters.call("timeline_map_event_to_chapter", "event_id", event, "chapter_id", s.ch1(),
                "presentation_type", "flashback").ok().id();
        Outcome twin = chapters.call("timeline_map_event_to_chapter", "event_id", event, "chapter_id", s.ch1(),
                "presentation_type", "flashback").error("already mapped", "mapping " + mapping);
        assertEquals("conflict", twin.errorType());
        Story other = Story.create();
        chapters.call("timeline_map_event_to_chapter", "event_id", event, "chapter_id", other.ch1())
                .error("chapter_id", "not to series " + s.series());
        chapters.call("timeline_map_event_to_chapter", "event_id", MISSING, "chapter_id", s.ch1())
                .error("timeline event " + MISSING + " does not exist");
        chapters.call("timeline_map_event_to_chapter", "event_id", event, "chapter_id", s.ch2(), "presentation_type",
                "hologram").error("presentation_type");
        assertEquals(1L, TestDb.count("SELECT count(*) FROM event_chapter_mappings WHERE event_id = ?", event));
    }

    @Test
    void updateEventMappingChangesOnlyGivenFields() {
        Story s = Story.create();
        long event = TestDb.newTimelineEvent(s.series(), "The theft");
        long mapping = chapters.call("timeline_map_event_to_chapter", "event_id", event, "chapter_id", s.ch2(),
                "presentation_type", "reference", "narrative_function", "raises stakes").ok().id();
        Outcome updated = chapters.call("update_event_mapping", "mapping_id", mapping, "completeness", "partial",
                "pov_character_id", s.rival(), "scene_number", 3).ok();
        assertEquals("partial", updated.get("completeness"));
        assertEquals("reference", updated.get("presentation_type"));
        assertEquals("raises stakes", updated.get("narrative_function"));
        assertEquals(3, updated.number("scene_number"));
        assertEquals("Rival", updated.get("pov_character_name"));
    }

    @Test
    void updateEventMappingFailsForMissingMappingTwinsAndForeignCharacters() {
        Story s = Story.create();
        chapters.call("update_event_mapping", "mapping_id", MISSING, "scene_number", 1)
                .error("event mapping " + MISSING + " does not exist");
        long event = TestDb.newTimelineEvent(s.series(), "The wedding");
        long a = chapters.call("timeline_map_event_to_chapter", "event_id", event, "chapter_id", s.ch1(),
                "presentation_type", "dream").ok().id();
        long b = chapters.call("timeline_map_event_to_chapter", "event_id", event, "chapter_id", s.ch1(),
                "presentation_type", "memory").ok().id();
        chapters.call("update_event_mapping", "mapping_id", b, "presentation_type", "dream")
                .error("already mapped", "mapping " + a);
        long stranger = TestDb.newCharacter(TestDb.newSeries(), "Stranger");
        chapters.call("update_event_mapping", "mapping_id", b, "pov_character_id", stranger).error("pov_character_id");
        chapters.call("update_event_mapping", "mapping_id", b).error("nothing to change");
        assertEquals("memory", TestDb.value("SELECT presentation_type FROM event_chapter_mappings WHERE id = ?", b));
    }

    @Test
    void updateTimelineEventChangesFieldsAndReplacesParticipants() {
        Story s = Story.create();
        long event = TestDb.newTimelineEvent(s.series(), "Coronation");
        long third = TestDb.newCharacter(s.series(), "Queen");
        TestDb.value("INSERT INTO event_participants (event_id, character_id, role_in_event) VALUES (?, ?, 'witness'), "
                + "(?, ?, 'crowned') RETURNING id", event, s.hero(), event, third);
        Outcome updated = chapters.call("update_timeline_event", "event_id", event, "event_date", "Year 12, spring",
                "significance", "major", "book_id", s.book(), "participants", List.of(third, s.rival())).ok();
        assertEquals("Year 12, spring", updated.get("event_date"));
        assertEquals("major", updated.get("significance"));
        assertEquals("Coronation", updated.get("event_name"));
        assertEquals(s.book(), updated.number("book_id"));
        List<Map<String, Object>> participants = updated.list("participants");
        assertEquals(List.of("Queen", "Rival"), participants.stream().map(p -> p.get("name")).toList());
        assertEquals("crowned", participants.get(0).get("role_in_event"), "kept participants keep their role");
    }

    @Test
    void updateTimelineEventFailsForMissingEventForeignBookOrCharacters() {
        Story s = Story.create();
        chapters.call("update_timeline_event", "event_id", MISSING, "event_name", "x")
                .error("timeline event " + MISSING + " does not exist");
        long event = TestDb.newTimelineEvent(s.series(), "Siege");
        Story other = Story.create();
        chapters.call("update_timeline_event", "event_id", event, "book_id", other.book()).error("book_id");
        chapters.call("update_timeline_event", "event_id", event, "participants", List.of(other.hero()))
                .error(String.valueOf(other.hero()));
        chapters.call("update_timeline_event", "event_id", event, "significance", "epic").error("significance");
        chapters.call("update_timeline_event", "event_id", event, "event_name", "  ").error("event_name");
        assertEquals("Siege", TestDb.value("SELECT event_name FROM timeline_events WHERE id = ?", event));
    }

    // ---- world ----

    @Test
    void trackLocationUsageIsIdempotentPerBookAndChapter() {
        Story s = Story.create();
        long harbor = TestDb.newLocation(s.series(), "Harbor");
        Outcome first = chapters.call("world_track_location_usage", "location_id", harbor, "book_id", s.book(),
                "chapter_id", s.ch1(), "usage_notes", "arrival").ok();
        assertEquals("new", first.get("recorded"));
        assertEquals("location", first.get("element_type"));
        assertEquals("Harbor", first.get("name"));
        Outcome again = chapters.call("world_track_location_usage", "location_id", harbor, "book_id", s.book(),
                "chapter_id", s.ch1(), "usage_notes", "arrival at night").ok();
        assertEquals("updated", again.get("recorded"));
        assertEquals(first.id(), again.id());
        assertEquals("arrival at night", again.get("usage_notes"));
        Outcome bookLevel = chapters.call("world_track_location_usage", "location_id", harbor, "book_id", s.book()).ok();
        assertEquals("new", bookLevel.get("recorded"));
        assertEquals(2, bookLevel.number("uses_in_book"));
        assertEquals("updated", chapters.call("world_track_location_usage", "location_id", harbor, "book_id", s.book())
                .ok().get("recorded"));
        assertEquals(2L, TestDb.count("SELECT count(*) FROM world_element_usage WHERE element_type = 'location' "
                + "AND element_id = ?", harbor));
    }

    @Test
    void trackLocationUsageRejectsMissingLocationForeignBookAndChapterOfAnotherBook() {
        Story s = Story.create();
        long harbor = TestDb.newLocation(s.series(), "Harbor");
        chapters.call("world_track_location_usage", "location_id", MISSING, "book_id", s.book())
                .error("location " + MISSING + " does not exist");
        Story other = Story.create();
        chapters.call("world_track_location_usage", "location_id", harbor, "book_id", other.book()).error("book_id");
        long book2 = TestDb.newBook(s.series(), 2);
        chapters.call("world_track_location_usage", "location_id", harbor, "book_id", book2, "chapter_id", s.ch1())
                .error("chapter_id", "not to book " + book2);
        assertEquals(0L, TestDb.count("SELECT count(*) FROM world_element_usage WHERE element_type = 'location' "
                + "AND element_id = ?", harbor));
    }

    @Test
    void trackElementUsageStoresPowerLevelAndUpdatesOnRepeat() {
        Story s = Story.create();
        long fire = TestDb.newWorldElement(s.series(), "Fire magic");
        Outcome first = chapters.call("world_track_element_usage", "element_id", fire, "book_id", s.book(), "chapter_id",
                s.ch2(), "power_level", 4, "usage_notes", "a candle lit").ok();
        assertEquals("world_element", first.get("element_type"));
        assertEquals(4, first.number("power_level"));
        Outcome again = chapters.call("world_track_element_usage", "element_id", fire, "book_id", s.book(), "chapter_id",
                s.ch2(), "power_level", 7).ok();
        assertEquals("updated", again.get("recorded"));
        assertEquals(7, again.number("power_level"));
        assertEquals("a candle lit", again.get("usage_notes"), "notes not given are kept");
    }

    @Test
    void trackElementUsageRejectsBadPowerLevelAndMissingElement() {
        Story s = Story.create();
        long fire = TestDb.newWorldElement(s.series(), "Fire magic");
        chapters.call("world_track_element_usage", "element_id", fire, "book_id", s.book(), "power_level", 11)
                .error("power_level", "between 1 and 10");
        chapters.call("world_track_element_usage", "element_id", MISSING, "book_id", s.book())
                .error("world element " + MISSING + " does not exist");
        chapters.call("world_track_element_usage", "element_id", fire, "book_id", MISSING)
                .error("book " + MISSING + " does not exist");
    }

    @Test
    void trackOrganizationActivityKeepsOneRowPerActivityType() {
        Story s = Story.create();
        long guild = TestDb.newOrganization(s.series(), "Thieves' Guild");
        Outcome raid = chapters.call("track_organization_activity", "organization_id", guild, "book_id", s.book(),
                "chapter_id", s.ch3(), "activity_type", "raid", "activity_notes", "the vault",
                "involved_characters", List.of(s.hero(), s.rival(), s.hero())).ok();
        assertEquals("organization", raid.get("element_type"));
        assertEquals("raid", raid.get("activity_type"));
        assertEquals(List.of(s.hero(), s.rival()), items(raid.get("involved_characters")).stream().map(x -> num(x)).toList());
        assertEquals("new", chapters.call("track_organization_activity", "organization_id", guild, "book_id", s.book(),
                "chapter_id", s.ch3(), "activity_type", "meeting").ok().get("recorded"));
        Outcome again = chapters.call("track_organization_activity", "organization_id", guild, "book_id", s.book(),
                "chapter_id", s.ch3(), "activity_type", "raid", "activity_notes", "the vault, again").ok();
        assertEquals("updated", again.get("recorded"));
        assertEquals(raid.id(), again.id());
        assertEquals(2L, TestDb.count("SELECT count(*) FROM world_element_usage WHERE element_type = 'organization' "
                + "AND element_id = ?", guild));
    }

    @Test
    void trackOrganizationActivityRejectsForeignCharactersAndMissingArguments() {
        Story s = Story.create();
        long guild = TestDb.newOrganization(s.series(), "Guild");
        long stranger = TestDb.newCharacter(TestDb.newSeries(), "Stranger");
        chapters.call("track_organization_activity", "organization_id", guild, "book_id", s.book(), "activity_type",
                "raid", "involved_characters", List.of(stranger)).error(String.valueOf(stranger), "series " + s.series());
        chapters.call("track_organization_activity", "organization_id", guild, "book_id", s.book())
                .error("activity_type");
        chapters.call("track_organization_activity", "organization_id", MISSING, "book_id", s.book(), "activity_type",
                "raid").error("organization " + MISSING + " does not exist");
        assertEquals(0L, TestDb.count("SELECT count(*) FROM world_element_usage WHERE element_id = ? "
                + "AND element_type = 'organization'", guild));
    }

    @Test
    void updateLocationChangesFieldsAndParent() {
        Story s = Story.create();
        long city = TestDb.newLocation(s.series(), "City");
        long tavern = TestDb.newLocation(s.series(), "Tavern");
        Outcome updated = chapters.call("update_location", "location_id", tavern, "parent_location_id", city,
                "notable_features", List.of("crooked sign", "cellar"), "atmosphere", "smoky").ok();
        assertEquals("City", updated.get("parent_location_name"));
        assertEquals(List.of("crooked sign", "cellar"), updated.get("notable_features"));
        assertEquals("Tavern", updated.get("name"));
        assertEquals("city", updated.get("location_type"));
        assertEquals(1, chapters.call("update_location", "location_id", city, "climate", "temperate").ok()
                .number("child_locations"));
    }

    @Test
    void updateLocationRejectsCyclesDuplicateNamesAndMissingRows() {
        Story s = Story.create();
        long city = TestDb.newLocation(s.series(), "City");
        long tavern = TestDb.newLocation(s.series(), "Tavern");
        chapters.call("update_location", "location_id", tavern, "parent_location_id", city).ok();
        chapters.call("update_location", "location_id", city, "parent_location_id", tavern)
                .error("parent_location_id", "cycle");
        chapters.call("update_location", "location_id", city, "parent_location_id", city).error("parent_location_id");
        assertEquals("conflict", chapters.call("update_location", "location_id", tavern, "name", "city")
                .error("already has a location named", "location " + city).errorType());
        chapters.call("update_location", "location_id", MISSING, "name", "x").error("location " + MISSING + " does not exist");
        chapters.call("update_location", "location_id", city).error("nothing to change");
        assertNull(TestDb.value("SELECT parent_location_id FROM locations WHERE id = ?", city));
    }

    @Test
    void updateWorldElementChangesListsAndSystem() {
        Story s = Story.create();
        long element = TestDb.newWorldElement(s.series(), "Runes");
        long system = TestDb.newWorldSystem(s.series(), "Rune craft");
        Outcome updated = chapters.call("update_world_element", "element_id", element, "rules", List.of("needs ink"),
                "limitations", List.of("one rune a day", "not on iron"), "system_id", system, "rarity", "rare").ok();
        assertEquals(List.of("needs ink"), updated.get("rules"));
        assertEquals(List.of("one rune a day", "not on iron"), updated.get("limitations"));
        assertEquals("Rune craft", updated.get("system_name"));
        assertEquals("rare", updated.get("rarity"));
        assertEquals("Runes", updated.get("name"));
    }

    @Test
    void updateWorldElementRejectsForeignSystemAndMissingElement() {
        Story s = Story.create();
        long element = TestDb.newWorldElement(s.series(), "Runes");
        long foreign = TestDb.newWorldSystem(TestDb.newSeries(), "Elsewhere");
        chapters.call("update_world_element", "element_id", element, "system_id", foreign).error("system_id");
        chapters.call("update_world_element", "element_id", element, "system_id", MISSING)
                .error("world system " + MISSING + " does not exist");
        chapters.call("update_world_element", "element_id", MISSING, "rarity", "rare")
                .error("world element " + MISSING + " does not exist");
        chapters.call("update_world_element", "element_id", element, "rules", "not a list").error("rules");
        assertNull(TestDb.value("SELECT system_id FROM world_elements WHERE id = ?", element));
    }

    @Test
    void updateOrganizationChangesFieldsHeadquartersAndParent() {
        Story s = Story.create();
        long guild = TestDb.newOrganization(s.series(), "Guild");
        long council = TestDb.newOrganization(s.series(), "Council");
        long hall = TestDb.newLocation(s.series(), "Hall");
        Outcome updated = chapters.call("update_organization", "organization_id", guild, "influence_level", 8,
                "headquarters_location_id", hall, "parent_organization_id", council, "member_count", 120,
                "status", "underground").ok();
        assertEquals(8, updated.number("influence_level"));
        assertEquals("Hall", updated.get("headquarters_location_name"));
        assertEquals("Council", updated.get("parent_organization_name"));
        assertEquals("underground", updated.get("status"));
        assertEquals("guild", updated.get("organization_type"));
    }

    @Test
    void updateOrganizationRejectsOutOfRangeInfluenceCyclesAndForeignLocations() {
        Story s = Story.create();
        long guild = TestDb.newOrganization(s.series(), "Guild");
        long chapter = TestDb.newOrganization(s.series(), "Guild chapter");
        chapters.call("update_organization", "organization_id", guild, "influence_level", 11).error("influence_level");
        chapters.call("update_organization", "organization_id", chapter, "parent_organization_id", guild).ok();
        chapters.call("update_organization", "organization_id", guild, "parent_organization_id", chapter)
                .error("parent_organization_id", "cycle");
        long foreignHall = TestDb.newLocation(TestDb.newSeries(), "Far hall");
        chapters.call("update_organization", "organization_id", guild, "headquarters_location_id", foreignHall)
                .error("headquarters_location_id");
        chapters.call("update_organization", "organization_id", MISSING, "status", "active")
                .error("organization " + MISSING + " does not exist");
        assertNull(TestDb.value("SELECT influence_level FROM organizations WHERE id = ?", guild));
    }

    // ---- characters ----

    @Test
    void addKnowledgeWithChapterIsIdempotentAndKeepsHistory() {
        Story s = Story.create();
        Outcome suspects = chapters.call("character_add_character_knowledge_with_chapter", "character_id", s.hero(),
                "knowledge_category", "secret", "knowledge_item", "The rival is the heir", "knowledge_level", "suspects",
                "learned_chapter_id", s.ch1(), "learned_scene", 2, "learned_context", "overheard").ok();
        assertEquals("new", suspects.get("recorded"));
        assertEquals(s.book(), suspects.number("learned_book_id"));
        assertEquals(1, suspects.number("chapter_number"));
        Outcome retry = chapters.call("character_add_character_knowledge_with_chapter", "character_id", s.hero(),
                "knowledge_category", "Secret", "knowledge_item", "the rival is the heir", "knowledge_level", "suspects",
                "learned_chapter_id", s.ch1()).ok();
        assertEquals("updated", retry.get("recorded"));
        assertEquals(suspects.id(), retry.id());
        assertEquals("overheard", retry.get("learned_context"));
        Outcome knows = chapters.call("character_add_character_knowledge_with_chapter", "character_id", s.hero(),
                "knowledge_category", "secret", "knowledge_item", "The rival is the heir", "learned_chapter_id",
                s.ch3()).ok();
        assertEquals("knows", knows.get("knowledge_level"));
        List<Object> history = items(knows.get("history"));
        assertEquals(2, history.size());
        assertEquals("suspects", map(history.get(0)).get("knowledge_level"));
        assertEquals("knows", map(history.get(1)).get("knowledge_level"));
        assertEquals(2L, TestDb.count("SELECT count(*) FROM character_knowledge WHERE character_id = ?", s.hero()));
    }

    @Test
    void addKnowledgeRejectsChapterOfAnotherSeriesAndMissingCharacter() {
        Story s = Story.create();
        Story other = Story.create();
        chapters.call("character_add_character_knowledge_with_chapter", "character_id", s.hero(), "knowledge_category",
                "secret", "knowledge_item", "x", "learned_chapter_id", other.ch1())
                .error("learned_chapter_id", "not to series " + s.series());
        chapters.call("character_add_character_knowledge_with_chapter", "character_id", MISSING, "knowledge_category",
                "secret", "knowledge_item", "x", "learned_chapter_id", s.ch1()).error("character " + MISSING + " does not exist");
        chapters.call("character_add_character_knowledge_with_chapter", "character_id", s.hero(), "knowledge_category",
                "secret", "knowledge_item", "x").error("learned_chapter_id");
        chapters.call("character_add_character_knowledge_with_chapter", "character_id", s.hero(), "knowledge_category",
                "secret", "knowledge_item", "x", "knowledge_level", "believes", "learned_chapter_id", s.ch1())
                .error("knowledge_level");
        assertEquals(0L, TestDb.count("SELECT count(*) FROM character_knowledge WHERE character_id = ?", s.hero()));
    }

    @Test
    void getCharactersWhoKnowUsesEachCharactersLatestState() {
        Story s = Story.create();
        long third = TestDb.newCharacter(s.series(), "Sage");
        String item = TestDb.unique("The map is forged");
        chapters.call("character_add_character_knowledge_with_chapter", "character_id", s.hero(), "knowledge_category",
                "secret", "knowledge_item", item, "knowledge_level", "suspects", "learned_chapter_id", s.ch1()).ok();
        chapters.call("character_add_character_knowledge_with_chapter", "character_id", s.hero(), "knowledge_category",
                "secret", "knowledge_item", item, "knowledge_level", "knows", "learned_chapter_id", s.ch3()).ok();
        chapters.call("character_add_character_knowledge_with_chapter", "character_id", s.rival(), "knowledge_category",
                "secret", "knowledge_item", item, "knowledge_level", "suspects", "learned_chapter_id", s.ch2()).ok();
        chapters.call("character_add_character_knowledge_with_chapter", "character_id", third, "knowledge_category",
                "secret", "knowledge_item", "Something else entirely", "learned_chapter_id", s.ch2()).ok();

        Outcome all = chapters.call("character_get_characters_who_know", "series_id", s.series(), "knowledge_item",
                item.substring(4).toUpperCase()).ok();
        assertEquals(2, all.number("count"));
        List<Map<String, Object>> found = all.list("characters");
        assertEquals(List.of("Rival", "Hero"), found.stream().map(c -> c.get("name")).toList());
        assertEquals("knows", found.get(1).get("knowledge_level"));
        assertEquals(3, num(found.get(1).get("chapter_number")));

        Outcome suspecting = chapters.call("character_get_characters_who_know", "series_id", s.series(),
                "knowledge_item", item, "knowledge_level", "suspects").ok();
        assertEquals(1, suspecting.number("count"));
        assertEquals(s.rival(), num(suspecting.list("characters").get(0).get("character_id")));
    }

    @Test
    void getCharactersWhoKnowFailsForMissingSeriesOrBadLevel() {
        chapters.call("character_get_characters_who_know", "series_id", MISSING, "knowledge_item", "x")
                .error("series " + MISSING + " does not exist");
        long series = TestDb.newSeries();
        chapters.call("character_get_characters_who_know", "series_id", series, "knowledge_item", "x",
                "knowledge_level", "maybe").error("knowledge_level");
        chapters.call("character_get_characters_who_know", "series_id", series).error("knowledge_item");
        assertEquals(0, chapters.call("character_get_characters_who_know", "series_id", series, "knowledge_item",
                "nobody knows this").ok().number("count"));
    }

    @Test
    void trackCharacterPresenceUpsertsAndWarns() {
        Story s = Story.create();
        long scene = TestDb.newScene(s.ch2(), 1);
        TestDb.newScene(s.ch2(), 2);
        chapters.call("book_update_chapter", "chapter_id", s.ch2(), "pov_character_id", s.hero()).ok();
        Outcome first = chapters.call("track_character_presence", "character_id", s.hero(), "chapter_id", s.ch2(),
                "scene_id", scene, "presence_type", "mentioned", "emotional_state", "anxious", "enters_at_scene", 1,
                "exits_at_scene", 4, "learns_this_chapter", List.of("the gate is watched")).ok();
        assertEquals("new", first.get("recorded"));
        List<Object> warnings = items(first.get("warnings"));
        assertEquals(2, warnings.size(), () -> "warnings: " + warnings);
        assertTrue(warnings.get(0).toString().contains("exits_at_scene 4"));
        assertTrue(warnings.get(1).toString().contains("point of view"));
        Outcome again = chapters.call("track_character_presence", "character_id", s.hero(), "chapter_id", s.ch2(),
                "presence_type", "present", "exits_at_scene", 2, "physical_state", "limping").ok();
        assertEquals("updated", again.get("recorded"));
        assertEquals(first.id(), again.id());
        assertEquals("anxious", again.get("emotional_state"));
        assertEquals("limping", again.get("physical_state"));
        assertEquals(List.of("the gate is watched"), again.get("learns_this_chapter"));
        assertEquals(List.of(), again.get("warnings"));
        assertEquals(1L, TestDb.count("SELECT count(*) FROM character_chapter_presence WHERE chapter_id = ?", s.ch2()));
    }

    @Test
    void trackCharacterPresenceRejectsForeignSceneExitBeforeEntryAndBadType() {
        Story s = Story.create();
        long otherScene = TestDb.newScene(s.ch1(), 1);
        chapters.call("track_character_presence", "character_id", s.hero(), "chapter_id", s.ch2(), "scene_id",
                otherScene, "presence_type", "present").error("scene_id", "not to chapter " + s.ch2());
        chapters.call("track_character_presence", "character_id", s.hero(), "chapter_id", s.ch2(), "presence_type",
                "present", "enters_at_scene", 3, "exits_at_scene", 2).error("exits_at_scene", "before entering");
        chapters.call("track_character_presence", "character_id", s.hero(), "chapter_id", s.ch2(), "presence_type",
                "telepathy").error("presence_type");
        chapters.call("track_character_presence", "character_id", s.hero(), "chapter_id", MISSING, "presence_type",
                "present").error("chapter " + MISSING + " does not exist");
        assertEquals(0L, TestDb.count("SELECT count(*) FROM character_chapter_presence WHERE character_id = ?", s.hero()));
    }

    // ---- plot ----

    @Test
    void createInformationRevealWithForeshadowing() {
        Story s = Story.create();
        long thread = TestDb.newPlotThread(s.series(), "Who lit the fire");
        Outcome reveal = chapters.call("plot_create_information_reveal", "plot_thread_id", thread, "reveal_type",
                "secret", "information_content", "The rival lit the fire", "reveal_method", "confession",
                "significance_level", "major", "affects_characters", List.of(s.hero(), s.rival()),
                "revealed_in_chapter", s.ch3(), "foreshadowing_chapters", List.of(s.ch2(), s.ch1())).ok();
        assertEquals("secret", reveal.get("reveal_type"));
        assertEquals("Who lit the fire", reveal.get("plot_thread_title"));
        assertEquals(3, num(map(reveal.get("revealed_in")).get("chapter_number")));
        assertEquals(List.of(1L, 2L), reveal.list("foreshadowed_in").stream().map(c -> num(c.get("chapter_number")))
                .toList());
        assertEquals(2, reveal.list("affected_characters").size());
        assertEquals(0, reveal.number("evidence_count"));
    }

    @Test
    void createInformationRevealRejectsLateForeshadowingDuplicatesAndMissingThread() {
        Story s = Story.create();
        long thread = TestDb.newPlotThread(s.series(), "Thread");
        chapters.call("plot_create_information_reveal", "plot_thread_id", thread, "reveal_type", "secret",
                "information_content", "x", "reveal_method", "letter", "significance_level", "minor",
                "revealed_in_chapter", s.ch2(), "foreshadowing_chapters", List.of(s.ch1(), s.ch3()))
                .error("foreshadowing_chapters", String.valueOf(s.ch3()));
        long first = chapters.call("plot_create_information_reveal", "plot_thread_id", thread, "reveal_type",
                "backstory", "information_content", "She was born at sea", "reveal_method", "letter",
                "significance_level", "minor").ok().id();
        assertEquals("conflict", chapters.call("plot_create_information_reveal", "plot_thread_id", thread, "reveal_type",
                "backstory", "information_content", "She was born at sea", "reveal_method", "diary",
                "significance_level", "minor").error("reveal " + first).errorType());
        chapters.call("plot_create_information_reveal", "plot_thread_id", MISSING, "reveal_type", "secret",
                "information_content", "x", "reveal_method", "m", "significance_level", "minor")
                .error("plot thread " + MISSING + " does not exist");
        chapters.call("plot_create_information_reveal", "plot_thread_id", thread, "reveal_type", "gossip",
                "information_content", "x", "reveal_method", "m", "significance_level", "minor").error("reveal_type");
        assertEquals(1L, TestDb.count("SELECT count(*) FROM information_reveals WHERE plot_thread_id = ?", thread));
    }

    @Test
    void addRevealEvidenceListsEvidenceAndWarnsWhenFoundAfterTheReveal() {
        Story s = Story.create();
        long thread = TestDb.newPlotThread(s.series(), "Murder");
        long reveal = chapters.call("plot_create_information_reveal", "plot_thread_id", thread, "reveal_type",
                "evidence", "information_content", "The butler did it", "reveal_method", "deduction",
                "significance_level", "climactic", "revealed_in_chapter", s.ch2()).ok().id();
        Outcome knife = chapters.call("plot_add_reveal_evidence", "reveal_id", reveal, "evidence_type", "physical",
                "evidence_description", "A bloody knife", "discovered_by", s.hero(), "discovery_chapter", s.ch1(),
                "significance", "critical").ok();
        assertEquals("Hero", knife.get("discovered_by_name"));
        assertEquals(List.of(), knife.get("warnings"));
        Outcome late = chapters.call("plot_add_reveal_evidence", "reveal_id", reveal, "evidence_type", "witness",
                "evidence_description", "The maid saw him", "discovery_chapter", s.ch3()).ok();
        assertEquals(1, items(late.get("warnings")).size());
        assertEquals(2, late.list("reveal_evidence").size());
        assertEquals(2L, TestDb.count("SELECT count(*) FROM reveal_evidence WHERE reveal_id = ?", reveal));
    }

    @Test
    void addRevealEvidenceRejectsMissingRevealDuplicatesAndForeignCharacters() {
        Story s = Story.create();
        long thread = TestDb.newPlotThread(s.series(), "Murder");
        long reveal = chapters.call("plot_create_information_reveal", "plot_thread_id", thread, "reveal_type",
                "evidence", "information_content", "The butler did it", "reveal_method", "deduction",
                "significance_level", "major").ok().id();
        chapters.call("plot_add_reveal_evidence", "reveal_id", MISSING, "evidence_type", "physical",
                "evidence_description", "x").error("reveal " + MISSING + " does not exist");
        long glove = chapters.call("plot_add_reveal_evidence", "reveal_id", reveal, "evidence_type", "forensic",
                "evidence_description", "A glove").ok().id();
        chapters.call("plot_add_reveal_evidence", "reveal_id", reveal, "evidence_type", "forensic",
                "evidence_description", "A glove").error("evidence " + glove);
        long stranger = TestDb.newCharacter(TestDb.newSeries(), "Stranger");
        chapters.call("plot_add_reveal_evidence", "reveal_id", reveal, "evidence_type", "physical",
                "evidence_description", "A button", "discovered_by", stranger).error("discovered_by");
        chapters.call("plot_add_reveal_evidence", "reveal_id", reveal, "evidence_type", "psychic",
                "evidence_description", "A vision").error("evidence_type");
        assertEquals(1L, TestDb.count("SELECT count(*) FROM reveal_evidence WHERE reveal_id = ?", reveal));
    }

    @Test
    void resolvePlotThreadMarksItResolvedAndReportsWhatIsLeftOpen() {
        Story s = Story.create();
        TestDb.newBook(s.series(), 2);
        long thread = TestDb.newPlotThread(s.series(), "The war");
        long child = TestDb.newPlotThread(s.series(), "The spy");
        TestDb.value("UPDATE plot_threads SET parent_thread_id = ?, start_book = 1 WHERE id = ? RETURNING id", thread, child);
        TestDb.value("UPDATE plot_threads SET start_book = 1 WHERE id = ? RETURNING id", thread);
        chapters.call("plot_create_information_reveal", "plot_thread_id", thread, "reveal_type", "secret",
                "information_content", "The king started it", "reveal_method", "letter", "significance_level",
                "world_changing").ok();
        Outcome resolved = chapters.call("resolve_plot_thread", "thread_id", thread, "resolution_book", 2,
                "resolution_notes", "Peace treaty signed").ok();
        assertEquals("resolved", resolved.get("current_status"));
        assertEquals("active", resolved.get("previous_status"));
        assertEquals(2, resolved.number("resolution_book"));
        assertEquals(2, resolved.number("end_book"));
        assertEquals("Peace treaty signed", resolved.get("resolution_notes"));
        assertEquals(List.of(child), resolved.list("open_subthreads").stream().map(t -> num(t.get("id"))).toList());
        assertEquals(1, resolved.list("unplaced_reveals").size());
        Outcome again = chapters.call("resolve_plot_thread", "thread_id", thread, "resolution_book", 2,
                "resolution_notes", "Peace treaty signed").ok();
        assertEquals("resolved", again.get("previous_status"));
        assertEquals(2, again.number("end_book"));
    }

    @Test
    void resolvePlotThreadRejectsMissingThreadUnknownBookAndMissingNotes() {
        Story s = Story.create();
        long thread = TestDb.newPlotThread(s.series(), "Open");
        chapters.call("resolve_plot_thread", "thread_id", MISSING, "resolution_book", 1, "resolution_notes", "x")
                .error("plot thread " + MISSING + " does not exist");
        chapters.call("resolve_plot_thread", "thread_id", thread, "resolution_book", 5, "resolution_notes", "x")
                .error("resolution_book", "no book number 5");
        chapters.call("resolve_plot_thread", "thread_id", thread, "resolution_book", 1).error("resolution_notes");
        chapters.call("resolve_plot_thread", "thread_id", thread, "resolution_book", 1, "resolution_notes", " ")
                .error("resolution_notes");
        assertEquals("active", TestDb.value("SELECT s.status_name FROM plot_threads pt JOIN plot_thread_statuses s "
                + "ON s.id = pt.current_status_id WHERE pt.id = ?", thread));
    }

    @Test
    void serverListsExactlyItsNineteenTools() {
        List<String> names = chapters.tools().stream().map(t -> t.name()).sorted().toList();
        assertEquals(19, names.size());
        assertTrue(names.containsAll(List.of("book_create_chapter", "timeline_map_event_to_chapter",
                "character_get_characters_who_know", "resolve_plot_thread", "update_organization")));
    }
}
