package io.mcpwriting.domain.admin.backup;

import io.mcpwriting.mcp.tool.ErrorKind;
import io.mcpwriting.mcp.tool.ToolException;
import java.util.function.Supplier;

/**
 * Where backup code meets the MCP layer (the backup tools, the export and import tools, the file resources): a
 * {@link BackupException} becomes the tool error a client sees, with the same message.
 */
public final class BackupToolErrors {

    private BackupToolErrors() {
    }

    /** The tool error of a backup failure: its message, and the error type of its reason. */
    public static ToolException toolError(BackupException e) {
        ErrorKind kind = switch (e.reason()) {
            case INVALID -> ErrorKind.VALIDATION;
            case NOT_FOUND -> ErrorKind.NOT_FOUND;
            case CONFLICT -> ErrorKind.CONFLICT;
            case UNAVAILABLE -> ErrorKind.DATABASE_UNAVAILABLE;
            case FAILED -> ErrorKind.INTERNAL;
        };
        return new ToolException(kind, e.getMessage());
    }

    /** Runs backup code for a tool; what it fails with is thrown as the tool error. */
    public static <T> T translated(Supplier<T> work) {
        try {
            return work.get();
        } catch (BackupException e) {
            throw toolError(e);
        }
    }
}
