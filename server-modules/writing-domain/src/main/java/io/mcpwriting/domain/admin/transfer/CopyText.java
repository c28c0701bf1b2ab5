package io.mcpwriting.domain.admin.transfer;

import java.io.IOException;
import java.io.OutputStream;

/**
 * PostgreSQL's COPY text format, on UTF-8 bytes: a backslash escapes itself and the characters that would end
 * a field or a row (every escape is ASCII, so multi-byte characters pass through untouched).
 */
final class CopyText {

    private CopyText() {
    }

    /** Writes one field as COPY FROM reads it back unchanged. */
    static void writeField(byte[] field, OutputStream out) throws IOException {
        int clean = 0;
        for (int i = 0; i < field.length; i++) {
            byte escaped = switch (field[i]) {
                case '\\' -> '\\';
                case '\n' -> 'n';
                case '\r' -> 'r';
                case '\t' -> 't';
                default -> 0;
            };
            if (escaped != 0) {
                out.write(field, clean, i - clean);
                out.write('\\');
                out.write(escaped);
                clean = i + 1;
            }
        }
        out.write(field, clean, field.length - clean);
    }

    /**
     * Decodes, in place, the one field of a row COPY TO sent: the row's final newline is dropped and the escapes
     * are undone ({@code \\}, {@code \n} and the other letters, octal {@code \123}, hex {@code \x4F}).
     * Returns the decoded length.
     */
    static int decodeRow(byte[] row) {
        int end = row.length > 0 && row[row.length - 1] == '\n' ? row.length - 1 : row.length;
        int out = 0;
        int i = 0;
        while (i < end) {
            byte b = row[i++];
            if (b != '\\' || i == end) {
                row[out++] = b;
                continue;
            }
            byte next = row[i++];
            switch (next) {
                case 'b' -> row[out++] = '\b';
                case 'f' -> row[out++] = '\f';
                case 'n' -> row[out++] = '\n';
                case 'r' -> row[out++] = '\r';
                case 't' -> row[out++] = '\t';
                case 'v' -> row[out++] = 0x0B;
                case 'x' -> {
                    int value = 0;
                    int digits = 0;
                    while (digits < 2 && i < end && Character.digit(row[i], 16) >= 0) {
                        value = value * 16 + Character.digit(row[i++], 16);
                        digits++;
                    }
                    row[out++] = digits == 0 ? (byte) 'x' : (byte) value;
                }
                default -> {
                    if (next >= '0' && next <= '7') {
                        int value = next - '0';
                        for (int digits = 1; digits < 3 && i < end && row[i] >= '0' && row[i] <= '7'; digits++) {
                            value = value * 8 + (row[i++] - '0');
                        }
                        row[out++] = (byte) value;
                    } else {
                        row[out++] = next;
                    }
                }
            }
        }
        return out;
    }
}
