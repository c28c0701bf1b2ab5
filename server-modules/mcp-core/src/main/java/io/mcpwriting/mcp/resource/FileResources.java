package io.mcpwriting.mcp.resource;

import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import io.mcpwriting.mcp.tool.ToolException;

/** A produced file as MCP resource contents: text for text MIME types, base64 otherwise. */
public final class FileResources {

    /** Names in {@link String#compareTo} order, the order the listing's keys are compared in. */
    private static final Comparator<Path> BY_NAME = Comparator.comparing(f -> f.getFileName().toString());

    /** The largest file read whole into one message. */
    public static final long MAX_READ_BYTES = 32L << 20;

    private FileResources() {
    }

    /** A link to {@code file} at {@code uriPrefix + its name}. */
    public static FileLink link(String uriPrefix, Path file, String title) {
        try {
            String name = file.getFileName().toString();
            return new FileLink(uriPrefix + name, name, title, MimeTypes.of(name), Files.size(file), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One page of a directory's files for a {@link ResourceList}: the regular files whose name {@code accept}s and
     * sorts after {@code after}, in name order, at most {@code limit}, with their sizes. A missing directory has none.
     * The directory is read whole for each page (the servers' file directories hold files by the hundred, not more).
     */
    public static List<ResourceEntry> list(Path dir, String after, int limit, Predicate<String> accept) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> candidates;
        try (Stream<Path> files = Files.list(dir)) {
            candidates = files.filter(f -> f.getFileName().toString().compareTo(after) > 0
                    && accept.test(f.getFileName().toString())).sorted(BY_NAME).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir.getFileName(), e);
        }
        List<ResourceEntry> page = new ArrayList<>();
        for (Path file : candidates) {
            if (page.size() == limit) {
                break;
            }
            try {
                if (Files.isRegularFile(file)) {
                    page.add(ResourceEntry.file(file.getFileName().toString(), Files.size(file)));
                }
            } catch (IOException e) {
                // removed while listed: not there any more
            }
        }
        return page;
    }

    /** A file's body by its MIME type; a missing or too large file is the client's to fix. */
    public static ResourceBody body(Path file, String argument) {
        String name = file.getFileName().toString();
        try {
            if (!Files.isRegularFile(file)) {
                throw ToolException.notFound("file", name);
            }
            if (Files.size(file) > MAX_READ_BYTES) {
                throw ToolException.invalid(argument, name + " is larger than " + (MAX_READ_BYTES >> 20)
                        + " MB, more than one message should carry; copy it from the server instead");
            }
            String mime = MimeTypes.of(name);
            byte[] bytes = Files.readAllBytes(file);
            return MimeTypes.isText(mime) ? ResourceBody.text(mime, new String(bytes, StandardCharsets.UTF_8))
                    : ResourceBody.blob(mime, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    public static McpSchema.ResourceContents contents(FileLink file) {
        try {
            byte[] bytes = Files.readAllBytes(file.path());
            return contents(file.uri(), file.isText() ? ResourceBody.text(file.mimeType(),
                    new String(bytes, StandardCharsets.UTF_8)) : ResourceBody.blob(file.mimeType(), bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.name(), e);
        }
    }

    public static McpSchema.ResourceContents contents(String uri, ResourceBody body) {
        return body.isText() ? new McpSchema.TextResourceContents(uri, body.mimeType(), body.text())
                : new McpSchema.BlobResourceContents(uri, body.mimeType(), Base64.getEncoder().encodeToString(body.blob()));
    }
}
