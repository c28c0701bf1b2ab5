package it.io.mcpwriting.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Direct access to the test database (through PgBouncer, as the servers reach it): to set up rows that
 * another server's tools would create, and to check what a tool call left behind.
 */
public final class TestDb {

    private TestDb() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(System.getProperty("db.url"), System.getProperty("db.user"),
                System.getProperty("db.password"));
    }

    /** The first column of the first row, or null. */
    public static Object value(String query, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(String query, Object... params) {
        return ((Number) value(query, params)).longValue();
    }

    /** A unique suffix so tests never collide with each other's rows or with earlier runs. */
    public static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    public static long newAuthor() {
        return ((Number) value("INSERT INTO authors (name) VALUES (?) RETURNING id", unique("Author"))).longValue();
    }

    public static long newSeries() {
        return ((Number) value("INSERT INTO series (author_id, title) VALUES (?, ?) RETURNING id", newAuthor(),
                unique("Series"))).longValue();
    }

    public static long newCharacter(long seriesId, String name) {
        return ((Number) value("INSERT INTO characters (series_id, name) VALUES (?, ?) RETURNING id", seriesId, name))
                .longValue();
    }

    /** The id returned by an INSERT ... RETURNING id. */
    public static long insert(String query, Object... params) {
        return ((Number) value(query, params)).longValue();
    }

    public static long newBook(long seriesId, int number) {
        return insert("INSERT INTO books (series_id, title, book_number) VALUES (?, ?, ?) RETURNING id", seriesId,
                unique("Book"), number);
    }

    public static long newChapter(long bookId, int number) {
        return insert("INSERT INTO chapters (book_id, chapter_number, title) VALUES (?, ?, ?) RETURNING id", bookId,
                number, unique("Chapter"));
    }

    public static long newScene(long chapterId, int number) {
        return insert("INSERT INTO chapter_scenes (chapter_id, scene_number, scene_title) VALUES (?, ?, ?) RETURNING id",
                chapterId, number, unique("Scene"));
    }

    public static long newLocation(long seriesId, String name) {
        return insert("INSERT INTO locations (series_id, name, location_type) VALUES (?, ?, 'city') RETURNING id",
                seriesId, name);
    }

    public static long newWorldElement(long seriesId, String name) {
        return insert("INSERT INTO world_elements (series_id, name, element_type) VALUES (?, ?, 'magic') RETURNING id",
                seriesId, name);
    }

    public static long newWorldSystem(long seriesId, String name) {
        return insert("INSERT INTO world_systems (series_id, system_name, system_type) VALUES (?, ?, 'magic') "
                + "RETURNING id", seriesId, name);
    }

    public static long newOrganization(long seriesId, String name) {
        return insert("INSERT INTO organizations (series_id, name, organization_type) VALUES (?, ?, 'guild') "
                + "RETURNING id", seriesId, name);
    }

    public static long newTimelineEvent(long seriesId, String name) {
        return insert("INSERT INTO timeline_events (series_id, event_name, event_date) VALUES (?, ?, 'Day 1') "
                + "RETURNING id", seriesId, name);
    }

    public static long newPlotThread(long seriesId, String title) {
        return insert("INSERT INTO plot_threads (series_id, title, current_status_id) "
                + "VALUES (?, ?, (SELECT id FROM plot_thread_statuses WHERE status_name = 'active')) RETURNING id",
                seriesId, title);
    }

    // --- continuity, review and reporting fixtures ---

    /** Runs an INSERT ... RETURNING id and returns the id. */
    public static long insertReturningId(String insert, Object... params) {
        return ((Number) value(insert, params)).longValue();
    }

    /** A PostgreSQL array literal ('{"a","b"}') for a text[] or integer[] parameter cast in SQL. */
    public static String pgArray(Object... items) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < items.length; i++) {
            out.append(i == 0 ? "" : ",");
            out.append(items[i] instanceof Number ? items[i].toString()
                    : '"' + items[i].toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"');
        }
        return out.append('}').toString();
    }

    public static long newStoryBook(long seriesId, int bookNumber, String title) {
        return insertReturningId("INSERT INTO books (series_id, title, book_number) VALUES (?, ?, ?) RETURNING id",
                seriesId, title, bookNumber);
    }

    public static long newStoryChapter(long bookId, int chapterNumber, String title, String primaryLocation) {
        return insertReturningId("INSERT INTO chapters (book_id, chapter_number, title, primary_location) "
                + "VALUES (?, ?, ?, ?) RETURNING id", bookId, chapterNumber, title, primaryLocation);
    }

    /** A scene with written content; participants are character ids. */
    public static long newWrittenScene(long chapterId, int sceneNumber, String content, String location,
                                       String writingStatus, long... participants) {
        Object[] ids = java.util.Arrays.stream(participants).boxed().toArray();
        return insertReturningId("INSERT INTO chapter_scenes (chapter_id, scene_number, scene_content, location, "
                + "writing_status, scene_participants) VALUES (?, ?, ?, ?, coalesce(?, 'draft'), ?::int[]) RETURNING id",
                chapterId, sceneNumber, content, location, writingStatus, pgArray(ids));
    }

    /** A character's presence in a chapter with its recorded state and what it learns and reveals there. */
    public static long newPresenceRecord(long characterId, long chapterId, String presenceType, String physicalState,
                                   String emotionalState, String[] learns, String[] reveals) {
        return insertReturningId("INSERT INTO character_chapter_presence (character_id, chapter_id, presence_type, "
                + "physical_state, emotional_state, learns_this_chapter, reveals_this_chapter) "
                + "VALUES (?, ?, ?, ?, ?, ?::text[], ?::text[]) RETURNING id", characterId, chapterId, presenceType,
                physicalState, emotionalState, pgArray((Object[]) learns), pgArray((Object[]) reveals));
    }

    /** A plot thread with an active status; type is a plot thread type name. */
    public static long newThreadOfType(long seriesId, String title, String type, int importance, Integer startBook,
                                     Integer endBook) {
        return insertReturningId("INSERT INTO plot_threads (series_id, title, thread_type_id, importance_level, "
                + "start_book, end_book, current_status_id) VALUES (?, ?, (SELECT id FROM plot_thread_types "
                + "WHERE type_name = ?), ?, ?, ?, (SELECT id FROM plot_thread_statuses WHERE status_name = 'active')) "
                + "RETURNING id", seriesId, title, type, importance, startBook, endBook);
    }

    /** A logged writing session: date (YYYY-MM-DD), start time (HH:MM), minutes and words. */
    public static long newLoggedSession(long bookId, String date, String startTime, int minutes, int words,
                                         Integer mood) {
        return insertReturningId("INSERT INTO writing_sessions (book_id, session_date, start_time, duration_minutes, "
                + "words_written, mood_rating) VALUES (?, ?::date, ?::time, ?, ?, ?) RETURNING id", bookId, date,
                startTime, minutes, words, mood);
    }
}
