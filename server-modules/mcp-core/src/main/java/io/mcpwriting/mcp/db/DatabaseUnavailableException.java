package io.mcpwriting.mcp.db;

import io.mcpwriting.mcp.tool.ErrorKind;
import io.mcpwriting.mcp.tool.ToolException;

/** The database or PgBouncer cannot be reached; what the circuit breaker counts and reads retry on. */
public class DatabaseUnavailableException extends ToolException {

    public DatabaseUnavailableException() {
        super(ErrorKind.DATABASE_UNAVAILABLE, "The database is unavailable; retry later.");
    }
}
