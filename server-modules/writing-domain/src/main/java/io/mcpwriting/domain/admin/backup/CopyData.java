package io.mcpwriting.domain.admin.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the data part of a dump as PostgreSQL's tools write it ({@code pg_restore --data-only} output, and the
 * incremental backups this server writes in the same form): {@code COPY schema.table (columns) FROM stdin;}
 * followed by rows in COPY text format and a {@code \.} line, plus {@code SELECT pg_catalog.setval(...)} lines.
 * Lines are handled as bytes (ISO-8859-1 round trip) so that row data passes through unchanged.
 */
public final class CopyData {

    static final String END = "\\.";

    private CopyData() {
    }

    /** A COPY block's header: its table and the columns in the order of the rows. */
    public record Header(String schema, String table, List<String> columns, String columnList) {
    }

    /** Receives what a data stream holds, in order. */
    public interface Visitor {
        void header(Header header, String line) throws IOException;

        void row(String line) throws IOException;

        void end() throws IOException;

        default void setval(String line) throws IOException {
        }
    }

    public static void scan(InputStream data, Visitor visitor) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(data, StandardCharsets.ISO_8859_1), 1 << 16);
        String line;
        boolean inCopy = false;
        while ((line = reader.readLine()) != null) {
            if (inCopy) {
                if (line.equals(END)) {
                    inCopy = false;
                    visitor.end();
                } else {
                    visitor.row(line);
                }
            } else if (line.startsWith("COPY ") && line.endsWith(" FROM stdin;")) {
                visitor.header(parseHeader(utf8(line)), line);
                inCopy = true;
            } else if (line.startsWith("SELECT pg_catalog.setval(")) {
                visitor.setval(line);
            }
        }
        if (inCopy) {
            throw new IOException("the data ends inside a COPY block (the backup is truncated)");
        }
    }

    /** Row counts per table of a data stream. */
    public static List<long[]> count(InputStream data, List<String> tablesOut) throws IOException {
        List<long[]> counts = new ArrayList<>();
        scan(data, new Visitor() {
            long[] current;

            @Override
            public void header(Header header, String line) {
                tablesOut.add(header.table());
                current = new long[1];
                counts.add(current);
            }

            @Override
            public void row(String line) {
                current[0]++;
            }

            @Override
            public void end() {
            }
        });
        return counts;
    }

    /** Text read as ISO-8859-1, decoded as the UTF-8 it is. */
    static String utf8(String raw) {
        return new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** Text to write through an ISO-8859-1 writer so that its UTF-8 bytes land in the file. */
    static String raw(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** Parses {@code COPY public.books (id, "timestamp") FROM stdin;}. */
    static Header parseHeader(String line) throws IOException {
        String body = line.substring("COPY ".length(), line.length() - " FROM stdin;".length());
        int[] pos = {0};
        List<String> qualified = new ArrayList<>();
        qualified.add(identifier(body, pos));
        if (pos[0] < body.length() && body.charAt(pos[0]) == '.') {
            pos[0]++;
            qualified.add(identifier(body, pos));
        }
        String schema = qualified.size() == 2 ? qualified.get(0) : "public";
        String table = qualified.get(qualified.size() - 1);
        String rest = body.substring(pos[0]).strip();
        if (!rest.startsWith("(") || !rest.endsWith(")")) {
            throw new IOException("unexpected COPY header: " + line);
        }
        String list = rest.substring(1, rest.length() - 1);
        List<String> columns = new ArrayList<>();
        int[] p = {0};
        while (p[0] < list.length()) {
            while (p[0] < list.length() && (list.charAt(p[0]) == ' ' || list.charAt(p[0]) == ',')) {
                p[0]++;
            }
            if (p[0] < list.length()) {
                columns.add(identifier(list, p));
            }
        }
        return new Header(schema, table, List.copyOf(columns), list);
    }

    private static String identifier(String text, int[] pos) throws IOException {
        int i = pos[0];
        if (i < text.length() && text.charAt(i) == '"') {
            StringBuilder name = new StringBuilder();
            i++;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        name.append('"');
                        i += 2;
                        continue;
                    }
                    pos[0] = i + 1;
                    return name.toString();
                }
                name.append(c);
                i++;
            }
            throw new IOException("unterminated quoted identifier in COPY header: " + text);
        }
        int start = i;
        while (i < text.length() && text.charAt(i) != '.' && text.charAt(i) != ' ' && text.charAt(i) != ','
                && text.charAt(i) != '(') {
            i++;
        }
        if (i == start) {
            throw new IOException("missing identifier in COPY header: " + text);
        }
        pos[0] = i;
        return text.substring(start, i);
    }
}
