package io.mcpwriting.domain.admin.transfer;

import java.io.Closeable;
import java.io.FilterReader;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * CSV as RFC 4180 defines it, with PostgreSQL's NULL convention: an empty unquoted field is NULL, a quoted empty
 * field ({@code ""}) is the empty string. Written with fields quoted when they hold a comma, quote, line break,
 * leading/trailing space, or are empty strings; read by Apache Commons CSV, one record at a time, from CRLF, LF or
 * lone CR line ends, with a UTF-8 byte-order mark ignored, and text after a closing quote ({@code "abc"def})
 * refused rather than glued on.
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
    public record Row(long line, List<String> fields) {
    }

    /** Reads {@code source} one record at a time; close it to close the source. */
    public static RowReader reader(Reader source) throws IOException {
        return new RowReader(source);
    }

    /** Records one at a time, so that a file of any size is read in constant memory. */
    public static final class RowReader implements Closeable {
        private final LineCounter lines;
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;

        private RowReader(Reader source) throws IOException {
            PushbackReader in = new PushbackReader(source, 1);
            int first = in.read();
            if (first != -1 && first != BYTE_ORDER_MARK) {
                in.unread(first);
            }
            lines = new LineCounter(in);
            parser = CSVParser.builder().setReader(lines).setFormat(FORMAT).get();
            records = parser.iterator();
        }

        /** The next record, or null after the last; fails with the line number on malformed quoting. */
        public Row next() throws IOException {
            try {
                if (!records.hasNext()) {
                    return null;
                }
                CSVRecord record = records.next();
                return new Row(lines.lineAt(record.getCharacterPosition()),
                        Collections.unmodifiableList(new ArrayList<>(record.toList())));
            } catch (UncheckedIOException e) {
                throw new IOException(shorten(e.getCause().getMessage()), e.getCause());
            }
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }
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

    /**
     * Notes where lines end as the parser reads through it, so that a record's character position gives its line
     * (1-based); CRLF, LF and a lone CR each end a line. Only the ends not yet passed are kept.
     */
    private static final class LineCounter extends FilterReader {
        private final ArrayDeque<Long> lineEnds = new ArrayDeque<>();
        private long position;
        private boolean afterCr;
        private long line = 1;

        LineCounter(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            char[] one = new char[1];
            return read(one, 0, 1) == -1 ? -1 : one[0];
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = 0; i < n; i++) {
                char c = buffer[offset + i];
                if (afterCr && c != '\n') {
                    lineEnds.add(position - 1); // the CR before stood alone
                }
                if (c == '\n') {
                    lineEnds.add(position);
                }
                afterCr = c == '\r';
                position++;
            }
            if (n == -1 && afterCr) {
                lineEnds.add(position - 1);
                afterCr = false;
            }
            return n;
        }

        long lineAt(long characterPosition) {
            while (!lineEnds.isEmpty() && lineEnds.peekFirst() < characterPosition) {
                lineEnds.removeFirst();
                line++;
            }
            return line;
        }
    }
}
