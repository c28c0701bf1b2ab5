package io.mcpwriting.domain.structure;

import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.tool.ErrorKind;
import io.mcpwriting.mcp.tool.ToolException;
import java.sql.SQLException;
import java.util.List;

/** The book an analysis or a session is about, and the chapters of it a call names. */
public final class BookScope {

    private BookScope() {
    }

    public static void requireBook(Sql sql, int bookId) throws SQLException {
        sql.requireRow("books", bookId, "book");
    }

    /** Fails naming the ids that are not chapters of the book. */
    public static void requireChapters(Sql sql, int bookId, List<Integer> chapterIds) throws SQLException {
        if (chapterIds == null || chapterIds.isEmpty()) {
            return;
        }
        String missing = sql.text("SELECT string_agg(u.id::text, ', ' ORDER BY u.n) FROM unnest(?::int[]) WITH ORDINALITY "
                + "AS u(id, n) WHERE NOT EXISTS (SELECT 1 FROM chapters c WHERE c.id = u.id AND c.book_id = ?)",
                chapterIds, bookId);
        if (missing != null) {
            throw new ToolException(ErrorKind.NOT_FOUND, "chapter(s) " + missing + " do not exist in book " + bookId);
        }
    }
}
