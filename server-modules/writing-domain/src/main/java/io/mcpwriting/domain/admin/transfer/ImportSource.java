package io.mcpwriting.domain.admin.transfer;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/** The rows of an import file, read one at a time so that a file of any size passes in constant memory. */
interface ImportSource extends Closeable {

    /**
     * A row of the file: its number as errors report it (JSON: element number; CSV: line), and its column values,
     * or why it cannot be a row at all.
     */
    record Row(long number, Map<String, Object> values, String refusal) {

        static Row of(long number, Map<String, Object> values) {
            return new Row(number, values, null);
        }

        static Row refused(long number, String reason) {
            return new Row(number, null, reason);
        }
    }

    /** The next row, or null after the last. Fails (naming the file argument) when the file is malformed. */
    Row next() throws IOException;
}
