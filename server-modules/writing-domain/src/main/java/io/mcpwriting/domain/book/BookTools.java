package io.mcpwriting.domain.book;

import io.mcpwriting.domain.Checks;
import io.mcpwriting.domain.Paging;
import io.mcpwriting.domain.genre.Genres;
import io.mcpwriting.mcp.db.Changes;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;

/** Books of a series: their numbering, status, word counts and genres. */
@ApplicationScoped
public class BookTools {

    /** A book row with its series title and genre names (book_list, migration V74, builds the same for list_books). */
    static final String BOOK_JSON = """
            to_jsonb(b) || jsonb_build_object(
                'series_title', (SELECT s.title FROM series s WHERE s.id = b.series_id),
                'genres', coalesce((SELECT jsonb_agg(g.genre_name ORDER BY g.genre_name)
                                    FROM book_genres bg JOIN genres g ON g.id = bg.genre_id
                                    WHERE bg.book_id = b.id), '[]'::jsonb))""";

    private static final String CHAPTERS_JSON = """
            jsonb_build_object('chapters', coalesce((
                SELECT jsonb_agg(jsonb_build_object('id', c.id, 'chapter_number', c.chapter_number, 'title', c.title,
                                 'status', c.status, 'word_count', c.word_count, 'target_word_count', c.target_word_count)
                                 ORDER BY c.chapter_number)
                FROM chapters c WHERE c.book_id = b.id), '[]'::jsonb))""";

    @Inject
    Db db;

