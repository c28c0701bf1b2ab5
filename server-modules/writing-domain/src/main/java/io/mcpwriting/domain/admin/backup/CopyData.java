package io.mcpwriting.domain.admin.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the data part of a dump as PostgreSQL's tools write it ({@code pg_restore --data-only} output, and the
 * incremental backups this server writes in the same form): {@code COPY schema.table (columns) FROM stdin;}
 * followed by rows in COPY text format and a {@code \.} line, plus {@code SELECT pg_catalog.setval(...)} lines.
 * In incremental backups a comment line {@code -- mcp-incremental: <part>} before a block says what it holds.
 * Lines are handled as bytes (ISO-8859-1 round trip) so that row data passes through unchanged.
 */
public final class CopyData {

    static final String END = "\\.";
    /** Starts the comment line that names the part of an incremental backup the next block holds. */
    static final String PART_MARK = "-- mcp-incremental: ";

    private CopyData() {
    }

    /** What a block holds of its table. */
    public enum Part {
        /** Every row (the blocks of pg_dump, and tables an incremental backup holds whole). */
        WHOLE_TABLE,
        /** The rows written since an incremental backup's base. */
        CHANGED_ROWS,
        /** The primary keys of every row at the backup's snapshot: rows with other keys were deleted. */
        KEYS;

        /** The marker line written before a block of this part. */
        String marker() {
            return PART_MARK + name().toLowerCase(Locale.ROOT);
        }

        static Part ofMarker(String line) {
            for (Part p : values()) {
                if (p.marker().equals(line)) {
                    return p;
                }
            }
            return null;
        }
    }

    /** A COPY block's header: its table, the columns in the order of the rows, and what part of the table it is. */
    public record Header(String schema, String table, List<String> columns, String columnList, Part part) {
    }

    /** A block's table, part and number of rows. */
    public record Block(String table, Part part, long rows) {
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
        Part marked = null;
        while ((line = reader.readLine()) != null) {
            if (inCopy) {
                if (line.equals(END)) {
                    inCopy = false;
                    visitor.end();
                } else {
                    visitor.row(line);
                }
                continue;
            }
            if (line.startsWith("COPY ") && line.endsWith(" FROM stdin;")) {
                visitor.header(parseHeader(utf8(line), marked == null ? Part.WHOLE_TABLE : marked), line);
                inCopy = true;
            } else if (line.startsWith("SELECT pg_catalog.setval(")) {
                visitor.setval(line);
            }
            marked = Part.ofMarker(line);
        }
        if (inCopy) {
            throw new IOException("the data ends inside a COPY block (the backup is truncated)");
        }
    }

    /** The blocks of a data stream with their row counts, in order. */
    public static List<Block> count(InputStream data) throws IOException {
        List<Block> blocks = new ArrayList<>();
        scan(data, new Visitor() {
            Header current;
            long rows;

            @Override
            public void header(Header header, String line) {
                current = header;
                rows = 0;
            }

            @Override
            public void row(String line) {
                rows++;
            }

            @Override
            public void end() {
                blocks.add(new Block(current.table(), current.part(), rows));
            }
        });
        return blocks;
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
        return parseHeader(line, Part.WHOLE_TABLE);
    }

    private static Header parseHeader(String line, Part part) throws IOException {
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
        return new Header(schema, table, List.copyOf(columns), list, part);
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
