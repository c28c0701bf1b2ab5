package io.mcpwriting.domain.manuscript;

import io.mcpwriting.mcp.resource.FileResources;
import io.mcpwriting.mcp.resource.Resource;
import io.mcpwriting.mcp.resource.ResourceBody;
import io.mcpwriting.mcp.resource.ResourceEntry;
import io.mcpwriting.mcp.resource.ResourceList;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
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

    @Inject
    @ConfigProperty(name = "mcp.export.dir")
    Optional<String> exportDir;

    static Path directory(Optional<String> configured) {
        return Path.of(configured.filter(d -> !d.isBlank())
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "mcp-exports").toString()));
    }

    @Resource(uri = "writing://exports/{file_name}", name = "manuscript_export", title = "Manuscript export",
            description = "A file export_manuscript wrote (txt, md, rtf, docx, epub), by the file_name it returned.",
            mimeType = "") // five types: each file's is in its listing and its read
    public ResourceBody read(@Arg(value = "file_name", required = true, description = "The export's file name")
            String fileName) {
        if (!isPlainName(fileName)) {
            throw ToolException.invalid("file_name", "must be a plain file name of the exports directory");
        }
        return FileResources.body(directory(exportDir).resolve(fileName), "file_name");
    }

    @ResourceList("manuscript_export")
    public List<ResourceEntry> list(String afterName, int limit) {
        return FileResources.list(directory(exportDir), afterName, limit, ExportFiles::isPlainName);
    }

    private static boolean isPlainName(String fileName) {
        return FILE_NAME.matcher(fileName).matches() && !fileName.contains("..");
    }
}
