package io.mcpwriting.domain.admin.transfer;

import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.domain.admin.schema.Column;
import io.mcpwriting.domain.admin.schema.Names;
import io.mcpwriting.domain.admin.schema.Table;
import io.mcpwriting.mcp.tool.ToolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a CSV import file. With a header, its first record names the columns (each must be a column of the
 * table, once); without, the fields are the table's non-generated columns in order. Values stay text for the
 * database to convert, except that json columns are parsed here (so that a malformed one is reported by row).
 */
final class CsvSource implements ImportSource {

    static final String ARGUMENT = "csvFile";

    private final Table table;
    private final String fileName;
    private final Csv.RowReader reader;
    private final List<Column> header;

    CsvSource(Table table, Path file, boolean hasHeaders) throws IOException {
        this.table = table;
        this.fileName = file.getFileName().toString();
        this.reader = Csv.reader(Files.newBufferedReader(file, StandardCharsets.UTF_8));
        try {
            this.header = hasHeaders ? readHeader()
                    : table.columns().stream().filter(c -> !c.generated()).toList();
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    private List<Column> readHeader() throws IOException {
        Csv.Row first = read();
        if (first == null) {
            throw ToolException.invalid(ARGUMENT, "the file is empty; expected a header row");
        }
        List<Column> columns = new ArrayList<>();
        for (String field : first.fields()) {
            String name = field == null ? "" : field.strip();
            Column c = table.column(name).orElseThrow(() -> ToolException.invalid(ARGUMENT, "header names "
                    + Names.shown(name) + ", which is not a column of " + table.name()));
            if (columns.contains(c)) {
                throw ToolException.invalid(ARGUMENT, "header names column " + c.name() + " twice");
            }
            columns.add(c);
        }
        return columns;
    }

    @Override
    public Row next() throws IOException {
        Csv.Row r = read();
        if (r == null) {
            return null;
        }
        if (r.fields().size() != header.size()) {
            return Row.refused(r.line(), "has " + r.fields().size() + " fields, expected " + header.size());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            Column c = header.get(i);
            String text = r.fields().get(i);
            if (text != null && c.json()) {
                try {
                    values.put(c.name(), Json.value(text));
                } catch (RuntimeException e) {
                    return Row.refused(r.line(), "column " + c.name() + " is not valid JSON");
                }
            } else {
                values.put(c.name(), text);
            }
        }
        return Row.of(r.line(), values);
    }

    private Csv.Row read() {
        try {
            return reader.next();
        } catch (IOException e) {
            throw ToolException.invalid(ARGUMENT, fileName + " is not readable CSV: " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
