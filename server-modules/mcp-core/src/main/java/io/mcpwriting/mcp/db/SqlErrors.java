package io.mcpwriting.mcp.db;

import io.mcpwriting.mcp.tool.ErrorKind;
import io.mcpwriting.mcp.tool.ToolException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a database failure into something a client can act on, without PostgreSQL's internals: the
 * violated key or reference is named in argument terms, everything unexpected is internal.
 */
public final class SqlErrors {

    private static final Pattern KEY = Pattern.compile("Key \\((.+?)\\)=\\((.*?)\\)");
    private static final Pattern TABLE = Pattern.compile("table \"([a-z_]+)\"");

    private SqlErrors() {
    }

    /** True when the failure means the database (or PgBouncer) cannot be reached at all. */
    public static boolean isUnavailable(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException
                || (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P03")
                        || state.equals("53300")));
    }

    /**
     * True when PgBouncer gave up waiting for a connection to PostgreSQL ({@code query_wait_timeout}): running
     * the work again would only wait as long again. (Its instant "server login has been failing" refusal is
     * not this: PgBouncer tries PostgreSQL again meanwhile, so a retry a moment later may well get through.)
     */
    public static boolean isDatabaseGoneBehindPgBouncer(SQLException e) {
        return "08P01".equals(e.getSQLState()) && e.getMessage() != null
                && e.getMessage().contains("query_wait_timeout");
    }

    /**
     * True for the stack overflow Liberty's connection manager hits when a driver hands it a connection error
     * whose exception chain loops (pgjdbc links two error responses to one query as each other's cause and
     * next exception, which happens when PostgreSQL ends a connection and PgBouncer then reports it as well).
     */
    public static boolean isConnectionErrorReportOverflow(StackOverflowError e) {
        StackTraceElement[] frames = e.getStackTrace();
        int inspected = Math.min(frames.length, 64);
        int reporting = 0;
        for (int i = 0; i < inspected; i++) {
            if (frames[i].getClassName().startsWith("com.ibm.ejs.j2c.")) {
                reporting++;
            }
        }
        return inspected > 0 && reporting * 2 > inspected;
    }

    public static RuntimeException translate(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (isUnavailable(e)) {
            return new DatabaseUnavailableException();
        }
        switch (state) {
            case "23505" -> {
                return ToolException.conflict("Already exists: " + keyText(message, "the same key") + ".");
            }
            case "23503" -> {
                if (message.contains("is still referenced")) {
                    return ToolException.conflict("Cannot remove it: other records still refer to it ("
                            + tableText(message) + ").");
                }
                return new ToolException(ErrorKind.NOT_FOUND, "Referenced record does not exist: "
                        + keyText(message, "a referenced id") + " (no such row in " + tableText(message) + ").");
            }
            case "23514", "23502" -> {
                return new ToolException(ErrorKind.VALIDATION, "A value breaks a stored-data rule"
                        + constraintText(message) + ".");
            }
            case "40001", "40P01" -> {
                return ToolException.conflict("A concurrent change got in the way; retry the call.");
            }
            default -> {
                if (state.startsWith("22")) {
                    return new ToolException(ErrorKind.VALIDATION, "A value is malformed or out of range: "
                            + firstLine(message) + ".");
                }
                return new IllegalStateException("database error " + state, e);
            }
        }
    }

    private static String keyText(String message, String fallback) {
        Matcher m = KEY.matcher(message);
        return m.find() ? m.group(1) + " = " + m.group(2) : fallback;
    }

    private static String tableText(String message) {
        Matcher m = TABLE.matcher(message.substring(Math.max(0, message.indexOf("Detail"))));
        return m.find() ? m.group(1) : "another table";
    }

    private static String constraintText(String message) {
        Matcher m = Pattern.compile("constraint \"([a-z0-9_]+)\"").matcher(message);
        if (m.find()) {
            return " (" + m.group(1) + ")";
        }
        m = Pattern.compile("column \"([a-z0-9_]+)\"").matcher(message);
        return m.find() ? " (" + m.group(1) + " is required)" : "";
    }

    private static String firstLine(String message) {
        String line = message.lines().findFirst().orElse("").replaceFirst("^ERROR:\\s*", "");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
