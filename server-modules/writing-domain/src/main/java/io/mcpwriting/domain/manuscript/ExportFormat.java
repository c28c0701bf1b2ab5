package io.mcpwriting.domain.manuscript;

/** The manuscript formats export_manuscript writes, each with its file extension and layout. */
public enum ExportFormat {
    /** Plain UTF-8 text. */
    TXT("txt", "plain_text"),
    /** Markdown with YAML front matter for the metadata. */
    MD("md", "markdown"),
    /** Rich Text Format, laid out as a book (Times New Roman, chapters on new pages). */
    RTF("rtf", "rtf_book"),
    /** Standard manuscript format for submissions (Courier 12 pt, double-spaced, running header), as RTF. */
    STANDARD_MANUSCRIPT("rtf", "standard_manuscript");

    final String extension;
    final String template;

    ExportFormat(String extension, String template) {
        this.extension = extension;
        this.template = template;
    }

    String render(Manuscript manuscript, boolean includeMetadata) {
        return switch (this) {
            case TXT -> PlainTextRenderer.render(manuscript, includeMetadata);
            case MD -> MarkdownRenderer.render(manuscript, includeMetadata);
            case RTF -> RtfRenderer.book(manuscript, includeMetadata);
            case STANDARD_MANUSCRIPT -> RtfRenderer.standardManuscript(manuscript, includeMetadata);
        };
    }
}
