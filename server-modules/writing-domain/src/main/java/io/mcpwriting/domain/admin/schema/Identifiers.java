package io.mcpwriting.domain.admin.schema;

/**
 * SQL identifiers for statements the admin tools build. Every name quoted here was first found in the live
 * catalog (never taken from a client as such), and is still quoted so that no name can end the identifier.
 */
public final class Identifiers {

    private Identifiers() {
    }

    public static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A SQL string literal, for catalog names used as JSON keys in generated SQL. */
    public static String literal(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }
}
