package io.mcpwriting.domain.admin.transfer;

import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.mcp.tool.ToolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The rows of a JSON import file, parsed as a stream: an array of row objects, or an object whose
 * {@code records} holds that array (as db_export_json writes it; its other members are read past). Keys are
 * column names. The whole document must be valid JSON, to its end.
 */
final class JsonSource implements ImportSource {

    static final String ARGUMENT = "jsonFile";
    private static final String SHAPE = "expected an array of row objects or {\"records\": [...]}";

    private final String fileName;
    private final JsonParser parser;
    private boolean inRecords;
    private long number;

    JsonSource(Path file) throws IOException {
        this.fileName = file.getFileName().toString();
        this.parser = Json.parser(Files.newBufferedReader(file, StandardCharsets.UTF_8));
        try {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw invalid();
            }
            if (first == JsonToken.START_ARRAY) {
                inRecords = true;
            } else if (first == JsonToken.START_OBJECT) {
                inRecords = seekRecords();
            }
            if (!inRecords) {
                throw ToolException.invalid(ARGUMENT, SHAPE);
            }
        } catch (JacksonException e) {
            parser.close();
            throw invalid();
        } catch (RuntimeException e) {
            parser.close();
            throw e;
        }
    }

    @Override
    public Row next() {
        try {
            if (!inRecords) {
                return null;
            }
            if (parser.nextToken() == JsonToken.END_ARRAY) {
                inRecords = false;
                finishDocument();
                return null;
            }
            long row = ++number;
            Object item = Json.value(parser);
            if (!(item instanceof Map<?, ?> m)) {
                return Row.refused(row, "not an object of column values");
            }
            Map<String, Object> values = new LinkedHashMap<>();
            m.forEach((k, v) -> values.put(String.valueOf(k), v));
            return Row.of(row, values);
        } catch (JacksonException e) {
            throw invalid();
        }
    }

    /** Moves past the members of the top-level object up to its {@code records} array; false when it has none. */
    private boolean seekRecords() {
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("records".equals(name) && value == JsonToken.START_ARRAY) {
                return true;
            }
            parser.skipChildren();
        }
        return false;
    }

    /** After the rows: the rest of the top-level object, then nothing but the end of the file. */
    private void finishDocument() {
        if (parser.streamReadContext().inObject()) {
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                parser.nextToken();
                parser.skipChildren();
            }
        }
        if (parser.nextToken() != null) {
            throw invalid();
        }
    }

    private ToolException invalid() {
        return ToolException.invalid(ARGUMENT, fileName + " is not valid JSON");
    }

    @Override
    public void close() {
        parser.close();
    }
}
