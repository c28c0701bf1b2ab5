package io.mcpwriting.domain.chapter;

import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.tool.ToolException;
import java.sql.SQLException;
import java.util.List;

/**
 * Look-ups shared by the tools that point at books, chapters and series-scoped rows: each fails naming the
 * argument when the row is missing or belongs to another series. Table names are constants of the callers.
 */
public final class ChapterRefs {

    /** Where a chapter sits: its book and series. */
    public record Place(long chapterId, long bookId, long seriesId) {
    }

    /** A chapter as a short reference, in reading terms (alias {@code c} for chapters). */
    public static final String CHAPTER_REF_JSON = """
            jsonb_build_object('chapter_id', c.id, 'chapter_number', c.chapter_number, 'title', c.title,
                               'book_id', c.book_id,
                               'book_number', (SELECT b.book_number FROM books b WHERE b.id = c.book_id))""";

    private ChapterRefs() {
    }

    /** The series of a book; fails when the book does not exist. */
    public static long seriesOfBook(Sql sql, long bookId) throws SQLException {
        Long series = sql.number("SELECT series_id FROM books WHERE id = ?", bookId);
        if (series == null) {
            throw ToolException.notFound("book", bookId);
        }
        return series;
    }

    /** The book and series of a chapter; fails when the chapter does not exist. */
    public static Place chapter(Sql sql, long chapterId) throws SQLException {
        String place = sql.text("SELECT c.book_id || ' ' || b.series_id FROM chapters c JOIN books b ON b.id = c.book_id "
                + "WHERE c.id = ?", chapterId);
        if (place == null) {
            throw ToolException.notFound("chapter", chapterId);
        }
        String[] parts = place.split(" ");
        return new Place(chapterId, Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    }

    /** Fails unless the chapter exists and belongs to the book. */
    public static void requireChapterOfBook(Sql sql, String argument, long chapterId, long bookId) throws SQLException {
        Place place = chapter(sql, chapterId);
        if (place.bookId() != bookId) {
            throw ToolException.invalid(argument, "chapter " + chapterId + " belongs to book " + place.bookId()
                    + ", not to book " + bookId);
        }
    }

    /** Fails unless the chapter exists in the series; returns its place. */
    public static Place requireChapterInSeries(Sql sql, String argument, long chapterId, long seriesId)
            throws SQLException {
        Place place = chapter(sql, chapterId);
        if (place.seriesId() != seriesId) {
            throw ToolException.invalid(argument, "chapter " + chapterId + " belongs to series " + place.seriesId()
                    + ", not to series " + seriesId);
        }
        return place;
    }

    /** Fails naming every id that is not a chapter of the series. */
    public static void requireChaptersInSeries(Sql sql, String argument, List<Integer> chapterIds, long seriesId)
            throws SQLException {
        if (chapterIds == null || chapterIds.isEmpty()) {
            return;
        }
        String missing = sql.text("""
                SELECT string_agg(w.id::text, ', ' ORDER BY w.n) FROM unnest(?::bigint[]) WITH ORDINALITY AS w(id, n)
                WHERE NOT EXISTS (SELECT 1 FROM chapters c JOIN books b ON b.id = c.book_id
                                  WHERE c.id = w.id AND b.series_id = ?)""", chapterIds, seriesId);
        if (missing != null) {
            throw ToolException.invalid(argument, "chapter(s) " + missing + " do not exist in series " + seriesId);
        }
    }

    /**
     * Fails unless the row exists ({@code label id does not exist}) and belongs to the series. {@code table} is
     * a constant with a {@code series_id} column.
     */
    public static void requireInSeries(Sql sql, String table, String label, String argument, long id, long seriesId)
            throws SQLException {
        Long series = sql.number("SELECT series_id FROM " + table + " WHERE id = ?", id);
        if (series == null) {
            throw ToolException.notFound(label, id);
        }
        if (series != seriesId) {
            throw ToolException.invalid(argument, label + " " + id + " belongs to series " + series
                    + ", not to series " + seriesId);
        }
    }

    /** The series a series-scoped row belongs to; fails when it does not exist. */
    public static long seriesOf(Sql sql, String table, String label, long id) throws SQLException {
        Long series = sql.number("SELECT series_id FROM " + table + " WHERE id = ?", id);
        if (series == null) {
            throw ToolException.notFound(label, id);
        }
        return series;
    }
}
