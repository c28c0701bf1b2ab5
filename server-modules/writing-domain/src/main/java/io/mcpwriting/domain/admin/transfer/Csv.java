package io.mcpwriting.domain.admin.transfer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * CSV as RFC 4180 writes it, with PostgreSQL's NULL convention: an empty unquoted field is NULL, a quoted
 * empty field ({@code ""}) is the empty string. Fields are quoted when they hold a comma, quote, line break,
 * leading/trailing space, or are empty strings.
 */
public final class Csv {

    private Csv() {
    }

    public static void writeRow(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String f = fields.get(i);
            if (f == null) {
                continue;
            }
            boolean quote = f.isEmpty() || f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0
                    || f.indexOf('\r') >= 0 || !f.equals(f.strip());
            if (quote) {
                out.write('"');
                out.write(f.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(f);
            }
        }
        out.write("\r\n");
    }

    /** A parsed record and the line it starts on (1-based). */
    public record Row(int line, List<String> fields) {
    }

    /** Parses all records; fails with the line number on an unterminated quote. */
    public static List<Row> read(Reader source, int maxRows) throws IOException {
        BufferedReader in = new BufferedReader(source);
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        boolean any = false;
        int line = 1;
        int rowStart = 1;
        int c;
        while ((c = in.read()) != -1) {
            if (quoted) {
                if (c == '"') {
                    in.mark(1);
                    int next = in.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (next != -1) {
                            in.reset();
                        }
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    if (field.length() > 0) {
                        throw new IOException("line " + line + ": a quote inside an unquoted field");
                    }
                    quoted = true;
                    wasQuoted = true;
                    any = true;
                }
                case ',' -> {
                    fields.add(wasQuoted || field.length() > 0 ? field.toString() : null);
                    field.setLength(0);
                    wasQuoted = false;
                    any = true;
                }
                case '\r' -> {
                    // CRLF or lone CR end the record at the following '\n' or here
                }
                case '\n' -> {
                    if (any || field.length() > 0) {
                        fields.add(wasQuoted || field.length() > 0 ? field.toString() : null);
                        rows.add(new Row(rowStart, Collections.unmodifiableList(new ArrayList<>(fields))));
                        if (rows.size() > maxRows) {
                            throw new IOException("more than " + maxRows + " rows");
                        }
                    }
                    fields.clear();
                    field.setLength(0);
                    wasQuoted = false;
                    any = false;
                    line++;
                    rowStart = line;
                }
                default -> {
                    field.append((char) c);
                    any = true;
                }
            }
        }
        if (quoted) {
            throw new IOException("line " + rowStart + ": a quoted field is not closed");
        }
        if (any || field.length() > 0) {
            fields.add(wasQuoted || field.length() > 0 ? field.toString() : null);
            rows.add(new Row(rowStart, Collections.unmodifiableList(new ArrayList<>(fields))));
        }
        return rows;
    }
}
