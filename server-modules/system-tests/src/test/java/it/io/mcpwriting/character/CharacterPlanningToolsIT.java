package it.io.mcpwriting.character;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** The character-planning server's eleven tools, happy and error paths, through a real MCP client. */
class CharacterPlanningToolsIT {

    private static final int MISSING = 987654321;

    private static McpSession characters;

    @BeforeAll
    static void connect() {
        characters = McpSession.open("character-planning");
    }

    @AfterAll
    static void disconnect() {
        characters.close();
    }

    // ---- fixtures: rows other servers' tools would create --------------------------------------------------

    private static long newBook(long seriesId, int number) {
        return id(TestDb.value("INSERT INTO books (series_id, title, book_number) VALUES (?, ?, ?) RETURNING id",
                seriesId, TestDb.unique("Book"), number));
    }

    private static long newChapter(long bookId, int number) {
        return id(TestDb.value("INSERT INTO chapters (book_id, chapter_number) VALUES (?, ?) RETURNING id",
                bookId, number));
    }

    private static long newScene(long chapterId, int number) {
        return id(TestDb.value("INSERT INTO chapter_scenes (chapter_id, scene_number) VALUES (?, ?) RETURNING id",
                chapterId, number));
    }

    private static long newPlotThread(long seriesId) {
        return id(TestDb.value("INSERT INTO plot_threads (series_id, title, current_status_id) VALUES (?, ?, "
                + "(SELECT id FROM plot_thread_statuses WHERE status_name = 'active')) RETURNING id",
                seriesId, TestDb.unique("Thread")));
    }

    private static long id(Object value) {
        return ((Number) value).longValue();
    }

    private static long longOf(Object value) {
        return ((Number) value).longValue();
    }

    private static Map<String, Object> participant(long characterId, String role) {
        return Map.of("character_id", characterId, "role_in_relationship", role);
    }

    /** A plot thread with two characters in a romance arc; returns {thread, a, b, arc}. */
    private static long[] romance() {
        long series = TestDb.newSeries();
        long thread = newPlotThread(series);
        long a = TestDb.newCharacter(series, "Elizabeth");
        long b = TestDb.newCharacter(series, "Darcy");
        long arc = characters.call("create_relationship_arc", "plot_thread_id", thread, "arc_name", "Pride",
                "participants", List.of(participant(a, "primary"), participant(b, "primary")),
                "relationship_type", "romantic").ok().id();
        return new long[] {thread, a, b, arc, series};
    }

    // ---- list_characters ---------------------------------------------------------------------------------

    @Test
    void listCharactersFiltersByTypeAndStatusWithCounts() {
        long series = TestDb.newSeries();
        long hero = characters.call("create_character", "series_id", series, "name", "Zed").ok().id();
        characters.call("create_character", "series_id", series, "name", "Anna", "character_type", "antagonist").ok();
        characters.call("create_character", "series_id", series, "name", "Bo", "status", "dead").ok();
        characters.call("add_character_detail", "character_id", hero, "category", "physical", "attribute", "height",
                "value", "tall").ok();
        TestDb.newCharacter(TestDb.newSeries(), "Elsewhere");

        Outcome all = characters.call("list_characters", "series_id", series).ok();
        assertEquals(3, all.number("count"));
        assertEquals(List.of("Anna", "Bo", "Zed"), all.list("characters").stream().map(c -> c.get("name")).toList());
        Map<String, Object> zed = all.list("characters").get(2);
        assertEquals(1, longOf(zed.get("detail_count")));
        assertEquals(0, longOf(zed.get("knowledge_count")));

        Outcome antagonists = characters.call("list_characters", "series_id", series, "character_type", "antagonist").ok();
        assertEquals(1, antagonists.number("count"));
        assertEquals("Anna", antagonists.list("characters").get(0).get("name"));
        Outcome alive = characters.call("list_characters", "series_id", series, "status", "alive").ok();
        assertEquals(2, alive.number("count"));
    }

    @Test
    void listCharactersOfAMissingSeriesOrBadTypeFails() {
        assertEquals("not_found", characters.call("list_characters", "series_id", MISSING)
                .error("series " + MISSING + " does not exist").errorType());
        characters.call("list_characters", "series_id", TestDb.newSeries(), "character_type", "hero")
                .error("character_type");
        characters.call("list_characters").error("series_id");
    }

