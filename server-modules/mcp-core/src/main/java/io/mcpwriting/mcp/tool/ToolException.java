package io.mcpwriting.mcp.tool;

/** A tool failure the caller can act on; its message is shown to the client as is. */
public class ToolException extends RuntimeException {

    private final ErrorKind kind;

    public ToolException(ErrorKind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }

    public static ToolException notFound(String what, Object id) {
        return new ToolException(ErrorKind.NOT_FOUND, what + " " + id + " does not exist");
    }

    public static ToolException invalid(String argument, String problem) {
        return new ToolException(ErrorKind.VALIDATION, "Invalid argument '" + argument + "': " + problem);
    }

    public static ToolException conflict(String message) {
        return new ToolException(ErrorKind.CONFLICT, message);
    }
}
