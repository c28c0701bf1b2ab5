package io.mcpwriting.domain.session;

import io.mcpwriting.mcp.tool.ToolException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Calendar dates given as text (ISO 8601, YYYY-MM-DD), checked with the argument named. */
final class Dates {

    private Dates() {
    }

    static LocalDate parse(String argument, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ToolException.invalid(argument, "'" + value + "' is not a date; use YYYY-MM-DD");
        }
    }
}
