package io.mcpwriting.mcp.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.mcp.tool.ErrorKind;
import io.mcpwriting.mcp.tool.ToolException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Database failures become errors a client can act on, without PostgreSQL's internals. */
class SqlErrorsTest {

    private static ToolException translated(String state, String message) {
        return assertInstanceOf(ToolException.class, SqlErrors.translate(new SQLException(message, state)));
    }

    @Test
    void uniqueViolationNamesTheKey() {
        ToolException e = translated("23505", "ERROR: duplicate key value violates unique constraint \"books_series_id_book_number_key\"\n"
                + "  Detail: Key (series_id, book_number)=(1, 2) already exists.");
        assertEquals(ErrorKind.CONFLICT, e.kind());
        assertEquals("Already exists: series_id, book_number = 1, 2.", e.getMessage());
    }

    @Test
    void missingReferenceNamesTheColumnAndTable() {
        ToolException e = translated("23503", "ERROR: insert or update on table \"books\" violates foreign key constraint "
                + "\"books_series_id_fkey\"\n  Detail: Key (series_id)=(99) is not present in table \"series\".");
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("series_id = 99") && e.getMessage().contains("series"), e.getMessage());
    }

    @Test
    void deletingSomethingStillReferencedIsAConflict() {
        ToolException e = translated("23503", "ERROR: update or delete on table \"series\" violates foreign key constraint "
                + "\"books_series_id_fkey\" on table \"books\"\n  Detail: Key (id)=(1) is still referenced from table \"books\".");
        assertEquals(ErrorKind.CONFLICT, e.kind());
        assertTrue(e.getMessage().contains("books"), e.getMessage());
    }

    @Test
    void connectionFailuresMeanUnavailable() {
        assertEquals(ErrorKind.DATABASE_UNAVAILABLE, translated("08001", "Connection refused").kind());
        assertEquals(ErrorKind.DATABASE_UNAVAILABLE, ((ToolException) SqlErrors.translate(
                new SQLTransientConnectionException("J2CA0045E: Connection not available"))).kind());
        assertTrue(SqlErrors.isUnavailable(new SQLException("pgbouncer: no more connections", "08P01")));
    }

    @Test
    void pgBouncerReportingPostgresGoneIsToldApartFromABrokenConnection() {
        assertTrue(SqlErrors.isDatabaseGoneBehindPgBouncer(new SQLException("FATAL: query_wait_timeout", "08P01")));
        assertFalse(SqlErrors.isDatabaseGoneBehindPgBouncer(new SQLException(
                "FATAL: server login has been failing, try again later (server_login_retry)", "08P01")));
        assertFalse(SqlErrors.isDatabaseGoneBehindPgBouncer(new SQLException("server conn crashed?", "08P01")));
        assertFalse(SqlErrors.isDatabaseGoneBehindPgBouncer(new SQLException("query_wait_timeout", "57014")));
    }

    @Test
    void checkAndDataErrorsAreValidationErrors() {
        assertEquals(ErrorKind.VALIDATION, translated("23514", "violates check constraint \"books_page_count_check\"").kind());
        ToolException data = translated("22001", "ERROR: value too long for type character varying(20)\n  Where: x");
        assertEquals(ErrorKind.VALIDATION, data.kind());
        assertFalse(data.getMessage().contains("Where"), data.getMessage());
    }

    @Test
    void anythingElseStaysInternal() {
        RuntimeException e = SqlErrors.translate(new SQLException("ERROR: relation \"x\" does not exist", "42P01"));
        assertFalse(e instanceof ToolException);
    }

    @Test
    void theConnectionManagersOverflowOnALoopingErrorChainIsRecognised() {
        StackOverflowError reporting = new StackOverflowError();
        StackTraceElement[] frames = new StackTraceElement[1024];
        frames[0] = new StackTraceElement("java.lang.Throwable", "toString", "Throwable.java", 496);
        for (int i = 1; i < frames.length; i++) {
            frames[i] = new StackTraceElement("com.ibm.ejs.j2c.J2CUtilityClass", "generateExceptionString",
                    "J2CUtilityClass.java", 78);
        }
        reporting.setStackTrace(frames);
        assertTrue(SqlErrors.isConnectionErrorReportOverflow(reporting));

        StackOverflowError recursion = new StackOverflowError();
        StackTraceElement[] own = new StackTraceElement[1024];
        java.util.Arrays.fill(own, new StackTraceElement("io.mcpwriting.domain.Tree", "walk", "Tree.java", 12));
        recursion.setStackTrace(own);
        assertFalse(SqlErrors.isConnectionErrorReportOverflow(recursion));
        assertFalse(SqlErrors.isConnectionErrorReportOverflow(new StackOverflowError() {
            @Override
            public StackTraceElement[] getStackTrace() {
                return new StackTraceElement[0];
            }
        }));
    }
}
