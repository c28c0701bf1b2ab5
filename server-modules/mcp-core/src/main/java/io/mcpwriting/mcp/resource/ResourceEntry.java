package io.mcpwriting.mcp.resource;

/**
 * One concrete resource a {@link ResourceList} method lists: its key (the template variable's value), its
 * programmatic name, a title for people, and, when they differ from the template's or are known cheaply, its MIME
 * type and size in bytes (null otherwise).
 */
public record ResourceEntry(String key, String name, String title, String mimeType, Long size) {

    /** A row by its id; MIME type as the template's, size unknown. */
    public static ResourceEntry row(long id, String name, String title) {
        return new ResourceEntry(Long.toString(id), name, title, null, null);
    }

    /** A file by its name (also its title: the name is what people know it by), MIME type by extension, size. */
    public static ResourceEntry file(String fileName, long size) {
        return new ResourceEntry(fileName, fileName, fileName, MimeTypes.of(fileName), size);
    }
}
