package io.mcpwriting.domain.admin.schema;

import java.util.List;

/** A foreign key of a live table: {@code columns} of {@code table} reference {@code referencedColumns}. */
public record ForeignKey(String name, String table, List<String> columns, String referencedTable,
        List<String> referencedColumns, String onDelete, String onUpdate) {
}
