package io.mcpwriting.mcp.resource;

import java.util.Locale;
import java.util.Map;

/** The MIME types of the files the servers write, by extension. */
public final class MimeTypes {

    private static final Map<String, String> BY_EXTENSION = Map.of(
            "txt", "text/plain; charset=utf-8",
            "md", "text/markdown; charset=utf-8",
            "json", "application/json",
            "csv", "text/csv; charset=utf-8",
            "rtf", "application/rtf",
            "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "epub", "application/epub+zip",
            "dump", "application/octet-stream");

    private MimeTypes() {
    }

    public static String of(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return BY_EXTENSION.getOrDefault(ext, "application/octet-stream");
    }

    public static boolean isText(String mimeType) {
        return mimeType.startsWith("text/") || mimeType.startsWith("application/json")
                || mimeType.startsWith("application/rtf");
    }
}
