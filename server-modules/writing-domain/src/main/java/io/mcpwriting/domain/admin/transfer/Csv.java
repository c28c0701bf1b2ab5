package io.mcpwriting.domain.admin.transfer;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * CSV as RFC 4180 defines it, with PostgreSQL's NULL convention: an empty unquoted field is NULL, a quoted empty
 * field ({@code ""}) is the empty string. Written with fields quoted when they hold a comma, quote, line break,
 * leading/trailing space, or are empty strings; read by Apache Commons CSV from CRLF, LF or lone CR line ends, with
 * a UTF-8 byte-order mark ignored, and text after a closing quote ({@code "abc"def}) refused rather than glued on.
 */
public final class Csv {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setQuoteMode(QuoteMode.ALL_NON_NULL) // with no null string this reads ,, as NULL and "" as empty
            .setNullString(null)
            .setIgnoreEmptyLines(true)
            .setTrailingData(false)
            .get();

    private static final char BYTE_ORDER_MARK = '\uFEFF';

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

    /** Parses all records; fails with the line number on malformed quoting, and beyond {@code maxRows}. */
    public static List<Row> read(Reader source, int maxRows) throws IOException {
        String text = readAll(source);
        if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
            text = text.substring(1);
        }
        List<Row> rows = new ArrayList<>();
        LineCounter lines = new LineCounter(text);
        try (CSVParser parser = CSVParser.builder().setReader(new java.io.StringReader(text)).setFormat(FORMAT).get()) {
            for (CSVRecord record : parser) {
                if (rows.size() == maxRows) {
                    throw new IOException("more than " + maxRows + " rows");
                }
                rows.add(new Row(lines.lineAt(record.getCharacterPosition()),
                        Collections.unmodifiableList(new ArrayList<>(record.toList()))));
            }
        } catch (UncheckedIOException e) {
            throw new IOException(shorten(e.getCause().getMessage()), e.getCause());
        } catch (IOException e) {
            throw new IOException(shorten(e.getMessage()), e);
        }
        return rows;
    }

    private static String readAll(Reader source) throws IOException {
        StringBuilder b = new StringBuilder();
        char[] buffer = new char[8192];
        int n;
        while ((n = source.read(buffer)) != -1) {
            b.append(buffer, 0, n);
        }
        return b.toString();
    }

    /** Commons CSV's messages, without the parser state they append. */
    private static String shorten(String message) {
        if (message == null) {
            return "malformed CSV";
        }
        int state = message.indexOf(" at line:");
        return state < 0 ? message : message.substring(0, state) + " (" + message.substring(state + 4)
                .replaceFirst(",? *position: *\\d+.*$", "").replace("line: ", "line ").strip() + ")";
    }

    /** The 1-based line of a character position; CRLF, LF and a lone CR each end a line. */
    private static final class LineCounter {
        private final String text;
        private int position;
        private int line = 1;

        LineCounter(String text) {
            this.text = text;
        }

        int lineAt(long target) {
            while (position < target && position < text.length()) {
                char c = text.charAt(position++);
                if (c == '\n' || c == '\r' && (position >= text.length() || text.charAt(position) != '\n')) {
                    line++;
                }
            }
            return line;
        }
    }
}
