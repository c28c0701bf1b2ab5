package io.mcpwriting.domain.admin.schema;

/** How a name a client sent is echoed in an error: quoted, shortened, without control characters. */
public final class Names {

    private static final int SHOWN = 60;

    private Names() {
    }

    public static String shown(String name) {
        if (name == null) {
            return "(none)";
        }
        String clean = name.replaceAll("\\p{Cntrl}", "?");
        return "'" + (clean.length() > SHOWN ? clean.substring(0, SHOWN) + "..." : clean) + "'";
    }
}
