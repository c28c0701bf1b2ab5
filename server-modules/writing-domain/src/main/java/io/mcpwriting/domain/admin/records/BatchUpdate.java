package io.mcpwriting.domain.admin.records;

import io.mcpwriting.mcp.tool.Arg;
import java.util.Map;

/** One item of db_batch_update: which rows, and the values to set on them. */
public record BatchUpdate(
        @Arg(value = "where", required = true, description = "Conditions selecting the rows, as in db_update_records")
        Map<String, Object> where,
        @Arg(value = "data", required = true, description = "Column values to set") Map<String, Object> data) {
}
