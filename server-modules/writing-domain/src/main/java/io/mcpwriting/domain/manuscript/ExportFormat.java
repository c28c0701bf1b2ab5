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
    STANDARD_MANUSCRIPT("rtf", "standard_manuscript"),
    /** Standard manuscript format as DOCX (Times New Roman 12 pt, double-spaced, running header). Beyond the reference. */
    DOCX("docx", "docx_standard_manuscript"),
    /** EPUB 3, a chapter per document, with a table of contents. Beyond the reference. */
    EPUB("epub", "epub3");

    final String extension;
    final String template;

    ExportFormat(String extension, String template) {
        this.extension = extension;
        this.template = template;
    }

    /** The file's bytes: text formats in UTF-8, RTF in 7-bit ASCII (by construction), DOCX and EPUB as ZIP. */
    byte[] render(Manuscript manuscript, boolean includeMetadata) {
        return switch (this) {
            case TXT -> utf8(PlainTextRenderer.render(manuscript, includeMetadata));
            case MD -> utf8(MarkdownRenderer.render(manuscript, includeMetadata));
            case RTF -> ascii(RtfRenderer.book(manuscript, includeMetadata));
            case STANDARD_MANUSCRIPT -> ascii(RtfRenderer.standardManuscript(manuscript, includeMetadata));
            case DOCX -> DocxRenderer.render(manuscript, includeMetadata);
            case EPUB -> EpubRenderer.render(manuscript, includeMetadata);
        };
    }

    private static byte[] utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