    // ---- create_character / update_character -------------------------------------------------------------

    @Test
    void createCharacterAppliesDefaultsAndLinksTheFirstBook() {
        long series = TestDb.newSeries();
        long book = newBook(series, 1);
        Outcome c = characters.call("create_character", "series_id", series, "name", " Genly Ai ", "full_name",
                "Genly Ai of Terra", "aliases", List.of("the Envoy", "Mr. Ai"), "first_appearance_book_id", book).ok();
        assertEquals("Genly Ai", c.get("name"));
        assertEquals("main", c.get("character_type"));
        assertEquals("alive", c.get("status"));
        assertEquals(List.of("the Envoy", "Mr. Ai"), c.get("aliases"));
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) c.get("first_appearance_book");
        assertEquals(book, longOf(first.get("id")));
        assertEquals("Genly Ai of Terra", TestDb.value("SELECT full_name FROM characters WHERE id = ?", c.id()));
    }

    @Test
    void createCharacterRejectsDuplicateNamesForeignBooksAndMissingSeries() {
        long series = TestDb.newSeries();
        long first = characters.call("create_character", "series_id", series, "name", "Estraven").ok().id();
        Outcome again = characters.call("create_character", "series_id", series, "name", "estraven")
                .error("already has a character named", "character " + first);
        assertEquals("conflict", again.errorType());
        long foreignBook = newBook(TestDb.newSeries(), 1);
        characters.call("create_character", "series_id", series, "name", "Argaven", "first_appearance_book_id",
                foreignBook).error("first_appearance_book_id", "not to the character's series " + series);
        characters.call("create_character", "series_id", MISSING, "name", "Nobody")
                .error("series " + MISSING + " does not exist");
        characters.call("create_character", "series_id", series, "name", "   ").error("name", "blank");
        characters.call("create_character", "series_id", series, "name", "Odd", "status", "undead").error("status");
        assertEquals(1L, TestDb.count("SELECT count(*) FROM characters WHERE series_id = ?", series));
    }

    @Test
    void updateCharacterChangesOnlyGivenFields() {
        long series = TestDb.newSeries();
        long id = characters.call("create_character", "series_id", series, "name", "Therem", "full_name",
                "Therem Harth rem ir Estraven", "character_type", "supporting").ok().id();
        Outcome updated = characters.call("update_character", "character_id", id, "status", "dead").ok();
        assertEquals("dead", updated.get("status"));
        assertEquals("supporting", updated.get("character_type"));
        assertEquals("Therem Harth rem ir Estraven", updated.get("full_name"));
        Outcome renamed = characters.call("update_character", "character_id", id, "name", "THEREM").ok();
        assertEquals("THEREM", renamed.get("name"), "renaming to itself in another case is allowed");
    }

    @Test
    void updateCharacterFailsForMissingCharacterTakenNameOrNothingToChange() {
        characters.call("update_character", "character_id", MISSING, "status", "dead")
                .error("character " + MISSING + " does not exist");
        long series = TestDb.newSeries();
        long taken = TestDb.newCharacter(series, "Faxe");
        long other = TestDb.newCharacter(series, "Obsle");
        Outcome conflict = characters.call("update_character", "character_id", other, "name", "faxe")
                .error("character " + taken);
        assertEquals("conflict", conflict.errorType());
        assertEquals("Obsle", TestDb.value("SELECT name FROM characters WHERE id = ?", other));
        characters.call("update_character", "character_id", other).error("nothing to change");
        characters.call("update_character", "character_id", other, "series_id", series).error("series_id");
    }

    // ---- add_character_detail / update_character_detail --------------------------------------------------

    @Test
    void addCharacterDetailRecordsAFactWithItsSourceBook() {
        long series = TestDb.newSeries();
        long book = newBook(series, 2);
        long c = TestDb.newCharacter(series, "Ged");
        Outcome d = characters.call("add_character_detail", "character_id", c, "category", "physical",
                "attribute", "scar", "value", "four lines across the left cheek", "source_book_id", book).ok();
        assertEquals("established", d.get("confidence_level"));
        assertEquals("Ged", d.get("character_name"));
        @SuppressWarnings("unchecked")
        Map<String, Object> source = (Map<String, Object>) d.get("source_book");
        assertEquals(2, longOf(source.get("book_number")));
        assertEquals("four lines across the left cheek",
                TestDb.value("SELECT value FROM character_details WHERE id = ?", d.id()));
    }

    @Test
    void addCharacterDetailTwiceIsAConflictNamingTheExistingDetail() {
        long series = TestDb.newSeries();
        long c = TestDb.newCharacter(series, "Tenar");
        long first = characters.call("add_character_detail", "character_id", c, "category", "physical",
                "attribute", "hair", "value", "dark", "confidence_level", "mentioned").ok().id();
        Outcome again = characters.call("add_character_detail", "character_id", c, "category", "Physical",
                "attribute", "HAIR", "value", "fair").error("detail " + first, "'dark'", "update_character_detail");
        assertEquals("conflict", again.errorType());
        characters.call("add_character_detail", "character_id", MISSING, "category", "c", "attribute", "a",
                "value", "v").error("character " + MISSING + " does not exist");
        characters.call("add_character_detail", "character_id", c, "category", "c", "attribute", "a", "value", "v",
                "confidence_level", "rumoured").error("confidence_level");
        characters.call("add_character_detail", "character_id", c, "category", "c", "attribute", "a", "value", "v",
                "source_book_id", MISSING).error("book " + MISSING + " does not exist");
        assertEquals(1L, TestDb.count("SELECT count(*) FROM character_details WHERE character_id = ?", c));
    }

    @Test
    void updateCharacterDetailChangesTheValueAndReportsThePreviousOne() {
        long series = TestDb.newSeries();
        long book = newBook(series, 1);
        long c = TestDb.newCharacter(series, "Arren");
        long id = characters.call("add_character_detail", "character_id", c, "category", "status",
                "attribute", "title", "value", "prince of Enlad", "confidence_level", "implied").ok().id();
        Outcome updated = characters.call("update_character_detail", "character_id", c, "category", "STATUS",
                "attribute", "Title", "value", "King of All the Isles", "source_book_id", book).ok();
        assertEquals(id, updated.id());
        assertEquals("King of All the Isles", updated.get("value"));
        assertEquals("prince of Enlad", updated.get("previous_value"));
        assertEquals("implied", updated.get("confidence_level"), "not given, so unchanged");
        assertEquals(book, longOf(updated.get("source_book_id")));
    }

    @Test
    void updateCharacterDetailFailsForAMissingDetailOrCharacter() {
        long c = TestDb.newCharacter(TestDb.newSeries(), "Ogion");
        Outcome missing = characters.call("update_character_detail", "character_id", c, "category", "physical",
                "attribute", "height", "value", "short").error("has no detail", "add_character_detail");
        assertEquals("not_found", missing.errorType());
        assertEquals(0L, TestDb.count("SELECT count(*) FROM character_details WHERE character_id = ?", c));
        characters.call("update_character_detail", "character_id", MISSING, "category", "physical",
                "attribute", "height", "value", "short").error("character " + MISSING + " does not exist");
        characters.call("update_character_detail", "character_id", c, "category", "physical", "attribute", "height")
                .error("value");
    }

    // ---- check_character_knowledge ----------------------------------------------------------------------

    @Test
    void checkCharacterKnowledgeReportsLevelsBooksAndChapters() {
        long series = TestDb.newSeries();
        long book = newBook(series, 1);
        long ch3 = newChapter(book, 3);
        long ch5 = newChapter(book, 5);
        long c = TestDb.newCharacter(series, "Holmes");
        TestDb.value("INSERT INTO character_knowledge (character_id, knowledge_category, knowledge_item, "
                + "knowledge_level, learned_book_id, learned_context) VALUES (?, 'secrets', 'The butler is the killer', "
                + "'suspects', ?, 'muddy boots') RETURNING id", c, book);
        TestDb.value("INSERT INTO character_knowledge (character_id, knowledge_category, knowledge_item) "
                + "VALUES (?, 'people', 'Watson served in Afghanistan') RETURNING id", c);
        TestDb.value("INSERT INTO character_chapter_presence (character_id, chapter_id, presence_type, "
                + "learns_this_chapter) VALUES (?, ?, 'present', ARRAY['the butler is the killer']) RETURNING id", c, ch5);
        TestDb.value("INSERT INTO character_chapter_presence (character_id, chapter_id, presence_type, "
                + "suspects_this_chapter) VALUES (?, ?, 'present', ARRAY['The vicar lied']) RETURNING id", c, ch3);

        Outcome all = characters.call("check_character_knowledge", "character_id", c).ok();
        assertEquals(3, all.number("count"));
        assertEquals(2, all.list("knowledge").size());
        assertEquals("The butler is the killer", all.list("knowledge").get(0).get("knowledge_item"),
                "items with a known book come first");
        List<Map<String, Object>> chapterOnly = all.list("chapter_only");
        assertEquals(1, chapterOnly.size());
        assertEquals("The vicar lied", chapterOnly.get(0).get("knowledge_item"));
        assertEquals("suspects", chapterOnly.get(0).get("knowledge_level"));
        assertEquals(3, longOf(chapterOnly.get(0).get("chapter_number")));
        assertNull(all.get("strongest_level"));

        Outcome butler = characters.call("check_character_knowledge", "character_id", c, "knowledge_item", "BUTLER").ok();
        assertEquals(1, butler.list("knowledge").size());
        Map<String, Object> entry = butler.list("knowledge").get(0);
        assertEquals("suspects", entry.get("knowledge_level"));
        @SuppressWarnings("unchecked")
        Map<String, Object> learnedBook = (Map<String, Object>) entry.get("learned_book");
        assertEquals(book, longOf(learnedBook.get("id")));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> mentions = (List<Map<String, Object>>) entry.get("chapter_mentions");
        assertEquals(1, mentions.size());
        assertEquals(ch5, longOf(mentions.get(0).get("chapter_id")));
        assertEquals("learned", mentions.get(0).get("as"));
        assertEquals("knows", butler.get("strongest_level"), "chapter 5 says he learned it");

        Outcome people = characters.call("check_character_knowledge", "character_id", c, "knowledge_category", "People").ok();
        assertEquals(1, people.number("count"));
        assertEquals(List.of(), people.list("chapter_only"));

        Outcome nothing = characters.call("check_character_knowledge", "character_id", c, "knowledge_item", "treasure").ok();
        assertEquals(0, nothing.number("count"));
        assertEquals("no_record", nothing.get("strongest_level"));
        assertTrue(((String) nothing.get("checked")).contains("character_knowledge"));
    }

    @Test
    void checkCharacterKnowledgeOfAMissingCharacterIsNotFound() {
        assertEquals("not_found", characters.call("check_character_knowledge", "character_id", MISSING)
                .error("character " + MISSING + " does not exist").errorType());
        long c = TestDb.newCharacter(TestDb.newSeries(), "Lestrade");
        characters.call("check_character_knowledge", "character_id", c, "knowledge_item", "  ").error("knowledge_item");
        characters.call("check_character_knowledge", "character_id", "one").error("character_id");
    }

    // ---- create_character_arc -------------------------------------------------------------------------

    @Test
    void createCharacterArcCreatesThenRevisesTheOneArcPerBook() {
        long series = TestDb.newSeries();
        long book = newBook(series, 1);
        long c = TestDb.newCharacter(series, "Frodo");
        Outcome arc = characters.call("create_character_arc", "character_id", c, "book_id", book,
                "arc_description", "From comfort to burden", "start_state", "content hobbit").ok();
        assertEquals(true, arc.get("created"));
        assertEquals("content hobbit", arc.get("starting_state"));
        assertEquals("Frodo", arc.get("character_name"));
        Outcome revised = characters.call("create_character_arc", "character_id", c, "book_id", book,
                "arc_description", "From innocence to sacrifice", "end_state", "wounded bearer").ok();
        assertEquals(arc.id(), revised.id());
        assertEquals(false, revised.get("created"));
        assertEquals("content hobbit", revised.get("starting_state"), "kept when omitted");
        assertEquals("wounded bearer", revised.get("ending_state"));
        @SuppressWarnings("unchecked")
        Map<String, Object> previous = (Map<String, Object>) revised.get("previous");
        assertEquals("From comfort to burden", previous.get("arc_description"));
        assertEquals(1L, TestDb.count("SELECT count(*) FROM character_arcs WHERE character_id = ?", c));
    }

    @Test
    void createCharacterArcNeedsABookOfTheCharactersSeries() {
        long series = TestDb.newSeries();
        long c = TestDb.newCharacter(series, "Sam");
        long foreign = newBook(TestDb.newSeries(), 1);
        characters.call("create_character_arc", "character_id", c, "book_id", foreign, "arc_description", "x")
                .error("book_id", "series");
        characters.call("create_character_arc", "character_id", c, "book_id", MISSING, "arc_description", "x")
                .error("book " + MISSING + " does not exist");
        characters.call("create_character_arc", "character_id", MISSING, "book_id", newBook(series, 1),
                "arc_description", "x").error("character " + MISSING + " does not exist");
        characters.call("create_character_arc", "character_id", c, "book_id", foreign).error("arc_description");
        assertEquals(0L, TestDb.count("SELECT count(*) FROM character_arcs WHERE character_id = ?", c));
    }

    // ---- relationship arcs -------------------------------------------------------------------------------

    @Test
    void createRelationshipArcStoresParticipantsWithTheirNames() {
        long series = TestDb.newSeries();
        long thread = newPlotThread(series);
        long a = TestDb.newCharacter(series, "Jane");
        long b = TestDb.newCharacter(series, "Rochester");
        Outcome arc = characters.call("create_relationship_arc", "plot_thread_id", thread, "arc_name", "Thornfield",
                "participants", List.of(participant(a, "primary"),
                        Map.of("character_id", b, "role_in_relationship", "primary", "character_name", "rochester")),
                "relationship_type", "romantic", "current_dynamic", "governess and employer",
                "development_factors", List.of("class", "secrets")).ok();
        assertEquals(5, arc.number("complexity_level"));
        assertEquals(series, arc.number("series_id"));
        List<Map<String, Object>> people = arc.list("participants");
        assertEquals(2, people.size());
        assertEquals("Jane", people.get(0).get("character_name"));
        assertEquals("primary", people.get(1).get("role_in_relationship"));
        assertEquals(List.of("class", "secrets"), arc.get("development_factors"));
        assertEquals("Rochester", TestDb.value("SELECT participants -> 1 ->> 'character_name' FROM relationship_arcs "
                + "WHERE id = ?", arc.id()));
    }

    @Test
    void createRelationshipArcValidatesThreadParticipantsAndDuplicates() {
        long[] r = romance();
        long thread = r[0];
        long a = r[1];
        long b = r[2];
        Outcome dup = characters.call("create_relationship_arc", "plot_thread_id", thread, "arc_name", "PRIDE",
                "participants", List.of(participant(a, "x"), participant(b, "y")), "relationship_type", "romantic")
                .error("relationship arc " + r[3]);
        assertEquals("conflict", dup.errorType());
        characters.call("create_relationship_arc", "plot_thread_id", MISSING, "arc_name", "n",
                "participants", List.of(participant(a, "x"), participant(b, "y")), "relationship_type", "family")
                .error("plot thread " + MISSING + " does not exist");
        characters.call("create_relationship_arc", "plot_thread_id", thread, "arc_name", "Ghost",
                "participants", List.of(participant(a, "x"), participant(MISSING, "y")), "relationship_type", "family")
                .error("character(s) " + MISSING + " do not exist");
        long stranger = TestDb.newCharacter(TestDb.newSeries(), "Stranger");
        characters.call("create_relationship_arc", "plot_thread_id", thread, "arc_name", "Foreign",
                "participants", List.of(participant(a, "x"), participant(stranger, "y")), "relationship_type", "family")
                .error("participants", String.valueOf(stranger));
        characters.call("create_relationship_arc", "plot_thread_id", thread, "arc_name", "Alone",
                "participants", List.of(participant(a, "x")), "relationship_type", "family")
                .error("participants", "at least two");
        characters.call("create_relationship_arc", "plot_thread_id", thread, "arc_name", "Twice",
                "participants", List.of(participant(a, "x"), participant(a, "y")), "relationship_type", "family")
                .error("listed twice");
        characters.call("create_relationship_arc", "plot_thread_id", thread, "arc_name", "Misnamed",
                "participants", List.of(participant(a, "x"),
                        Map.of("character_id", b, "role_in_relationship", "y", "character_name", "Wickham")),
                "relationship_type", "family").error("participants", "Wickham");
        characters.call("create_relationship_arc", "plot_thread_id", thread, "arc_name", "Roleless",
                "participants", List.of(participant(a, "x"), Map.of("character_id", b)), "relationship_type", "family")
                .error("role_in_relationship");
        characters.call("create_relationship_arc", "plot_thread_id", thread, "arc_name", "Kind",
                "participants", List.of(participant(a, "x"), participant(b, "y")), "relationship_type", "rivalry")
                .error("relationship_type");
        characters.call("create_relationship_arc", "plot_thread_id", thread, "arc_name", "Complex",
                "participants", List.of(participant(a, "x"), participant(b, "y")), "relationship_type", "family",
                "complexity_level", 11).error("complexity_level");
        assertEquals(1L, TestDb.count("SELECT count(*) FROM relationship_arcs WHERE plot_thread_id = ?", thread));
    }

    @Test
    void updateRelationshipArcReplacesParticipantsAndChangesOnlyGivenFields() {
        long[] r = romance();
        long c = TestDb.newCharacter(r[4], "Wickham");
        Outcome updated = characters.call("update_relationship_arc", "arc_id", r[3], "participants",
                List.of(participant(r[1], "primary"), participant(r[2], "primary"), participant(c, "catalyst")),
                "complexity_level", 8, "current_dynamic", "mutual dislike").ok();
        assertEquals("Pride", updated.get("arc_name"));
        assertEquals("romantic", updated.get("relationship_type"));
        assertEquals(8, updated.number("complexity_level"));
        assertEquals(3, updated.list("participants").size());
        assertEquals("catalyst", updated.list("participants").get(2).get("role_in_relationship"));
        assertEquals(3L, TestDb.count("SELECT jsonb_array_length(participants) FROM relationship_arcs WHERE id = ?",
                r[3]));
    }

    @Test
    void updateRelationshipArcFailsForMissingArcBadParticipantsOrNothingToChange() {
        characters.call("update_relationship_arc", "arc_id", MISSING, "current_dynamic", "x")
                .error("relationship arc " + MISSING + " does not exist");
        long[] r = romance();
        characters.call("update_relationship_arc", "arc_id", r[3]).error("nothing to change");
        characters.call("update_relationship_arc", "arc_id", r[3], "participants",
                List.of(participant(r[1], "x"), participant(MISSING, "y"))).error(String.valueOf(MISSING));
        characters.call("update_relationship_arc", "arc_id", r[3], "complexity_level", 0).error("complexity_level");
        long other = characters.call("create_relationship_arc", "plot_thread_id", r[0], "arc_name", "Prejudice",
                "participants", List.of(participant(r[1], "x"), participant(r[2], "y")), "relationship_type",
                "antagonistic").ok().id();
        characters.call("update_relationship_arc", "arc_id", other, "arc_name", "pride").error("relationship arc " + r[3]);
        assertEquals("Prejudice", TestDb.value("SELECT arc_name FROM relationship_arcs WHERE id = ?", other));
    }

    @Test
    void trackRelationshipDynamicsRecordsChangesOnceAndSumsTension() {
        long[] r = romance();
        long book = newBook(r[4], 1);
        long chapter = newChapter(book, 7);
        long scene = newScene(chapter, 2);
        Outcome first = characters.call("track_relationship_dynamics", "arc_id", r[3], "scene_id", scene,
                "dynamic_change", "First proposal refused", "tension_change", 6, "change_type", "conflict",
                "trigger_event", "Darcy's letter").ok();
        assertEquals(chapter, first.number("chapter_id"), "the scene's chapter");
        assertEquals(7, first.number("chapter_number"));
        assertEquals(false, first.get("already_recorded"));
        Outcome second = characters.call("track_relationship_dynamics", "arc_id", r[3], "chapter_id", chapter,
                "dynamic_change", "Pemberley visit", "tension_change", -4, "change_type", "emotional").ok();
        assertEquals(2, second.number("arc_dynamics_count"));
        assertEquals(2, second.number("arc_net_tension_change"));
        Outcome retried = characters.call("track_relationship_dynamics", "arc_id", r[3], "chapter_id", chapter,
                "dynamic_change", "Pemberley visit", "tension_change", -4, "change_type", "emotional").ok();
        assertEquals(second.id(), retried.id());
        assertEquals(true, retried.get("already_recorded"));
        assertEquals(2L, TestDb.count("SELECT count(*) FROM relationship_dynamics WHERE arc_id = ?", r[3]));
    }

    @Test
    void trackRelationshipDynamicsRejectsMissingArcMismatchedPlacesAndBadValues() {
        characters.call("track_relationship_dynamics", "arc_id", MISSING, "dynamic_change", "x", "change_type", "trust")
                .error("relationship arc " + MISSING + " does not exist");
        long[] r = romance();
        long book = newBook(r[4], 1);
        long ch1 = newChapter(book, 1);
        long ch2 = newChapter(book, 2);
        long sceneInCh2 = newScene(ch2, 1);
        characters.call("track_relationship_dynamics", "arc_id", r[3], "chapter_id", ch1, "scene_id", sceneInCh2,
                "dynamic_change", "x", "change_type", "trust").error("scene_id", "chapter " + ch2);
        long foreignChapter = newChapter(newBook(TestDb.newSeries(), 1), 1);
        characters.call("track_relationship_dynamics", "arc_id", r[3], "chapter_id", foreignChapter,
                "dynamic_change", "x", "change_type", "trust").error("chapter_id", "arc's series");
        characters.call("track_relationship_dynamics", "arc_id", r[3], "chapter_id", MISSING,
                "dynamic_change", "x", "change_type", "trust").error("chapter " + MISSING + " does not exist");
        characters.call("track_relationship_dynamics", "arc_id", r[3], "dynamic_change", "x", "change_type", "trust",
                "tension_change", 11).error("tension_change");
        characters.call("track_relationship_dynamics", "arc_id", r[3], "dynamic_change", "x", "change_type", "love")
                .error("change_type");
        assertEquals(0L, TestDb.count("SELECT count(*) FROM relationship_dynamics WHERE arc_id = ?", r[3]));
    }

    @Test
    void listRelationshipArcsFiltersByThreadAndType() {
        long[] r = romance();
        characters.call("create_relationship_arc", "plot_thread_id", r[0], "arc_name", "Sisters",
                "participants", List.of(participant(r[1], "elder"), participant(r[2], "younger")),
                "relationship_type", "family").ok();
        characters.call("track_relationship_dynamics", "arc_id", r[3], "dynamic_change", "Softening",
                "tension_change", -3, "change_type", "trust").ok();
        Outcome all = characters.call("list_relationship_arcs", "plot_thread_id", r[0]).ok();
        assertEquals(2, all.number("count"));
        Map<String, Object> pride = all.list("relationship_arcs").get(0);
        assertEquals("Pride", pride.get("arc_name"));
        assertEquals(1, longOf(pride.get("dynamics_count")));
        assertEquals(-3, longOf(pride.get("net_tension_change")));
        Outcome family = characters.call("list_relationship_arcs", "plot_thread_id", r[0], "relationship_type", "family")
                .ok();
        assertEquals(1, family.number("count"));
        assertEquals("Sisters", family.list("relationship_arcs").get(0).get("arc_name"));
        Outcome everyFamily = characters.call("list_relationship_arcs", "relationship_type", "family").ok();
        assertTrue(everyFamily.list("relationship_arcs").stream().allMatch(a -> "family".equals(a.get("relationship_type"))));
        assertFalse(everyFamily.list("relationship_arcs").isEmpty());
    }

    @Test
    void listRelationshipArcsOfAMissingThreadOrBadTypeFails() {
        characters.call("list_relationship_arcs", "plot_thread_id", MISSING)
                .error("plot thread " + MISSING + " does not exist");
        characters.call("list_relationship_arcs", "relationship_type", "enemies").error("relationship_type");
    }
}
