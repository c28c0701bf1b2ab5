package io.mcpwriting.domain.manuscript;

import io.mcpwriting.domain.StoredJson;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.resource.Resource;
import io.mcpwriting.mcp.resource.ResourceBody;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;

/** A whole book's manuscript in Markdown, as export_manuscript writes it, without writing a file. */
@ApplicationScoped
public class ManuscriptResource {

    @Inject
    Db db;

    @Resource(uri = "writing://books/{book_id}/manuscript", name = "book_manuscript", title = "Manuscript",
            description = "A book's manuscript in Markdown: front matter, then every chapter with the written text "
                    + "of its scenes (scenes marked cut left out).", mimeType = "text/markdown; charset=utf-8")
    public ResourceBody manuscript(@Arg(value = "book_id", required = true, description = "Book id") int bookId) {
        String content = db.read(sql -> sql.text(ManuscriptExportTools.CONTENT, null, null, null, bookId));
        if (content == null) {
            throw ToolException.notFound("book", bookId);
        }
        Manuscript manuscript = Manuscript.from(StoredJson.object(content), "review", LocalDate.now().toString());
        return ResourceBody.text("text/markdown; charset=utf-8", MarkdownRenderer.render(manuscript, true));
    }
}
