package io.mcpwriting.domain.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import tools.jackson.databind.JsonNode;

/**
 * A test class of one domain package: tools called by name with JSON arguments against the migrated scratch
 * database (see {@link DomainDb}, {@link DomainTools}), which is emptied before the class runs. Tests of a class
 * share that database, so each makes the rows it needs ({@link #author()}, {@link #series()}, ...) and asserts on
 * those only.
 */
public abstract class DomainTest {

    protected static final DomainTools TOOLS = DomainTools.get();
    protected static final DomainDb DB = DomainDb.get();

    private static int names;

    @BeforeAll
    static void startFromTheMigratedState() {
        DB.clean();
    }

    /** Arguments from name, value pairs, in order. */
    public static Map<String, Object> args(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("arguments come in name, value pairs");
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            arguments.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return arguments;
    }

    /** Calls the tool; the reply, success or error. */
    public static ToolReply call(String tool, Object... namesAndValues) {
        return TOOLS.call(tool, args(namesAndValues));
    }

    /** Calls the tool, which must succeed; its JSON answer. */
    public static JsonNode ok(String tool, Object... namesAndValues) {
        return call(tool, namesAndValues).json();
    }

    /**
     * Calls the tool, which must fail with {@code errorType} (validation, not_found, conflict, ...) and a message
     * containing each of {@code fragments} (an argument's name, a missing id, ...); the message.
     */
    public static String fails(String errorType, List<String> fragments, String tool, Object... namesAndValues) {
        ToolReply reply = call(tool, namesAndValues);
        String message = reply.message();
        assertEquals(errorType, reply.errorType(), () -> tool + ": " + message);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> tool + ": '" + fragment + "' is not in: " + message);
        }
        return message;
    }

    /** A validation error whose message names {@code argument}. */
    public static String invalid(String argument, String tool, Object... namesAndValues) {
        return fails("validation", List.of(argument), tool, namesAndValues);
    }

    /** A not-found error whose message names the missing id. */
    public static String notFound(Object missingId, String tool, Object... namesAndValues) {
        return fails("not_found", List.of(String.valueOf(missingId)), tool, namesAndValues);
    }

    /**
     * The database's date today (ISO), which the tools' date windows end on; the JVM's clock may be on another day
     * near midnight when the two run in different time zones.
     */
    public static String today() {
        return DB.text("SELECT current_date::text");
    }

    /** An id no row has. */
    public static final long MISSING = 987654;

    /** A name not used before in this run. */
    public static String unique(String prefix) {
        synchronized (DomainTest.class) {
            return prefix + " " + ++names;
        }
    }

    public static long id(JsonNode json) {
        JsonNode id = json.get("id");
        if (id == null || !id.isIntegralNumber()) {
            throw new AssertionError("no id in " + json);
        }
        return id.asLong();
    }

    // ---- rows made through the tools, for tests that need a parent ----

    public static long author() {
        return id(ok("create_author", "name", unique("Author")));
    }

    public static long series() {
        return id(ok("create_series", "title", unique("Series"), "author_id", author()));
    }

    public static long book(long seriesId, int number) {
        return id(ok("create_book", "title", unique("Book"), "series_id", seriesId, "book_number", number));
    }

    public static long book() {
        return book(series(), 1);
    }

    public static long chapter(long bookId, int number) {
        return id(ok("book_create_chapter", "book_id", bookId, "chapter_number", number, "title", unique("Chapter")));
    }

    public static long character(long seriesId) {
        return id(ok("create_character", "series_id", seriesId, "name", unique("Character")));
    }

    public static long scene(long chapterId, int number) {
        return id(ok("create_scene", "chapter_id", chapterId, "scene_number", number, "scene_title", unique("Scene")));
    }

    public static long seriesOf(long bookId) {
        return ok("get_book", "book_id", bookId).get("series_id").asLong();
    }
}
