package io.mcpwriting.mcp.tool;

/** Why a tool call failed; the name is the {@code error_type} seen in metrics and logs. */
public enum ErrorKind {
    /** The arguments do not fit the tool's schema or its rules. */
    VALIDATION,
    /** A row the call refers to does not exist. */
    NOT_FOUND,
    /** The call would duplicate or contradict stored data. */
    CONFLICT,
    /** The database or its pooler cannot be reached; the client may retry later. */
    DATABASE_UNAVAILABLE,
    /** The server is busy (its bulkhead is full); the client may retry shortly. */
    RATE_LIMITED,
    /** The result is larger than the server returns; the same call can never succeed: narrow it. */
    RESULT_TOO_LARGE,
    /** The client cancelled the call (notifications/cancelled); its transaction was rolled back. */
    CANCELLED,
    /** Anything else: a defect on our side. The client sees a reference, never the detail. */
    INTERNAL;

    public String type() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
