package it.io.mcpwriting.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.McpSession;
import it.io.mcpwriting.support.Outcome;
import it.io.mcpwriting.support.TestDb;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scene server's eleven tools through a real MCP client: scenes, the characters of a chapter, writing
 * sessions and progress, and the analysis tools, which must find defects planted in the data.
 */
class SceneToolsIT {

    private static McpSession scene;

    @BeforeAll
    static void connect() {
        scene = McpSession.open("scene");
    }

    @AfterAll
    static void disconnect() {
        scene.close();
    }

    // ---- fixtures (rows other servers' tools would create) -----------------------------------------------

    private record Book(long series, long id) {
    }

    private static Book newBook(Integer targetWords) {
        long series = TestDb.newSeries();
        long id = id(TestDb.value("INSERT INTO books (series_id, title, book_number, target_word_count) VALUES (?, ?, 1, ?) "
                + "RETURNING id", series, TestDb.unique("Book"), targetWords));
        return new Book(series, id);
    }

    private static long chapter(long bookId, int number) {
        return id(TestDb.value("INSERT INTO chapters (book_id, chapter_number, title) VALUES (?, ?, ?) RETURNING id",
                bookId, number, "Chapter " + number));
    }

    /** Chapters numbered 1..count; returns their ids in order. */
    private static List<Long> chapters(long bookId, int count) {
        List<Long> ids = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            ids.add(chapter(bookId, n));
        }
        return ids;
    }

    private static long scene(long chapterId, int number, Long pov, String participants) {
        return id(TestDb.value("INSERT INTO chapter_scenes (chapter_id, scene_number, pov_character_id, scene_participants) "
                + "VALUES (?, ?, ?, ?::int[]) RETURNING id", chapterId, number, pov, participants));
    }

    private static void present(long characterId, long chapterId, String type, String importance) {
        TestDb.value("INSERT INTO character_chapter_presence (character_id, chapter_id, presence_type, importance_level) "
                + "VALUES (?, ?, ?, ?) RETURNING id", characterId, chapterId, type, importance);
    }

    private static void sql(String statement, Object... params) {
        TestDb.value(statement + " RETURNING 1", params);
    }

    private static long id(Object value) {
        return ((Number) value).longValue();
    }

    private static String today() {
        return TestDb.value("SELECT current_date::text").toString();
    }

    /** The messages of the listed findings of one check. */
    private static List<String> found(Outcome report, String listKey, String check) {
        return report.list(listKey).stream().filter(f -> check.equals(f.get("check")))
                .map(f -> (String) f.get("message")).toList();
    }

    private static Map<String, Object> checkEntry(Outcome report, String check) {
        return report.list("checks").stream().filter(c -> check.equals(c.get("check"))).findFirst()
                .orElseThrow(() -> new AssertionError("check " + check + " did not run: " + report.text()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Outcome outcome, String key) {
        return (Map<String, Object>) outcome.get(key);
    }

    private static long num(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).longValue();
    }

    // ---- create_scene ----------------------------------------------------------------------------------

    @Test
    void createSceneStoresTheSceneCountsWordsAndDropsRepeatedParticipants() {
        Book book = newBook(null);
        long chapter = chapter(book.id(), 1);
        long ann = TestDb.newCharacter(book.series(), "Ann");
        long bob = TestDb.newCharacter(book.series(), "Bob");
        Outcome created = scene.call("create_scene", "chapter_id", chapter, "scene_number", 1, "scene_title", "  Arrival ",
                "scene_type", "Dramatic", "pov_character_id", ann, "scene_participants", List.of(ann, bob, bob),
                "scene_content", "The rain  fell\non the harbour.", "intensity_level", 6,
                "scene_elements", List.of("storm", "clue")).ok();
        assertEquals("Arrival", created.get("scene_title"));
        assertEquals("dramatic", created.get("scene_type"));
        assertEquals("planned", created.get("writing_status"));
        assertEquals(6, created.number("word_count"));
        assertEquals("Ann", created.get("pov_character_name"));
        assertEquals(1, created.number("chapter_number"));
        assertEquals(List.of(ann, bob), ((List<?>) created.get("scene_participants")).stream()
                .map(v -> ((Number) v).longValue()).toList());
        assertEquals("{storm,clue}", TestDb.value("SELECT scene_elements::text FROM chapter_scenes WHERE id = ?",
                created.id()));
    }

    @Test
    void createSceneForAnExistingNumberIsAConflictNamingTheScene() {
        long chapter = chapter(newBook(null).id(), 1);
        long first = scene.call("create_scene", "chapter_id", chapter, "scene_number", 1).ok().id();
        Outcome again = scene.call("create_scene", "chapter_id", chapter, "scene_number", 1, "scene_title", "Retry")
                .error("already has scene number 1", "scene " + first);
        assertEquals("conflict", again.errorType());
        assertEquals(1L, TestDb.count("SELECT count(*) FROM chapter_scenes WHERE chapter_id = ?", chapter));
    }

    @Test
    void createSceneRejectsBadValuesAndLeavesNothingBehind() {
        Book book = newBook(null);
        long chapter = chapter(book.id(), 1);
        long stranger = TestDb.newCharacter(TestDb.newSeries(), "Stranger");
        scene.call("create_scene", "chapter_id", chapter).error("scene_number");
        scene.call("create_scene", "chapter_id", chapter, "scene_number", 0).error("scene_number", "at least 1");
        scene.call("create_scene", "chapter_id", chapter, "scene_number", 1, "scene_type", "epic")
                .error("scene_type", "epic", "dramatic");
        scene.call("create_scene", "chapter_id", chapter, "scene_number", 1, "writing_status", "done")
                .error("writing_status", "planned");
        scene.call("create_scene", "chapter_id", chapter, "scene_number", 1, "intensity_level", 11).error("intensity_level");
        Outcome foreign = scene.call("create_scene", "chapter_id", chapter, "scene_number", 1, "scene_participants",
                List.of(stranger)).error(String.valueOf(stranger), "series " + book.series());
        assertEquals("not_found", foreign.errorType());
        assertEquals("not_found", scene.call("create_scene", "chapter_id", 987654321, "scene_number", 1)
                .error("chapter 987654321 does not exist").errorType());
        assertEquals(0L, TestDb.count("SELECT count(*) FROM chapter_scenes WHERE chapter_id = ?", chapter));
    }

    // ---- update_scene ----------------------------------------------------------------------------------

    @Test
    void updateSceneChangesOnlyTheGivenFieldsAndReplacesLists() {
        Book book = newBook(null);
        long chapter = chapter(book.id(), 1);
        long ann = TestDb.newCharacter(book.series(), "Ann");
        long id = scene.call("create_scene", "chapter_id", chapter, "scene_number", 1, "summary", "kept",
                "scene_participants", List.of(ann), "target_word_count", 1500).ok().id();
        Outcome updated = scene.call("update_scene", "scene_id", id, "writing_status", "draft",
                "scene_content", "one two three", "scene_participants", List.of()).ok();
        assertEquals("kept", updated.get("summary"));
        assertEquals(1500, updated.number("target_word_count"));
        assertEquals("draft", updated.get("writing_status"));
        assertEquals(3, updated.number("word_count"), "recounted from the new content");
        assertEquals(List.of(), updated.get("scene_participants"));
        Outcome counted = scene.call("update_scene", "scene_id", id, "word_count", 1200).ok();
        assertEquals(1200, counted.number("word_count"));
        assertEquals("one two three", counted.get("scene_content"));
    }

    @Test
    void updateSceneFailsForAMissingSceneNothingToChangeOrAForeignCharacter() {
        Book book = newBook(null);
        long id = scene(chapter(book.id(), 1), 1, null, null);
        long stranger = TestDb.newCharacter(TestDb.newSeries(), "Stranger");
        assertEquals("not_found", scene.call("update_scene", "scene_id", 987654321, "notes", "x")
                .error("scene 987654321 does not exist").errorType());
        scene.call("update_scene", "scene_id", id).error("nothing to change");
        scene.call("update_scene", "scene_id", id, "pov_character_id", stranger).error(String.valueOf(stranger));
        scene.call("update_scene", "scene_id", id, "word_count", -5).error("word_count", "negative");
        scene.call("update_scene", "scene_id", id, "scene_number", 2).error("scene_number");
        assertNull(TestDb.value("SELECT pov_character_id FROM chapter_scenes WHERE id = ?", id));
    }

    // ---- get_scene / list_scenes -----------------------------------------------------------------------

    @Test
    void getSceneIncludesPovParticipantsAndPresentCharactersOnRequest() {
        Book book = newBook(null);
        long chapter = chapter(book.id(), 1);
        long ann = TestDb.newCharacter(book.series(), "Ann");
        long bob = TestDb.newCharacter(book.series(), "Bob");
        long id = scene(chapter, 1, ann, "{" + bob + "}");
        sql("UPDATE chapter_scenes SET scene_content = 'Full text' WHERE id = ?", id);
        present(ann, chapter, "present", "major");
        Outcome plain = scene.call("get_scene", "scene_id", id).ok();
        assertEquals("Full text", plain.get("scene_content"));
        assertNull(plain.get("characters"));
        Map<String, Object> characters = map(scene.call("get_scene", "scene_id", id, "include_characters", true).ok(),
                "characters");
        @SuppressWarnings("unchecked")
        Map<String, Object> pov = (Map<String, Object>) characters.get("pov");
        assertEquals("Ann", pov.get("name"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> participants = (List<Map<String, Object>>) characters.get("participants");
        assertEquals(List.of("Bob"), participants.stream().map(p -> p.get("name")).toList());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> presentList = (List<Map<String, Object>>) characters.get("present");
        assertEquals(List.of("present"), presentList.stream().map(p -> p.get("presence_type")).toList());
    }

    @Test
    void getSceneOfAMissingIdSaysItDoesNotExist() {
        assertEquals("not_found", scene.call("get_scene", "scene_id", 987654321).error("scene 987654321 does not exist")
                .errorType());
        scene.call("get_scene").error("scene_id");
    }

    @Test
    void listScenesFiltersInOrderAndAddsStats() {
        Book book = newBook(null);
        long chapter = chapter(book.id(), 1);
        long ann = TestDb.newCharacter(book.series(), "Ann");
        scene.call("create_scene", "chapter_id", chapter, "scene_number", 2, "scene_type", "action",
                "pov_character_id", ann, "scene_content", "a b c d", "intensity_level", 8).ok();
        scene.call("create_scene", "chapter_id", chapter, "scene_number", 1, "scene_type", "introspective",
                "writing_status", "draft", "scene_content", "a b", "intensity_level", 2).ok();
        Outcome all = scene.call("list_scenes", "chapter_id", chapter, "include_stats", true).ok();
        assertEquals(2, all.number("count"));
        assertEquals(List.of(1L, 2L), all.list("scenes").stream().map(s -> num(s, "scene_number")).toList());
        assertNull(all.list("scenes").get(0).get("scene_content"), "lists leave the full text out");
        Map<String, Object> stats = map(all, "stats");
        assertEquals(6, num(stats, "total_word_count"));
        assertEquals(5.0, ((Number) stats.get("average_intensity")).doubleValue());
        assertEquals(1, num(stats, "scenes_without_pov"));
        Outcome actionOnly = scene.call("list_scenes", "chapter_id", chapter, "scene_type", "action").ok();
        assertEquals(1, actionOnly.number("count"));
        assertEquals(2, num(actionOnly.list("scenes").get(0), "scene_number"));
        assertNull(actionOnly.get("stats"));
        assertEquals(0, scene.call("list_scenes", "chapter_id", chapter, "writing_status", "final").ok().number("count"));
    }

    @Test
    void listScenesPagesTheScenesWhileTheStatsCoverThemAll() {
        long chapter = chapter(newBook(null).id(), 1);
        for (int n = 1; n <= 3; n++) {
            scene.call("create_scene", "chapter_id", chapter, "scene_number", n, "scene_content", "one two").ok();
        }
        Outcome first = scene.call("list_scenes", "chapter_id", chapter, "include_stats", true, "limit", 2).ok();
        assertEquals(List.of(1L, 2L), first.list("scenes").stream().map(s -> num(s, "scene_number")).toList());
        assertEquals(3, num(map(first, "stats"), "scene_count"));
        assertEquals(6, num(map(first, "stats"), "total_word_count"));
        assertEquals(3, num(first.map("page"), "total"));
        assertEquals(2, num(first.map("page"), "next_offset"));
        Outcome last = scene.call("list_scenes", "chapter_id", chapter, "limit", 2, "offset", 2).ok();
        assertEquals(List.of(3L), last.list("scenes").stream().map(s -> num(s, "scene_number")).toList());
        assertNull(last.map("page").get("next_offset"), "no page after the last");
        assertEquals(0, scene.call("list_scenes", "chapter_id", chapter, "offset", 10).ok().number("count"));
        scene.call("list_scenes", "chapter_id", chapter, "limit", 1000).error("limit");
    }

    @Test
    void listScenesOfAMissingChapterOrWithAnUnknownFilterFails() {
        long chapter = chapter(newBook(null).id(), 1);
        scene.call("list_scenes", "chapter_id", 987654321).error("chapter 987654321 does not exist");
        scene.call("list_scenes", "chapter_id", chapter, "scene_type", "epic").error("scene_type", "dramatic");
        scene.call("list_scenes", "chapter_id", chapter, "writing_status", "shelved").error("writing_status");
    }

    // ---- get_characters_in_chapter ---------------------------------------------------------------------

    @Test
    void getCharactersInChapterCombinesPresenceRecordsWithSceneRoles() {
        Book book = newBook(null);
        long chapter = chapter(book.id(), 1);
        long ann = TestDb.newCharacter(book.series(), "Ann");
        long bob = TestDb.newCharacter(book.series(), "Bob");
        long cid = TestDb.newCharacter(book.series(), "Cid");
        long dee = TestDb.newCharacter(book.series(), "Dee");
        scene(chapter, 1, ann, "{" + bob + "}");
        long second = scene(chapter, 2, ann, "{" + cid + "}");
        present(ann, chapter, "present", "major");
        present(dee, chapter, "mentioned", "background");
        sql("UPDATE character_chapter_presence SET scene_id = ? WHERE character_id = ?", second, dee);

        Outcome all = scene.call("get_characters_in_chapter", "chapter_id", chapter).ok();
        assertEquals(4, all.number("count"));
        Map<String, Map<String, Object>> byName = new HashMap<>();
        all.list("characters").forEach(c -> byName.put((String) c.get("name"), c));
        assertEquals(List.of(1, 2), ((List<?>) byName.get("Ann").get("pov_in_scenes")).stream()
                .map(n -> ((Number) n).intValue()).toList());
        assertEquals(true, byName.get("Ann").get("has_presence_record"));
        assertEquals(false, byName.get("Bob").get("has_presence_record"));
        assertEquals(2, all.number("without_presence_record"), "Bob and Cid lack presence records");
        assertEquals("Ann", all.list("characters").get(0).get("name"), "major importance first");

        Outcome first = scene.call("get_characters_in_chapter", "chapter_id", chapter, "scene_number", 1).ok();
        assertEquals(List.of("Ann", "Bob"), first.list("characters").stream().map(c -> c.get("name")).sorted().toList());

        Outcome mentioned = scene.call("get_characters_in_chapter", "chapter_id", chapter, "presence_type", "mentioned").ok();
        assertEquals(List.of("Dee"), mentioned.list("characters").stream().map(c -> c.get("name")).toList());
    }

    @Test
    void getCharactersInChapterFailsForMissingChapterOrSceneOrBadFilter() {
        long chapter = chapter(newBook(null).id(), 1);
        scene.call("get_characters_in_chapter", "chapter_id", 987654321).error("chapter 987654321 does not exist");
        assertEquals("not_found", scene.call("get_characters_in_chapter", "chapter_id", chapter, "scene_number", 3)
                .error("scene number 3 does not exist in chapter " + chapter).errorType());
        scene.call("get_characters_in_chapter", "chapter_id", chapter, "presence_type", "telepathy").error("presence_type");
        scene.call("get_characters_in_chapter", "chapter_id", chapter, "importance_level", "huge").error("importance_level");
    }

    // ---- validate_chapter_structure --------------------------------------------------------------------

    @Test
    void validateChapterStructureFindsPlantedDefects() {
        Book book = newBook(null);
        long ann = TestDb.newCharacter(book.series(), "Ann");
        long one = chapter(book.id(), 1);
        long two = chapter(book.id(), 2);
        chapter(book.id(), 4); // gap: no chapter 3, and chapter 4 is empty
        long five = chapter(book.id(), 5);
        scene(one, 1, ann, null);
        present(ann, one, "present", "major");
        scene(two, 1, null, null); // no POV anywhere
        scene(five, 1, ann, null); // Ann tells it but has no presence record in chapter 5
        scene(five, 3, ann, null); // scene numbering skips 2

        Outcome report = scene.call("validate_chapter_structure", "book_id", book.id()).ok();
        assertEquals("detailed", report.get("validation_level"));
        assertEquals(List.of("Chapter numbering skips 3 (between chapter 2 and chapter 4)"),
                found(report, "issues", "chapter_numbering"));
        assertEquals(List.of("Chapter 4 (\"Chapter 4\") has no scenes"), found(report, "issues", "empty_chapter"));
        assertEquals(List.of("Scene 1 of chapter 2 has no POV character (neither the scene nor the chapter names one)"),
                found(report, "issues", "scene_without_pov"));
        assertEquals(List.of("POV character Ann of scenes 1, 3 has no presence record in chapter 5"),
                found(report, "issues", "pov_not_present"));
        assertEquals(List.of("Scene numbering of chapter 5 skips 2 (between scene 1 and scene 3)"),
                found(report, "issues", "scene_numbering"));
        assertEquals(false, report.get("valid"), "a numbering gap is an error");
        assertEquals(1, num(map(report, "summary"), "errors"));
        assertEquals(1, num(checkEntry(report, "pov_not_present"), "findings"));
        assertEquals(0, num(checkEntry(report, "chapter_pov_mismatch"), "findings"));
        assertEquals(4, num(map(report, "scope"), "chapters_checked"));

        Outcome basic = scene.call("validate_chapter_structure", "book_id", book.id(), "validation_level", "basic").ok();
        assertTrue(basic.list("checks").stream().noneMatch(c -> "pov_not_present".equals(c.get("check"))),
                "basic runs no POV checks");
        Outcome onlyFive = scene.call("validate_chapter_structure", "book_id", book.id(), "chapter_ids", List.of(five)).ok();
        assertEquals(List.of(), found(onlyFive, "issues", "empty_chapter"), "chapter 4 is out of scope");
        assertEquals(1, found(onlyFive, "issues", "pov_not_present").size());
    }

    @Test
    void validateChapterStructureOfASoundBookIsValidAndComprehensiveLooksDeeper() {
        Book book = newBook(null);
        long ann = TestDb.newCharacter(book.series(), "Ann");
        long stranger = TestDb.newCharacter(TestDb.newSeries(), "Stranger");
        for (long chapter : chapters(book.id(), 2)) {
            scene(chapter, 1, ann, "{" + ann + "}");
            present(ann, chapter, "present", "major");
        }
        Outcome sound = scene.call("validate_chapter_structure", "book_id", book.id()).ok();
        assertEquals(true, sound.get("valid"));
        assertEquals(List.of(), sound.list("issues"));

        long third = chapter(book.id(), 3);
        scene(third, 1, ann, "{" + ann + "," + stranger + "}");
        present(ann, third, "present", "major");
        Outcome deep = scene.call("validate_chapter_structure", "book_id", book.id(), "validation_level",
                "comprehensive").ok();
        assertEquals(List.of("Scene 1 of chapter 3 (participants) names Stranger (character " + stranger
                + ") of another series"), found(deep, "issues", "foreign_character"));
        assertEquals(false, deep.get("valid"));
    }

    @Test
    void validateChapterStructureFailsForMissingBookForeignChapterOrBadLevel() {
        Book book = newBook(null);
        long foreign = chapter(newBook(null).id(), 1);
        scene.call("validate_chapter_structure", "book_id", 987654321).error("book 987654321 does not exist");
        assertEquals("not_found", scene.call("validate_chapter_structure", "book_id", book.id(), "chapter_ids",
                List.of(foreign)).error("chapter(s) " + foreign, "book " + book.id()).errorType());
        scene.call("validate_chapter_structure", "book_id", book.id(), "validation_level", "exhaustive")
                .error("validation_level");
    }

    // ---- validate_beat_placement -----------------------------------------------------------------------

    @Test
    void validateBeatPlacementJudgesBeatPositionsAgainstTheRanges() {
        Book book = newBook(null);
        List<Long> ids = chapters(book.id(), 10);
        sql("UPDATE chapters SET dramatic_function = 'Inciting Incident' WHERE id = ?", ids.get(0));
        sql("UPDATE chapters SET dramatic_function = 'climax' WHERE id = ?", ids.get(1)); // 10-20%: far too early
        long turn = scene(ids.get(2), 1, null, null);
        sql("UPDATE chapter_scenes SET scene_purpose = 'plot point 1' WHERE id = ?", turn); // 20-30%: in range
        // no midpoint anywhere

        Outcome strict = scene.call("validate_beat_placement", "book_id", book.id(), "flexible_guidelines", false).ok();
        assertEquals("pacing", strict.get("beat_analysis_type"));
        assertEquals(List.of("The climax (chapter 2) is at 10-20% of the book, outside its expected 85-95%"),
                found(strict, "findings", "beat_outside_range"));
        List<String> missing = found(strict, "findings", "beat_missing");
        assertEquals(1, missing.size());
        assertTrue(missing.get(0).contains("midpoint"), missing.toString());
        assertEquals(1, found(strict, "findings", "beat_order").size(), "the climax comes before the first plot point");
        Map<String, Map<String, Object>> placed = new HashMap<>();
        strict.list("placements").forEach(p -> placed.put((String) p.get("beat"), p));
        assertEquals(true, placed.get("inciting_incident").get("within_expected"));
        assertEquals(true, placed.get("first_plot_point").get("within_expected"));
        assertEquals(25.0, ((Number) placed.get("first_plot_point").get("position_percent")).doubleValue());
        assertEquals(false, placed.get("climax").get("within_expected"));
    }

    @Test
    void validateBeatPlacementWithFlexibleGuidelinesAcceptsNearMisses() {
        Book book = newBook(null);
        List<Long> ids = chapters(book.id(), 6);
        sql("UPDATE chapters SET dramatic_function = 'catalyst' WHERE id = ?", ids.get(0)); // 0-16.7%
        sql("UPDATE chapters SET dramatic_function = 'midpoint' WHERE id = ?", ids.get(3)); // 50-66.7%
        sql("UPDATE chapters SET dramatic_function = 'climax' WHERE id = ?", ids.get(5)); // 83.3-100%
        Outcome flexible = scene.call("validate_beat_placement", "book_id", book.id()).ok();
        assertEquals(List.of(), found(flexible, "findings", "beat_outside_range"));
        assertEquals(List.of(), found(flexible, "findings", "beat_missing"));
        assertEquals(0, num(map(flexible, "summary"), "warnings"));
    }

    @Test
    void validateBeatPlacementAnalysesIntensityArcsAndThreads() {
        Book book = newBook(null);
        long ann = TestDb.newCharacter(book.series(), "Ann");
        long bob = TestDb.newCharacter(book.series(), "Bob");
        List<Long> ids = chapters(book.id(), 4);
        int[] intensity = {9, 3, 3, 4};
        for (int i = 0; i < 4; i++) {
            long s = scene(ids.get(i), 1, ann, null);
            sql("UPDATE chapter_scenes SET intensity_level = ? WHERE id = ?", intensity[i], s);
        }
        Outcome emotional = scene.call("validate_beat_placement", "book_id", book.id(), "beat_analysis_type",
                "emotional_beats").ok();
        assertEquals(1, found(emotional, "findings", "peak_before_climax").size());
        assertTrue(found(emotional, "findings", "peak_before_climax").get(0).contains("chapter 1"));
        assertEquals(4, emotional.list("intensity_curve").size());

        sql("INSERT INTO character_arcs (character_id, book_id, arc_name, starting_state, ending_state) "
                + "VALUES (?, ?, 'Finds courage', 'timid', 'brave')", bob, book.id());
        Outcome arcs = scene.call("validate_beat_placement", "book_id", book.id(), "beat_analysis_type",
                "character_arcs").ok();
        assertEquals(List.of("Bob has an arc in this book but appears in none of its chapters (no presence record, "
                + "POV or participation)"), found(arcs, "findings", "arc_character_absent"));
        assertEquals(1, found(arcs, "findings", "pov_without_arc").size(), "Ann tells scenes without an arc");

        long thread = id(TestDb.value("INSERT INTO plot_threads (series_id, title, start_book, end_book, current_status_id) "
                + "VALUES (?, 'The heist', 1, 1, (SELECT id FROM plot_thread_statuses WHERE status_name = 'active')) "
                + "RETURNING id", book.series()));
        sql("INSERT INTO information_reveals (plot_thread_id, information_content, significance_level, revealed_in_chapter) "
                + "VALUES (?, 'The vault was empty', 'climactic', ?)", thread, ids.get(0));
        Outcome threads = scene.call("validate_beat_placement", "book_id", book.id(), "beat_analysis_type",
                "plot_threads").ok();
        assertEquals(1, found(threads, "findings", "climactic_reveal_early").size());
        assertEquals(1, found(threads, "findings", "thread_ending_without_late_beat").size());
    }

    @Test
    void validateBeatPlacementFailsForMissingBookOrUnknownType() {
        scene.call("validate_beat_placement", "book_id", 987654321).error("book 987654321 does not exist");
        scene.call("validate_beat_placement", "book_id", newBook(null).id(), "beat_analysis_type", "vibes")
                .error("beat_analysis_type");
        Outcome empty = scene.call("validate_beat_placement", "book_id", newBook(null).id()).ok();
        assertEquals(List.of("The book has no chapters, so nothing can be placed"), found(empty, "findings", "no_chapters"));
    }

    // ---- check_structure_violations --------------------------------------------------------------------

    @Test
    void checkStructureViolationsFindsContinuityProblemsAboveTheThreshold() {
        Book book = newBook(null);
        long ann = TestDb.newCharacter(book.series(), "Ann");
        long stranger = TestDb.newCharacter(TestDb.newSeries(), "Stranger");
        List<Long> ids = chapters(book.id(), 2);
        scene(ids.get(0), 1, ann, "{" + ann + "," + stranger + "}");
        present(ann, ids.get(0), "present", "major");
        scene(ids.get(1), 1, ann, null); // POV without presence record
        long late = id(TestDb.value("INSERT INTO timeline_events (series_id, event_name, event_date) "
                + "VALUES (?, 'The fire', '2021-06-01') RETURNING id", book.series()));
        long early = id(TestDb.value("INSERT INTO timeline_events (series_id, event_name, event_date) "
                + "VALUES (?, 'The letter', '2021-03-01') RETURNING id", book.series()));
        sql("INSERT INTO event_chapter_mappings (event_id, chapter_id, presentation_type) VALUES (?, ?, 'direct_scene')",
                late, ids.get(0));
        sql("INSERT INTO event_chapter_mappings (event_id, chapter_id, presentation_type) VALUES (?, ?, 'direct_scene')",
                early, ids.get(1));

        Outcome report = scene.call("check_structure_violations", "book_id", book.id()).ok();
        assertEquals(List.of("character_continuity", "timeline_consistency", "pov_consistency"),
                report.get("violation_types"));
        assertEquals(List.of("Scene 1 of chapter 1 (participants) names Stranger (character " + stranger
                + ") of another series"), found(report, "violations", "foreign_character"));
        assertEquals(List.of("POV character Ann of scene 1 has no presence record in chapter 2"),
                found(report, "violations", "pov_not_present"));
        List<String> order = found(report, "violations", "timeline_order");
        assertEquals(1, order.size());
        assertTrue(order.get(0).startsWith("Event \"The letter\" (2021-03-01) is shown directly in chapter 2 after "
                + "event \"The fire\" (2021-06-01) in chapter 1"), order.get(0));
        assertEquals("pov_consistency", report.list("violations").stream()
                .filter(v -> "pov_not_present".equals(v.get("check"))).findFirst().orElseThrow().get("category"));
        assertEquals(false, report.get("clean"));

        Outcome errorsOnly = scene.call("check_structure_violations", "book_id", book.id(), "severity_threshold",
                "error").ok();
        assertEquals(List.of("foreign_character"), errorsOnly.list("violations").stream().map(v -> v.get("check"))
                .toList());
        assertTrue(num(map(errorsOnly, "summary"), "below_threshold") >= 2, "warnings are counted, not listed");
    }

    @Test
    void checkStructureViolationsLooksForPlotHolesAndLocationsWhenAsked() {
        Book book = newBook(null);
        List<Long> ids = chapters(book.id(), 3);
        long thread = id(TestDb.value("INSERT INTO plot_threads (series_id, title, current_status_id) VALUES (?, 'Secret', "
                + "(SELECT id FROM plot_thread_statuses WHERE status_name = 'active')) RETURNING id", book.series()));
        sql("INSERT INTO information_reveals (plot_thread_id, information_content, revealed_in_chapter, "
                + "foreshadowing_chapters) VALUES (?, 'The twin', ?, ?::int[])", thread, ids.get(1),
                "{" + ids.get(0) + "," + ids.get(2) + "}");
        sql("INSERT INTO locations (series_id, name, location_type) VALUES (?, 'Harbour', 'town')", book.series());
        long s = scene(ids.get(0), 1, null, null);
        sql("UPDATE chapter_scenes SET location = 'Moon base' WHERE id = ?", s);

        Outcome report = scene.call("check_structure_violations", "book_id", book.id(), "violation_types",
                List.of("plot_holes", "location_consistency"), "severity_threshold", "info").ok();
        List<String> holes = found(report, "violations", "foreshadowing_after_reveal");
        assertEquals(1, holes.size());
        assertTrue(holes.get(0).contains("lists chapter 3 as its foreshadowing"), holes.get(0));
        assertEquals(List.of("Scene 1 of chapter 1 is set in \"Moon base\", which is not a location of the series"),
                found(report, "violations", "unknown_location"));
        assertTrue(report.list("checks").stream().noneMatch(c -> "pov_not_present".equals(c.get("check"))),
                "only the asked types are checked");
    }

    @Test
    void checkStructureViolationsFailsForMissingBookOrUnknownValues() {
        long bookId = newBook(null).id();
        scene.call("check_structure_violations", "book_id", 987654321).error("book 987654321 does not exist");
        scene.call("check_structure_violations", "book_id", bookId, "violation_types", List.of("grammar"))
                .error("violation_types");
        scene.call("check_structure_violations", "book_id", bookId, "severity_threshold", "fatal")
                .error("severity_threshold");
        scene.call("check_structure_violations", "book_id", bookId, "violation_types", List.of())
                .error("violation_types", "at least one");
    }

    // ---- word_count_tracking ---------------------------------------------------------------------------

    @Test
    void wordCountTrackingReportsTotalsTargetsAndOverruns() {
        Book book = newBook(10000);
        List<Long> ids = chapters(book.id(), 2);
        sql("UPDATE chapters SET word_count = 3000, target_word_count = 2000 WHERE id = ?", ids.get(0));
        sql("UPDATE chapters SET word_count = 1000, target_word_count = 2000 WHERE id = ?", ids.get(1));
        long s = scene(ids.get(1), 1, null, null);
        sql("UPDATE chapter_scenes SET word_count = 1000, target_word_count = 500 WHERE id = ?", s);
        sql("INSERT INTO writing_sessions (book_id, session_date, words_written) VALUES (?, current_date - 1, 600)",
                book.id());

        Outcome chapterLevel = scene.call("word_count_tracking", "book_id", book.id()).ok();
        Map<String, Object> totals = map(chapterLevel, "book");
        assertEquals(4000, num(totals, "words"));
        assertEquals(40, num(totals, "percent_complete"));
        assertEquals(6000, num(totals, "remaining_words"));
        assertEquals(List.of("Chapter 1 has 3000 words, 50% over its target of 2000"),
                found(chapterLevel, "findings", "chapter_over_target"));
        assertEquals(2, chapterLevel.list("chapters").size());
        assertNull(chapterLevel.list("chapters").get(0).get("scenes"));
        Map<String, Object> targets = map(chapterLevel, "targets");
        assertEquals(600, num(targets, "words_last_30_days"));
        assertEquals(300, num(targets, "days_to_target"), "6000 words at 20 a day");

        Outcome sceneLevel = scene.call("word_count_tracking", "book_id", book.id(), "tracking_level", "scene",
                "include_history", true, "calculate_targets", false).ok();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> scenes = (List<Map<String, Object>>) sceneLevel.list("chapters").get(1).get("scenes");
        assertEquals(200, num(scenes.get(0), "percent_of_target"));
        assertEquals(1, found(sceneLevel, "findings", "scene_over_target").size());
        assertNull(sceneLevel.get("targets"));
        assertEquals(1, ((List<?>) map(sceneLevel, "history").get("sessions_by_day")).size());

        Outcome bookLevel = scene.call("word_count_tracking", "book_id", book.id(), "tracking_level", "book").ok();
        assertNull(bookLevel.get("chapters"));
    }

    @Test
    void wordCountTrackingFailsForMissingBookOrBadLevel() {
        scene.call("word_count_tracking", "book_id", 987654321).error("book 987654321 does not exist");
        scene.call("word_count_tracking", "book_id", newBook(null).id(), "tracking_level", "page").error("tracking_level");
    }

    // ---- log_writing_session ---------------------------------------------------------------------------

    @Test
    void logWritingSessionStoresTheSessionWithItsChapters() {
        Book book = newBook(null);
        List<Long> ids = chapters(book.id(), 2);
        Outcome logged = scene.call("log_writing_session", "book_id", book.id(), "chapter_ids",
                List.of(ids.get(0), ids.get(1), ids.get(0)), "session_date", today(), "start_time", "23:30",
                "end_time", "00:45", "words_written", 800, "words_edited", 120, "mood_rating", 7,
                "session_notes", "late night").ok();
        assertEquals(75, logged.number("duration_minutes"), "the session ran past midnight");
        assertEquals(800, logged.number("net_words"));
        assertEquals(2, logged.list("chapters").size());
        assertEquals(2L, TestDb.count("SELECT count(*) FROM session_chapters WHERE session_id = ?", logged.id()));

        Outcome single = scene.call("log_writing_session", "book_id", book.id(), "chapter_ids", List.of(ids.get(1)),
                "session_date", today(), "start_time", "09:00", "words_written", 300).ok();
        assertEquals(300, num(single.list("chapters").get(0), "words_written_on_chapter"));
        assertEquals(1100, single.number("words_written_that_day"));

        Outcome again = scene.call("log_writing_session", "book_id", book.id(), "session_date", today(),
                "start_time", "09:00", "words_written", 300).error("session " + single.id());
        assertEquals("conflict", again.errorType());
        assertEquals(2L, TestDb.count("SELECT count(*) FROM writing_sessions WHERE book_id = ?", book.id()));
    }

    @Test
    void logWritingSessionRejectsBadInputAndWritesNothing() {
        Book book = newBook(null);
        long own = chapter(book.id(), 1);
        long foreign = chapter(newBook(null).id(), 1);
        scene.call("log_writing_session", "book_id", book.id(), "chapter_ids", List.of(own, foreign),
                "session_date", today(), "words_written", 10).error("chapter(s) " + foreign, "book " + book.id());
        scene.call("log_writing_session", "book_id", book.id(), "session_date", "24/11/2026", "words_written", 10)
                .error("session_date", "YYYY-MM-DD");
        scene.call("log_writing_session", "book_id", book.id(), "session_date", "2999-01-01", "words_written", 10)
                .error("session_date", "future");
        scene.call("log_writing_session", "book_id", book.id(), "session_date", today(), "end_time", "10:00",
                "words_written", 10).error("end_time", "start_time");
        scene.call("log_writing_session", "book_id", book.id(), "session_date", today(), "words_written", -1)
                .error("words_written");
        scene.call("log_writing_session", "book_id", book.id(), "session_date", today()).error("words_written");
        scene.call("log_writing_session", "book_id", 987654321, "session_date", today(), "words_written", 1)
                .error("book 987654321 does not exist");
        assertEquals(0L, TestDb.count("SELECT count(*) FROM writing_sessions WHERE book_id = ?", book.id()));
        assertEquals(0L, TestDb.count("SELECT count(*) FROM session_chapters WHERE chapter_id = ?", own));
    }

    // ---- get_writing_progress --------------------------------------------------------------------------

    @Test
    void getWritingProgressAggregatesSessionsStreaksAndPace() {
        Book book = newBook(5000);
        long chapter = chapter(book.id(), 1);
        sql("UPDATE chapters SET word_count = 1000 WHERE id = ?", chapter);
        for (int[] s : new int[][] {{0, 400}, {1, 300}, {2, 700}, {12, 1000}}) {
            sql("INSERT INTO writing_sessions (book_id, session_date, words_written, duration_minutes) "
                    + "VALUES (?, current_date - ?, ?, 60)", book.id(), s[0], s[1]);
        }
        Outcome week = scene.call("get_writing_progress", "book_id", book.id(), "time_period", "week").ok();
        Map<String, Object> totals = map(week, "totals");
        assertEquals(3, num(totals, "sessions"));
        assertEquals(1400, num(totals, "words_written"));
        assertEquals(200, num(totals, "average_words_per_day"));
        assertEquals(3, week.list("daily").size());
        Map<String, Object> streaks = map(week, "streaks");
        assertEquals(3, num(streaks, "current_days"));
        Map<String, Object> pace = map(week, "pace");
        assertEquals(4000, num(pace, "remaining_words"));
        assertEquals(20, num(pace, "days_to_target"), "4000 words at 200 a day");
        assertNotNull(map(week, "analytics").get("best_day"));

        Outcome all = scene.call("get_writing_progress", "book_id", book.id(), "time_period", "all_time",
                "include_analytics", false).ok();
        assertEquals(2400, num(map(all, "totals"), "words_written"));
        assertEquals(13, num(map(all, "period"), "days"));
        assertNull(all.get("analytics"));
        assertEquals(3, num(map(all, "streaks"), "longest_days_all_time"));
    }

    @Test
    void getWritingProgressFailsForMissingBookOrUnknownPeriod() {
        scene.call("get_writing_progress", "book_id", 987654321).error("book 987654321 does not exist");
        scene.call("get_writing_progress", "book_id", newBook(null).id(), "time_period", "decade").error("time_period");
        Outcome none = scene.call("get_writing_progress", "book_id", newBook(null).id()).ok();
        assertEquals(0, num(map(none, "totals"), "sessions"));
        assertFalse(map(none, "pace").containsKey("days_to_target"));
    }
}
