package io.mcpwriting.domain.admin.records;

import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.domain.admin.schema.Column;
import io.mcpwriting.domain.admin.schema.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Client values reach PostgreSQL as one bound {@code jsonb} document and are converted there by
 * {@code jsonb_populate_record} into the column's own type (numbers, text, timestamps, arrays from JSON arrays,
 * jsonb from objects), exactly as an INSERT of that record would. Malformed values fail with PostgreSQL's
 * conversion error, reported as a validation error.
 */
public final class Values {

    private Values() {
    }

    /** A scalar sub-select yielding {@code value} converted to the column's type. */
    public static SqlPart typed(Table table, Column column, Object value) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put(column.name(), value);
        return new SqlPart().append("(SELECT " + column.quoted() + " FROM jsonb_populate_record(NULL::"
                + table.quoted() + ", ").bind("?::jsonb", Json.write(record)).append("))");
    }

    /** A sub-select of {@code values} converted to the column's type (for IN). */
    public static SqlPart typedList(Table table, Column column, List<?> values) {
        List<Map<String, Object>> records = values.stream().map(v -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put(column.name(), v);
            return r;
        }).toList();
        return new SqlPart().append("SELECT " + column.quoted() + " FROM jsonb_populate_recordset(NULL::"
                + table.quoted() + ", ").bind("?::jsonb", Json.write(records)).append(")");
    }
}
