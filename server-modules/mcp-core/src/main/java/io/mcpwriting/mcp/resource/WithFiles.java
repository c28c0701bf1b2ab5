package io.mcpwriting.mcp.resource;

import java.util.List;

/** A tool result (JSON text or any value) together with the files it produced. */
public record WithFiles(Object value, List<FileLink> files) {

    public static WithFiles of(Object value, FileLink... files) {
        return new WithFiles(value, List.of(files));
    }
}
