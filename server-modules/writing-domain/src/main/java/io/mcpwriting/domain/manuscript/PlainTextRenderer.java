package io.mcpwriting.domain.manuscript;

import java.util.List;

/** Plain text: a title block, optional metadata, then chapters with blank-line paragraphs and "* * *" breaks. */
final class PlainTextRenderer {

    private PlainTextRenderer() {
    }

    static String render(Manuscript m, boolean includeMetadata) {
        StringBuilder out = new StringBuilder();
        out.append(m.title()).append('\n');
        if (m.subtitle() != null && !m.subtitle().isBlank()) {
            out.append(m.subtitle().strip()).append('\n');
        }
        out.append("by ").append(m.author()).append("\n\n");
        if (includeMetadata) {
            for (String line : Metadata.lines(m)) {
                out.append(line).append('\n');
            }
            out.append('\n');
        }
        out.append("=".repeat(40)).append("\n\n");
        for (Manuscript.Chapter chapter : m.chapters()) {
            out.append(chapter.heading()).append("\n\n");
            if (includeMetadata && chapter.hasSummary()) {
                out.append("Summary: ").append(chapter.summary().strip().replaceAll("\\s+", " ")).append("\n\n");
            }
            if (!chapter.hasContent()) {
                out.append(Metadata.unwritten(chapter)).append("\n\n");
            }
            List<List<String>> scenes = chapter.scenes();
            for (int s = 0; s < scenes.size(); s++) {
                if (s > 0) {
                    out.append("* * *\n\n");
                }
                for (String paragraph : scenes.get(s)) {
                    out.append(paragraph).append("\n\n");
                }
            }
            out.append('\n');
        }
        out.append("THE END\n");
        return out.toString();
    }
}
