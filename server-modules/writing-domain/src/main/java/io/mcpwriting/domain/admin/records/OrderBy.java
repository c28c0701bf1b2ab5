package io.mcpwriting.domain.admin.records;

import io.mcpwriting.mcp.tool.Arg;

/** One sort key of db_query_records. */
public record OrderBy(
        @Arg(value = "column", required = true, description = "Column to sort by") String column,
        @Arg(value = "direction", allowed = {"ASC", "DESC"}, description = "ASC (default) or DESC") String direction) {
}
