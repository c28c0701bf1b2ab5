package io.mcpwriting.domain.manuscript;

import io.mcpwriting.mcp.resource.FileLink;
import io.mcpwriting.mcp.resource.MimeTypes;
import io.mcpwriting.mcp.resource.Resource;
import io.mcpwriting.mcp.resource.ResourceBody;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The manuscript exports directory as resources ({@code writing://exports/{file_name}}), so that a remote
 * client receives what export_manuscript wrote: text formats as text, the others as base64 blobs.
 */
@ApplicationScoped
public class ExportFiles {

    static final String URI_PREFIX = "writing://exports/";
    /** Plain file names only: no directories, no dot-files. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}");
    /** The largest file read whole into one message. */
    static final long MAX_READ_BYTES = 32L << 20;

    @Inject
    @ConfigProperty(name = "mcp.export.dir")
    Optional<String> exportDir;

    static Path directory(Optional<String> configured) {
        return Path.of(configured.filter(d -> !d.isBlank())
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "mcp-exports").toString()));
    }

    static FileLink link(Path file, String title) {
        try {
            String name = file.getFileName().toString();
            return new FileLink(URI_PREFIX + name, name, title, MimeTypes.of(name), Files.size(file), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Resource(uri = "writing://exports/{file_name}", name = "manuscript_export", title = "Manuscript export",
            description = "A file export_manuscript wrote (txt, md, rtf, docx, epub), by the file_name it returned.",
            mimeType = "application/octet-stream")
    public ResourceBody read(@Arg(value = "file_name", required = true, description = "The export's file name")
            String fileName) {
        if (!FILE_NAME.matcher(fileName).matches() || fileName.contains("..")) {
            throw ToolException.invalid("file_name", "must be a plain file name of the exports directory");
        }
        Path file = directory(exportDir).resolve(fileName);
        try {
            if (!Files.isRegularFile(file)) {
                throw ToolException.notFound("export file", fileName);
            }
            if (Files.size(file) > MAX_READ_BYTES) {
                throw ToolException.invalid("file_name", fileName + " is larger than " + (MAX_READ_BYTES >> 20)
                        + " MB; fetch it from the server's exports directory instead");
            }
            String mime = MimeTypes.of(fileName);
            byte[] bytes = Files.readAllBytes(file);
            return MimeTypes.isText(mime) ? ResourceBody.text(mime, new String(bytes, StandardCharsets.UTF_8))
                    : ResourceBody.blob(mime, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read export " + fileName, e);
        }
    }
}
