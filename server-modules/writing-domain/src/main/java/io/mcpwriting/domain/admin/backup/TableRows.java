package io.mcpwriting.domain.admin.backup;

/** The rows a backup's data holds of one table, as reports list them ({@code {"name": ..., "rows": ...}}). */
public record TableRows(String name, long rows) {
}
