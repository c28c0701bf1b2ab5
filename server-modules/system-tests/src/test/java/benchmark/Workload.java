package benchmark;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * What the benchmark calls on each server: a weighted mix of reads and writes over rows made at setup.
 * A server without an entry here is not benchmarked.
 */
final class Workload {

    /** One kind of call: tool, weight in the mix, arguments drawn from the fixture. */
    record Call(String server, String tool, int weight, boolean write, Function<Fixture, Map<String, Object>> args) {
    }

    /** Ids the calls refer to, made once before the run. */
    record Fixture(long authorId, long seriesId, List<Long> bookIds, long threadId, List<Long> characterIds,
            List<Long> chapterIds) {

        long anyBook() {
            return bookIds.get(ThreadLocalRandom.current().nextInt(bookIds.size()));
        }

        long anyChapter() {
            return chapterIds.get(ThreadLocalRandom.current().nextInt(chapterIds.size()));
        }
    }

    static final List<Call> CALLS = List.of(
            new Call("author", "get_author", 10, false, f -> Map.of("author_id", f.authorId())),
            new Call("author", "create_author", 3, true, f -> Map.of("name", "Bench author " + System.nanoTime())),
            new Call("author", "update_author", 3, true, f -> Map.of("author_id", f.authorId(), "bio",
                    "bio " + System.nanoTime())),
            new Call("book-planning", "get_book", 12, false, f -> Map.of("book_id", f.anyBook(), "include_chapters", true)),
            new Call("book-planning", "list_books", 8, false, f -> Map.of("series_id", f.seriesId(), "include_stats", true)),
            new Call("book-planning", "update_book", 4, true, f -> Map.of("book_id", f.anyBook(), "actual_word_count",
                    ThreadLocalRandom.current().nextInt(100_000))),
            new Call("book-planning", "create_timeline_event", 3, true, f -> Map.of("series_id", f.seriesId(),
                    "event_name", "Bench event", "event_date", "Day " + System.nanoTime(), "participants",
                    f.characterIds())),
            new Call("book-planning", "update_plot_thread", 3, true, f -> Map.of("thread_id", f.threadId(),
                    "resolution_notes", "note " + System.nanoTime())),
            new Call("series-planning", "get_series", 8, false, f -> Map.of("series_id", f.seriesId())),
            new Call("series-planning", "list_series", 2, false, f -> Map.of()),
            new Call("series-planning", "get_locations", 4, false, f -> Map.of("series_id", f.seriesId())),
            new Call("chapter-planning", "book_get_chapter", 8, false, f -> Map.of("chapter_id", f.anyChapter(),
                    "include_scenes", true)),
            new Call("chapter-planning", "book_list_chapters", 4, false, f -> Map.of("book_id", f.anyBook())),
            new Call("chapter-planning", "book_update_chapter", 3, true, f -> Map.of("chapter_id", f.anyChapter(),
                    "writing_notes", "note " + System.nanoTime())),
            new Call("character-planning", "list_characters", 6, false, f -> Map.of("series_id", f.seriesId())),
            new Call("scene", "list_scenes", 6, false, f -> Map.of("chapter_id", f.anyChapter())),
            new Call("scene", "get_characters_in_chapter", 4, false, f -> Map.of("chapter_id", f.anyChapter())),
            new Call("core-continuity", "get_character", 6, false, f -> Map.of("character_id", f.characterIds().get(0))),
            new Call("core-continuity", "get_plot_threads", 4, false, f -> Map.of("series_id", f.seriesId())),
            new Call("review", "word_count_tracking", 3, false, f -> Map.of("book_id", f.anyBook())),
            new Call("reporting", "generate_report", 1, false, f -> Map.of("book_id", f.anyBook())),
            new Call("database-admin", "db_query_records", 4, false, f -> Map.of("table", "books", "where",
                    Map.of("series_id", f.seriesId()), "limit", 20)),
            new Call("database-admin", "db_list_tables", 1, false, f -> Map.of()));

    private Workload() {
    }
}
