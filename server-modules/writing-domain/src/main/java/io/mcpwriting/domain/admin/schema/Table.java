package io.mcpwriting.domain.admin.schema;

import io.mcpwriting.mcp.tool.ToolException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A table (or view) of the live {@code public} schema as the catalog describes it.
 *
 * @param kind       {@code table}, {@code view} or {@code materialized_view}
 * @param privileges what the application role may do: SELECT, INSERT, UPDATE, DELETE
 * @param details    indexes, unique and check constraints and triggers, as the catalog reported them
 */
public record Table(String name, String kind, String comment, Long estimatedRows, List<Column> columns,
        List<String> primaryKey, List<List<String>> uniqueKeys, List<ForeignKey> foreignKeys, Set<String> privileges,
        Map<String, Object> details) {

    /** The column that marks a row as deleted without removing it (soft delete). */
    public static final String SOFT_DELETE_COLUMN = "deleted_at";

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** The named column, or a validation error naming the argument, the table and the unknown name. */
    public Column requireColumn(String argument, String columnName) {
        return column(columnName).orElseThrow(() -> ToolException.invalid(argument,
                "table " + name + " has no column " + Names.shown(columnName)
                        + " (db_list_table_columns lists its columns)"));
    }

    /** {@code "public"."name"}: the only form in which a table name enters generated SQL. */
    public String quoted() {
        return Identifiers.quote("public") + "." + Identifiers.quote(name);
    }

    public boolean isView() {
        return !"table".equals(kind);
    }

    /** Soft delete needs a nullable timestamp column {@code deleted_at}. */
    public boolean supportsSoftDelete() {
        return column(SOFT_DELETE_COLUMN).filter(c -> c.timestamp() && c.nullable()).isPresent();
    }

    public boolean may(String privilege) {
        return privileges.contains(privilege);
    }

    /** The order rows are read in when the caller gives none: the primary key, else the first column. */
    public List<String> naturalOrder() {
        return primaryKey.isEmpty() ? List.of(columns.get(0).name()) : primaryKey;
    }
}