    @Tool(name = "create_book", description = "Create a book in a series. Book numbers are unique within a series; "
            + "repeating a create for a number that exists fails with the existing book's id.")
    public JsonText createBook(
            @Arg(value = "title", required = true, description = "Book title") String title,
            @Arg(value = "series_id", required = true, description = "Series the book belongs to") int seriesId,
            @Arg(value = "book_number", required = true, description = "Position in the series, from 1") int bookNumber,
            @Arg(value = "status", defaultValue = "planned", description = "Writing status") BookStatus status,
            @Arg(value = "target_word_count", description = "Planned length in words") Integer targetWordCount,
            @Arg(value = "actual_word_count", defaultValue = "0", description = "Words written so far") Integer actualWordCount,
            @Arg(value = "publication_year", description = "Year of publication") Integer publicationYear,
            @Arg(value = "description", description = "What the book is about") String description,
            @Arg(value = "isbn", description = "ISBN, up to 20 characters") String isbn,
            @Arg(value = "page_count", description = "Number of pages") Integer pageCount,
            @Arg(value = "cover_image_url", description = "URL of the cover image") String coverImageUrl,
            @Arg(value = "genre_names", description = "Genre names, e.g. fantasy, mystery") List<String> genreNames) {
        Checks.notBlank("title", title);
        Checks.atLeast("book_number", bookNumber, 1);
        checkCounts(targetWordCount, actualWordCount, pageCount, publicationYear);
        return new JsonText(db.write(sql -> {
            sql.requireRow("series", seriesId, "series");
            Long existing = sql.number("SELECT id FROM books WHERE series_id = ? AND book_number = ?", seriesId, bookNumber);
            if (existing != null) {
                throw ToolException.conflict("Series " + seriesId + " already has book number " + bookNumber
                        + " (book " + existing + "); use update_book to change it.");
            }
            long id = sql.number("""
                    INSERT INTO books (series_id, title, book_number, status, target_word_count, actual_word_count,
                                       publication_year, description, isbn, page_count, cover_image_url)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                    seriesId, title.strip(), bookNumber, status, targetWordCount, actualWordCount, publicationYear,
                    description, isbn, pageCount, coverImageUrl);
            if (genreNames != null) {
                replaceGenres(sql, id, Genres.idsForNames(sql, "genre_names", genreNames));
            }
            return book(sql, id, false);
        }));
    }

    @Tool(name = "update_book", description = "Change a book; only the fields given change. genre_names, when given, "
            + "replaces the book's genres.", idempotent = true)
    public JsonText updateBook(
            @Arg(value = "book_id", required = true, description = "Book to change") int bookId,
            @Arg(value = "title", description = "New title") String title,
            @Arg(value = "book_number", description = "New position in the series") Integer bookNumber,
            @Arg(value = "status", description = "New writing status") BookStatus status,
            @Arg(value = "target_word_count", description = "Planned length in words") Integer targetWordCount,
            @Arg(value = "actual_word_count", description = "Words written so far") Integer actualWordCount,
            @Arg(value = "publication_year", description = "Year of publication") Integer publicationYear,
            @Arg(value = "isbn", description = "ISBN") String isbn,
            @Arg(value = "page_count", description = "Number of pages") Integer pageCount,
            @Arg(value = "description", description = "What the book is about") String description,
            @Arg(value = "cover_image_url", description = "URL of the cover image") String coverImageUrl,
            @Arg(value = "genre_names", description = "Genre names replacing the current ones") List<String> genreNames) {
        if (title != null) {
            Checks.notBlank("title", title);
        }
        Checks.atLeast("book_number", bookNumber, 1);
        checkCounts(targetWordCount, actualWordCount, pageCount, publicationYear);
        Changes changes = new Changes().set("title", title == null ? null : title.strip()).set("book_number", bookNumber)
                .set("status", status).set("target_word_count", targetWordCount)
                .set("actual_word_count", actualWordCount).set("publication_year", publicationYear).set("isbn", isbn)
                .set("page_count", pageCount).set("description", description).set("cover_image_url", coverImageUrl);
        if (genreNames == null) {
            changes.requireAny("title, book_number, status, word counts, publication_year, isbn, page_count, "
                    + "description, cover_image_url, genre_names");
        }
        return new JsonText(db.write(sql -> {
            sql.requireRow("books", bookId, "book");
            if (!changes.isEmpty()) {
                changes.applyTo(sql, "books", bookId);
            }
            if (genreNames != null) {
                replaceGenres(sql, bookId, Genres.idsForNames(sql, "genre_names", genreNames));
            }
            return book(sql, bookId, false);
        }));
    }

    @Tool(name = "get_book", description = "Get one book with its series title and genres, optionally its chapters.",
            readOnly = true)
    public JsonText getBook(
            @Arg(value = "book_id", required = true, description = "Book id") int bookId,
            @Arg(value = "include_chapters", defaultValue = "false", description = "Also list the book's chapters")
            boolean includeChapters) {
        String json = db.read(sql -> book(sql, bookId, includeChapters));
        if (json == null) {
            throw ToolException.notFound("book", bookId);
        }
        return new JsonText(json);
    }

    @Tool(name = "list_books", description = "List books, optionally of one series and/or status, with chapter and "
            + "word-count statistics on request.", readOnly = true)
    public JsonText listBooks(
            @Arg(value = "series_id", description = "Only books of this series") Integer seriesId,
            @Arg(value = "status", description = "Only books with this status") BookStatus status,
            @Arg(value = "include_stats", defaultValue = "false", description = "Add chapter count and chapter word totals")
            boolean includeStats,
            @Arg(value = "limit", defaultValue = "100", min = 1, max = Paging.MAX_LIMIT, description = Paging.LIMIT) int limit,
            @Arg(value = "offset", defaultValue = "0", min = 0, description = Paging.OFFSET) int offset) {
        return new JsonText(db.read(sql -> {
            if (seriesId != null) {
                sql.requireRow("series", seriesId, "series");
            }
            // the whole list is the database function book_list (migration V74), whose plan each backend keeps;
            // called in FROM, so that the page around it calls it once
            return Paging.page(sql, "books", limit, offset, "SELECT l FROM book_list(?::int, ?::text, ?::boolean) l",
                    seriesId, status, includeStats);
        }));
    }

    @Tool(name = "assign_book_genres", description = "Add genres (by id) to a book; genres it already has stay. "
            + "Returns the book with all its genres.", idempotent = true)
    public JsonText assignBookGenres(
            @Arg(value = "book_id", required = true, description = "Book id") int bookId,
            @Arg(value = "genre_ids", required = true, description = "Genre ids to add") List<Integer> genreIds) {
        return new JsonText(db.write(sql -> {
            sql.requireRow("books", bookId, "book");
            Genres.requireIds(sql, genreIds);
            sql.update("INSERT INTO book_genres (book_id, genre_id) SELECT ?, unnest(?::bigint[]) "
                    + "ON CONFLICT (book_id, genre_id) DO NOTHING", bookId, genreIds);
            return book(sql, bookId, false);
        }));
    }

    private static String book(Sql sql, long bookId, boolean withChapters) throws SQLException {
        return sql.text("SELECT " + BOOK_JSON + (withChapters ? " || " + CHAPTERS_JSON : "")
                + " FROM books b WHERE b.id = ?", bookId);
    }

    private static void replaceGenres(Sql sql, long bookId, List<Long> genreIds) throws SQLException {
        sql.update("DELETE FROM book_genres WHERE book_id = ? AND genre_id <> ALL(?::bigint[])", bookId, genreIds);
        sql.update("INSERT INTO book_genres (book_id, genre_id) SELECT ?, unnest(?::bigint[]) "
                + "ON CONFLICT (book_id, genre_id) DO NOTHING", bookId, genreIds);
    }

    private static void checkCounts(Integer target, Integer actual, Integer pages, Integer year) {
        Checks.atLeast("target_word_count", target, 0);
        Checks.atLeast("actual_word_count", actual, 0);
        Checks.atLeast("page_count", pages, 0);
        Checks.year("publication_year", year);
    }
}
