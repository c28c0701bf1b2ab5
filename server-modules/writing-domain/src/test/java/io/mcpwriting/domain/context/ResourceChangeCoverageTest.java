package io.mcpwriting.domain.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.mcpwriting.domain.testing.DomainTest;
import io.mcpwriting.mcp.resource.ResourceDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import tools.jackson.databind.json.JsonMapper;

/**
 * Resource subscriptions hear every change behind a resource (migrations V73, V76). Which tables a resource reads
 * is found, not listed: each table's SELECT is taken from the application role in turn and every resource of one
 * small story is read; a read that is then refused reads that table. A change to each such table must then be
 * announced, on a real LISTEN connection, with the URI of every resource that reads it. A resource that starts
 * reading a table without a trigger fails here.
 */
class ResourceChangeCoverageTest extends DomainTest {

    private static final String CHANNEL = "writing_resources";
    /** Sent after each change in the same transaction: its notifications all arrived once this one has. */
    private static final String DONE = "resource_coverage_test_done";
    /** The templates of files on disk: no rows behind them, nothing announced. */
    private static final String FILE_VARIABLE = "file_name";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The story's row for each template variable. */
    private static final Map<String, Long> STORY = new TreeMap<>();
    /** table -> the URIs of the story's resources that read it. */
    private static final Map<String, Set<String>> READERS = new TreeMap<>();
    private static Connection listener;

    @BeforeAll
    static void aStoryWithEveryReferenceSet() throws SQLException {
        long genre = DB.number("SELECT min(id) FROM genres");
        long series = id(ok("create_series", "title", unique("Series"), "author_id", author(), "genre_ids",
                List.of(genre)));
        long book = book(series, 1);
        ok("assign_book_genres", "book_id", book, "genre_ids", List.of(genre));
        long hero = character(series);
        long friend = character(series);
        long chapter = chapter(book, 1);
        long scene = scene(chapter, 1);
        DB.insert("UPDATE chapters SET pov_character_id = ? WHERE id = ? RETURNING id", hero, chapter);
        DB.insert("UPDATE chapter_scenes SET pov_character_id = ?, scene_participants = ARRAY[?::int] WHERE id = ? "
                + "RETURNING id", hero, friend, scene);
        DB.insert("INSERT INTO character_chapter_presence (character_id, chapter_id, scene_id, presence_type) "
                + "VALUES (?, ?, ?, 'present') RETURNING id", friend, chapter, scene);
        DB.insert("INSERT INTO character_details (character_id, category, attribute, value) "
                + "VALUES (?, 'physical', 'eyes', 'grey') RETURNING id", hero);
        DB.insert("INSERT INTO character_knowledge (character_id, knowledge_category, knowledge_item) "
                + "VALUES (?, 'magic', 'true names') RETURNING id", hero);
        DB.insert("INSERT INTO character_arcs (character_id, book_id, arc_description) "
                + "VALUES (?, ?, 'from pride to care') RETURNING id", hero, book);
        DB.insert("INSERT INTO plot_threads (series_id, title, current_status_id) "
                + "SELECT ?, 'The shadow', id FROM plot_thread_statuses WHERE status_name = 'active' RETURNING id",
                series);
        DB.insert("INSERT INTO timeline_events (series_id, event_name, event_date) VALUES (?, 'Flood', 'Year 1') "
                + "RETURNING id", series);
        DB.insert("INSERT INTO locations (series_id, name, location_type) VALUES (?, 'Gont', 'island') RETURNING id",
                series);
        DB.insert("INSERT INTO organizations (series_id, name, organization_type) VALUES (?, 'Roke', 'school') "
                + "RETURNING id", series);
        DB.insert("INSERT INTO world_elements (series_id, name, element_type) VALUES (?, 'Old Speech', 'magic') "
                + "RETURNING id", series);
        DB.insert("INSERT INTO world_systems (series_id, system_name) VALUES (?, 'Naming') RETURNING id", series);
        STORY.putAll(Map.of("series_id", series, "book_id", book, "chapter_id", chapter, "scene_id", scene,
                "character_id", hero));
        findWhatEachResourceReads();
        listener = DB.app();
        try (Statement s = listener.createStatement()) {
            s.execute("LISTEN " + CHANNEL);
            s.execute("LISTEN " + DONE);
        }
    }

    @AfterAll
    static void stopListening() throws SQLException {
        if (listener != null) {
            listener.close();
        }
    }

