package io.mcpwriting.domain.manuscript;

import java.util.List;
import java.util.regex.Pattern;

/** Markdown: YAML front matter for the metadata, "#" title, "##" chapters, "* * *" scene breaks. */
final class MarkdownRenderer {

    /** Paragraph starts that Markdown would read as a heading, quote, list item or rule. */
    private static final Pattern BLOCK_START = Pattern.compile("^(#|>|[-+*](\\s|$)|=|`{3}|~{3})");
    /** An ordered-list start ("1. ", "2) "), escaped at its punctuation. */
    private static final Pattern NUMBERED = Pattern.compile("^(\\d+)([.)])(?=\\s|$)");

    private MarkdownRenderer() {
    }

    static String render(Manuscript m, boolean includeMetadata) {
        StringBuilder out = new StringBuilder();
        if (includeMetadata) {
            out.append("---\n");
            yaml(out, "title", m.title());
            if (m.subtitle() != null && !m.subtitle().isBlank()) {
                yaml(out, "subtitle", m.subtitle().strip());
            }
            yaml(out, "author", m.author());
            yaml(out, "series", m.seriesTitle());
            out.append("book_number: ").append(m.bookNumber()).append('\n');
            out.append("genres: [");
            for (int i = 0; i < m.genres().size(); i++) {
                out.append(i == 0 ? "" : ", ").append(quoted(m.genres().get(i)));
            }
            out.append("]\n");
            out.append("word_count: ").append(m.wordCount()).append('\n');
            out.append("chapters: ").append(m.chapters().size()).append('\n');
            out.append("scenes: ").append(m.sceneCount()).append('\n');
            yaml(out, "exported", m.exportedOn());
            yaml(out, "purpose", m.purpose());
            out.append("---\n\n");
        }
        out.append("# ").append(inline(m.title())).append("\n\n");
        if (m.subtitle() != null && !m.subtitle().isBlank()) {
            out.append("## ").append(inline(m.subtitle().strip())).append("\n\n");
        }
        out.append("*by ").append(inline(m.author())).append("*\n\n");
        for (Manuscript.Chapter chapter : m.chapters()) {
            out.append("## ").append(inline(chapter.heading())).append("\n\n");
            if (includeMetadata && chapter.hasSummary()) {
                out.append("*Summary: ").append(inline(chapter.summary().strip().replaceAll("\\s+", " "))).append("*\n\n");
            }
            if (!chapter.hasContent()) {
                out.append('*').append(inline(Metadata.unwritten(chapter))).append("*\n\n");
            }
            List<List<String>> scenes = chapter.scenes();
            for (int s = 0; s < scenes.size(); s++) {
                if (s > 0) {
                    out.append("* * *\n\n");
                }
                for (String paragraph : scenes.get(s)) {
                    out.append(block(paragraph)).append("\n\n");
                }
            }
        }
        return out.toString();
    }

    private static void yaml(StringBuilder out, String key, String value) {
        out.append(key).append(": ").append(quoted(value == null ? "" : value)).append('\n');
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** A paragraph kept as prose: a start Markdown would take for structure is escaped. */
    private static String block(String paragraph) {
        if (BLOCK_START.matcher(paragraph).find()) {
            return "\\" + paragraph;
        }
        return NUMBERED.matcher(paragraph).replaceFirst("$1\\\\$2");
    }

    /** Text inside a heading or emphasis: characters that would change its markup are escaped. */
    private static String inline(String text) {
        return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("#", "\\#")
                .replace("[", "\\[").replace("]", "\\]");
    }
}
