package io.mcpwriting.domain.admin.transfer;

import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.domain.admin.records.RecordSql;
import io.mcpwriting.domain.admin.schema.Column;
import io.mcpwriting.domain.admin.schema.Table;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An export file's shape: what COPY sends for a row, and how the file holds the rows. */
enum ExportFormat {

    /**
     * {@code {table, exported_at, columns, records: [...], count}}; each record is the row's {@code to_jsonb},
     * which COPY sends in its text format (escaped, so decoded on the way).
     */
    JSON("json", "db_import_json") {
        @Override
        String selectList(Table table, String alias) {
            return RecordSql.rowJson(alias, null);
        }

        @Override
        String copyOptions() {
            return "";
        }

        @Override
        void begin(OutputStream out, Table table, Instant exportedAt) throws IOException {
            Map<String, Object> head = new LinkedHashMap<>();
            head.put("table", table.name());
            head.put("exported_at", exportedAt.toString());
            head.put("columns", columnNames(table));
            String json = Json.write(head);
            write(out, json.substring(0, json.length() - 1) + ",\"records\":[");
        }

        @Override
        void row(OutputStream out, byte[] copied, long index) throws IOException {
            if (index > 0) {
                out.write(',');
            }
            out.write('\n');
            out.write(copied, 0, CopyText.decodeRow(copied));
        }

        @Override
        void end(OutputStream out, long count) throws IOException {
            write(out, "\n],\"count\":" + count + "}\n");
        }
    },

    /**
     * A header row, then COPY's CSV: values in PostgreSQL's text form, NULL as an empty unquoted field, the empty
     * string as {@code ""}; rows end in CRLF as RFC 4180 has it (COPY ends them in LF).
     */
    CSV("csv", "db_import_csv") {
        @Override
        String selectList(Table table, String alias) {
            return RecordSql.columnList(table.columns(), alias + ".");
        }

        @Override
        String copyOptions() {
            return " (FORMAT csv)";
        }

        @Override
        void begin(OutputStream out, Table table, Instant exportedAt) throws IOException {
            StringWriter header = new StringWriter();
            Csv.writeRow(header, columnNames(table));
            write(out, header.toString());
        }

        @Override
        void row(OutputStream out, byte[] copied, long index) throws IOException {
            int length = copied.length;
            if (length > 0 && copied[length - 1] == '\n') {
                length--;
            }
            out.write(copied, 0, length);
            out.write('\r');
            out.write('\n');
        }

        @Override
        void end(OutputStream out, long count) {
        }
    };

    final String extension;
    final String importTool;

    ExportFormat(String extension, String importTool) {
        this.extension = extension;
        this.importTool = importTool;
    }

    /** What the COPY query selects for a row of {@code table} (aliased {@code alias}). */
    abstract String selectList(Table table, String alias);

    /** The options after {@code COPY (...) TO STDOUT}. */
    abstract String copyOptions();

    abstract void begin(OutputStream out, Table table, Instant exportedAt) throws IOException;

    /** Writes the {@code index}th row (from 0) as COPY sent it; may change {@code copied}. */
    abstract void row(OutputStream out, byte[] copied, long index) throws IOException;

    abstract void end(OutputStream out, long count) throws IOException;

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> columnNames(Table table) {
        return table.columns().stream().map(Column::name).toList();
    }
}