    /** One test per table a resource reads: a change to its rows announces every resource reading it. */
    @TestFactory
    Stream<DynamicTest> aChangeToAnyTableBehindAResourceAnnouncesIt() {
        // the derivation itself works: tables V73 missed are found
        assertTrue(READERS.keySet().containsAll(Set.of("authors", "series_genres", "character_chapter_presence",
                "character_arcs", "world_systems")), () -> "the derivation misses tables: " + READERS);
        return READERS.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            String table = e.getKey();
            assertEquals("DELETE,INSERT,UPDATE", DB.text("""
                    SELECT string_agg(DISTINCT event_manipulation, ',' ORDER BY event_manipulation)
                    FROM information_schema.triggers
                    WHERE event_object_schema = 'public' AND event_object_table = ?
                      AND trigger_name LIKE 'resource\\_change%'""", table), table + " has no resource_change trigger");
            // every row: the story is the only one in the database, and a lookup table's other rows announce nothing
            Set<String> announced = uris(heard("UPDATE " + table + " SET id = id"));
            Set<String> missing = new TreeSet<>(e.getValue());
            missing.removeAll(announced);
            assertTrue(missing.isEmpty(), () -> "a change to " + table + " does not announce " + missing
                    + " (announced: " + announced + ")");
        }));
    }

    @Test
    void aNewChapterAndItsRemovalAnnounceItsBookManuscriptAndSeries() throws SQLException {
        long book = STORY.get("book_id");
        Set<String> expected = Set.of("writing://books/" + book, "writing://books/" + book + "/manuscript",
                "writing://series/" + STORY.get("series_id"));
        Set<String> created = uris(heard(
                "INSERT INTO chapters (book_id, chapter_number, title) VALUES (?, 99, 'Added')", book));
        long added = DB.number("SELECT id FROM chapters WHERE book_id = ? AND chapter_number = 99", book);
        assertTrue(created.containsAll(expected) && created.contains("writing://chapters/" + added), created::toString);
        Set<String> removed = uris(heard("DELETE FROM chapters WHERE id = ?", added));
        assertTrue(removed.containsAll(expected) && removed.contains("writing://chapters/" + added), removed::toString);
    }

    /** Statement-level triggers: a bulk change is a few notifications, each under PostgreSQL's 8000-byte limit. */
    @Test
    void aBulkChangeIsAFewBoundedNotifications() throws SQLException {
        long chapter = STORY.get("chapter_id");
        List<String> payloads = heard("INSERT INTO chapter_scenes (chapter_id, scene_number, scene_title) "
                + "SELECT ?, n, 'Bulk ' || n FROM generate_series(100, 349) AS n", chapter);
        try {
            assertTrue(payloads.size() <= 3, () -> payloads.size() + " notifications");
            assertTrue(payloads.stream().allMatch(p -> p.length() < 8000), "within pg_notify's limit");
            long scenes = uris(payloads).stream().filter(u -> u.startsWith("writing://scenes/")).count();
            assertEquals(250, scenes, "every new scene");
        } finally {
            heard("DELETE FROM chapter_scenes WHERE chapter_id = ? AND scene_number >= 100", chapter);
        }
    }

    /** For each table, with its SELECT taken away, which of the story's resources can no longer be read. */
    private static void findWhatEachResourceReads() throws SQLException {
        List<String> uris = new ArrayList<>();
        for (ResourceDefinition def : TOOLS.resources().values()) {
            List<String> variables = def.uri().variables();
            if (variables.equals(List.of(FILE_VARIABLE))) {
                continue;
            }
            Map<String, String> values = new TreeMap<>();
            for (String variable : variables) {
                Long row = STORY.get(variable);
                if (row == null) {
                    fail(def.uri().template() + ": the story of this test has no row for {" + variable + "}");
                }
                values.put(variable, String.valueOf(row));
            }
            uris.add(def.uri().expand(values));
        }
        uris.forEach(TOOLS::read);
        List<String> tables = new ArrayList<>();
        try (Connection owner = DB.owner(); Statement s = owner.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT tablename FROM pg_tables "
                    + "WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history'")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            String app = DB.place.app();
            // as migrated, should an earlier run have stopped between a REVOKE and its GRANT
            s.execute("GRANT SELECT ON " + String.join(", ", tables) + " TO " + app);
            for (String table : tables) {
                s.execute("REVOKE SELECT ON " + table + " FROM " + app);
                try {
                    for (String uri : uris) {
                        if (refused(uri)) {
                            READERS.computeIfAbsent(table, t -> new TreeSet<>()).add(uri);
                        }
                    }
                } finally {
                    s.execute("GRANT SELECT ON " + table + " TO " + app);
                }
            }
        }
    }

    private static boolean refused(String uri) {
        try {
            TOOLS.read(uri);
            return false;
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && "42501".equals(sql.getSQLState())) {
                    return true;
                }
            }
            throw e;
        }
    }

    /** Runs {@code statement} as the application role in a transaction of its own; the payloads heard. */
    private static List<String> heard(String statement, Object... params) throws SQLException {
        try (Connection writer = DB.app()) {
            writer.setAutoCommit(false);
            try (PreparedStatement s = writer.prepareStatement(statement)) {
                for (int i = 0; i < params.length; i++) {
                    s.setObject(i + 1, params[i]);
                }
                s.execute();
            }
            try (PreparedStatement done = writer.prepareStatement("SELECT pg_notify(?, '')")) {
                done.setString(1, DONE);
                done.execute();
            }
            writer.commit();
        }
        List<String> payloads = new ArrayList<>();
        PGConnection pg = listener.unwrap(PGConnection.class);
        while (true) {
            PGNotification[] notifications = pg.getNotifications(10_000);
            assertFalse(notifications == null || notifications.length == 0, "no notification within 10 s");
            for (PGNotification n : notifications) {
                if (n.getName().equals(DONE)) {
                    return payloads;
                }
                payloads.add(n.getParameter());
            }
        }
    }

    private static Set<String> uris(List<String> payloads) {
        Set<String> uris = new TreeSet<>();
        for (String payload : payloads) {
            JSON.readTree(payload).forEach(uri -> uris.add(uri.asString()));
        }
        return uris;
    }
}
