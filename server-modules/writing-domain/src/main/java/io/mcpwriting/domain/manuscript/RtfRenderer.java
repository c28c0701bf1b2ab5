package io.mcpwriting.domain.manuscript;

import java.util.List;
import java.util.Locale;

/**
 * Rich Text Format (RTF 1.x), pure 7-bit ASCII: braces and backslashes are escaped, every non-ASCII
 * character is written as {@code \\uN?} (N the signed 16-bit UTF-16 unit, "?" the fallback for old readers).
 */
final class RtfRenderer {

    /** 1 inch in twips. */
    private static final int INCH = 1440;

    private RtfRenderer() {
    }

    /** A book layout: Times New Roman 12 pt, title page, each chapter on a new page, "* * *" scene breaks. */
    static String book(Manuscript m, boolean includeMetadata) {
        StringBuilder out = new StringBuilder();
        out.append("{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1\n");
        out.append("{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}}\n");
        out.append("{\\info{\\title ").append(escape(m.title())).append("}{\\author ").append(escape(m.author()))
                .append("}}\n");
        page(out);
        out.append("\\f0\\fs24\n");
        out.append("\\pard\\qc\\sb2880\\sa240{\\b\\fs48 ").append(escape(m.title())).append("}\\par\n");
        if (m.subtitle() != null && !m.subtitle().isBlank()) {
            out.append("\\pard\\qc\\sa240{\\fs32 ").append(escape(m.subtitle().strip())).append("}\\par\n");
        }
        out.append("\\pard\\qc\\sa480{\\fs28 by ").append(escape(m.author())).append("}\\par\n");
        if (includeMetadata) {
            for (String line : Metadata.lines(m)) {
                out.append("\\pard\\qc\\sa60{\\fs20 ").append(escape(line)).append("}\\par\n");
            }
        }
        for (Manuscript.Chapter chapter : m.chapters()) {
            out.append("\\page\n\\pard\\qc\\sb1440\\sa480{\\b\\fs32 ").append(escape(chapter.heading()))
                    .append("}\\par\n");
            if (includeMetadata && chapter.hasSummary()) {
                out.append("\\pard\\qc\\sa240{\\i ").append(escape("Summary: " + chapter.summary().strip()))
                        .append("}\\par\n");
            }
            if (!chapter.hasContent()) {
                out.append("\\pard\\qc{\\i ").append(escape(Metadata.unwritten(chapter))).append("}\\par\n");
            }
            scenes(out, chapter.scenes(), "\\pard\\qj\\fi360\\sa120 ", "\\pard\\qc\\sb120\\sa240 * * *\\par\n");
        }
        out.append("}\n");
        return out.toString();
    }

    /**
     * Standard manuscript format: Courier New 12 pt, double-spaced, 1-inch margins, half-inch paragraph
     * indents, a running header "Surname / TITLE / page" from page 2, contact block and rounded word count on
     * the title page, chapters starting a third down a new page, "#" scene breaks and "END" at the close.
     */
    static String standardManuscript(Manuscript m, boolean includeMetadata) {
        String surname = Metadata.surname(m.author());
        StringBuilder out = new StringBuilder();
        out.append("{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1\n");
        out.append("{\\fonttbl{\\f0\\fmodern\\fcharset0 Courier New;}}\n");
        out.append("{\\info{\\title ").append(escape(m.title())).append("}{\\author ").append(escape(m.author()))
                .append("}}\n");
        page(out);
        out.append("\\titlepg\n");
        out.append("{\\header\\pard\\qr\\f0\\fs24 ").append(escape(surname)).append(" / ")
                .append(escape(Metadata.keyword(m.title()))).append(" / \\chpgn\\par}\n");
        out.append("{\\headerf\\pard\\par}\n");
        out.append("\\f0\\fs24\n");
        out.append("\\pard\\ql ").append(escape(m.author())).append("\\par\n");
        if (m.authorEmail() != null && !m.authorEmail().isBlank()) {
            out.append("\\pard\\ql ").append(escape(m.authorEmail())).append("\\par\n");
        }
        if (includeMetadata) {
            out.append("\\pard\\ql ").append(escape(m.seriesTitle() + ", book " + m.bookNumber())).append("\\par\n");
            if (!m.genres().isEmpty()) {
                out.append("\\pard\\ql ").append(escape(String.join(", ", m.genres()))).append("\\par\n");
            }
        }
        out.append("\\pard\\qr ").append(escape(Metadata.approximateWords(m.wordCount()))).append("\\par\n");
        out.append("\\pard\\qc\\sb").append(3 * INCH).append("\\sl480\\slmult1 ")
                .append(escape(m.title().toUpperCase(Locale.ROOT))).append("\\par\n");
        if (m.subtitle() != null && !m.subtitle().isBlank()) {
            out.append("\\pard\\qc\\sl480\\slmult1 ").append(escape(m.subtitle().strip())).append("\\par\n");
        }
        out.append("\\pard\\qc\\sl480\\slmult1 by ").append(escape(m.author())).append("\\par\n");
        for (Manuscript.Chapter chapter : m.chapters()) {
            out.append("\\page\n\\pard\\qc\\sb").append(2 * INCH).append("\\sl480\\slmult1 ")
                    .append(escape("Chapter " + chapter.number())).append("\\par\n");
            if (chapter.title() != null && !chapter.title().isBlank()) {
                out.append("\\pard\\qc\\sl480\\slmult1 ").append(escape(chapter.title().strip())).append("\\par\n");
            }
            if (includeMetadata && chapter.hasSummary()) {
                out.append("\\pard\\qc\\sl480\\slmult1 ").append(escape("Summary: " + chapter.summary().strip()))
                        .append("\\par\n");
            }
            out.append("\\pard\\qc\\sl480\\slmult1\\par\n");
            if (!chapter.hasContent()) {
                out.append("\\pard\\qc\\sl480\\slmult1 ").append(escape(Metadata.unwritten(chapter))).append("\\par\n");
            }
            scenes(out, chapter.scenes(), "\\pard\\ql\\fi720\\sl480\\slmult1 ", "\\pard\\qc\\sl480\\slmult1 #\\par\n");
        }
        out.append("\\pard\\qc\\sl480\\slmult1\\par\n\\pard\\qc\\sl480\\slmult1 END\\par\n}\n");
        return out.toString();
    }

    private static void page(StringBuilder out) {
        out.append("\\paperw12240\\paperh15840\\margl").append(INCH).append("\\margr").append(INCH)
                .append("\\margt").append(INCH).append("\\margb").append(INCH).append('\n');
    }

    private static void scenes(StringBuilder out, List<List<String>> scenes, String paragraphStart, String sceneBreak) {
        for (int s = 0; s < scenes.size(); s++) {
            if (s > 0) {
                out.append(sceneBreak);
            }
            for (String paragraph : scenes.get(s)) {
                out.append(paragraphStart).append(escape(paragraph)).append("\\par\n");
            }
        }
    }

    /** Text as RTF: control characters of RTF escaped, tabs as \tab, non-ASCII as \\uN?. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '{' || c == '}') {
                out.append('\\').append(c);
            } else if (c == '\t') {
                out.append("\\tab ");
            } else if (c == '\n' || c == '\r') {
                out.append("\\line ");
            } else if (c < 0x20 || c == 0x7f) {
                continue;
            } else if (c < 0x80) {
                out.append(c);
            } else {
                out.append("\\u").append((int) (short) c).append('?');
            }
        }
        return out.toString();
    }
}
