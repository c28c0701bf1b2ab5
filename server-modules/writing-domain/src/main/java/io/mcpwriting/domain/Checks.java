package io.mcpwriting.domain;

import io.mcpwriting.mcp.tool.ToolException;
import java.util.regex.Pattern;

/** Rules on argument values that a JSON schema cannot say; each failure names the argument. */
public final class Checks {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private Checks() {
    }

    public static void notBlank(String argument, String value) {
        if (value != null && value.isBlank()) {
            throw ToolException.invalid(argument, "must not be blank");
        }
    }

    public static void email(String argument, String value) {
        if (value != null && !EMAIL.matcher(value).matches()) {
            throw ToolException.invalid(argument, "'" + value + "' is not an email address");
        }
    }

    public static void year(String argument, Integer value) {
        if (value != null && (value < 1 || value > 9999)) {
            throw ToolException.invalid(argument, "must be a year between 1 and 9999");
        }
    }

    public static void atLeast(String argument, Integer value, int minimum) {
        if (value != null && value < minimum) {
            throw ToolException.invalid(argument, "must be at least " + minimum);
        }
    }

    public static void range(String argument, Integer value, int minimum, int maximum) {
        if (value != null && (value < minimum || value > maximum)) {
            throw ToolException.invalid(argument, "must be between " + minimum + " and " + maximum);
        }
    }
}
