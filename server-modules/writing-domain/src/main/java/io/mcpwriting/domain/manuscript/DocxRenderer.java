package io.mcpwriting.domain.manuscript;

import static io.mcpwriting.domain.manuscript.ZipPackage.xml;

import java.util.List;
import java.util.Locale;

/**
 * DOCX (Office Open XML) in standard manuscript layout, the format agents and publishers ask for: Times New
 * Roman 12 pt, double-spaced, 1-inch margins, half-inch first-line indents, a running header "Surname / KEYWORD /
 * page" from the second page on, contact details and a rounded word count on the title page, each chapter on a
 * new page a third of the way down, "#" scene breaks and "END" at the close.
 */
final class DocxRenderer {

    private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private static final String R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String PKG = "http://schemas.openxmlformats.org/package/2006/relationships";

    private DocxRenderer() {
    }

    static byte[] render(Manuscript m, boolean includeMetadata) {
        return new ZipPackage()
                .add("[Content_Types].xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                        <Default Extension="xml" ContentType="application/xml"/>
                        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
                        <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
                        <Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
                        <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
                        </Types>""")
                .add("_rels/.rels", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <Relationships xmlns="%s">
                        <Relationship Id="rId1" Type="%s/officeDocument" Target="word/document.xml"/>
                        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
                        </Relationships>""".formatted(PKG, R))
                .add("docProps/core.xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">
                        <dc:title>%s</dc:title><dc:creator>%s</dc:creator></cp:coreProperties>""".formatted(
                        xml(m.title()), xml(m.author())))
                .add("word/_rels/document.xml.rels", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <Relationships xmlns="%s">
                        <Relationship Id="rIdStyles" Type="%s/styles" Target="styles.xml"/>
                        <Relationship Id="rIdHeader" Type="%s/header" Target="header1.xml"/>
                        </Relationships>""".formatted(PKG, R, R))
                .add("word/styles.xml", STYLES)
                .add("word/header1.xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <w:hdr xmlns:w="%s"><w:p><w:pPr><w:jc w:val="right"/><w:spacing w:line="240" w:lineRule="auto"/>
                        <w:ind w:firstLine="0"/></w:pPr><w:r><w:t xml:space="preserve">%s / %s / </w:t></w:r>
                        <w:fldSimple w:instr=" PAGE "><w:r><w:t>2</w:t></w:r></w:fldSimple></w:p></w:hdr>""".formatted(
                        W, xml(Metadata.surname(m.author())), xml(Metadata.keyword(m.title()))))
                .add("word/document.xml", document(m, includeMetadata))
                .finish();
    }

    private static final String STYLES = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:styles xmlns:w="%s">
            <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"
             w:cs="Times New Roman" w:eastAsia="Times New Roman"/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:rPrDefault>
            <w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="480" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>
             <w:pPr><w:ind w:firstLine="720"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Centered"><w:name w:val="Centered"/><w:basedOn w:val="Normal"/>
             <w:pPr><w:jc w:val="center"/><w:ind w:firstLine="0"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Contact"><w:name w:val="Contact"/><w:basedOn w:val="Normal"/>
             <w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Centered"/>
             <w:pPr><w:keepNext/><w:pageBreakBefore/><w:spacing w:before="4320"/><w:outlineLvl w:val="0"/></w:pPr></w:style>
            </w:styles>""".formatted(W);

    private static String document(Manuscript m, boolean includeMetadata) {
        StringBuilder body = new StringBuilder();
        body.append(paragraph("Contact", m.author()));
        if (m.authorEmail() != null && !m.authorEmail().isBlank()) {
            body.append(paragraph("Contact", m.authorEmail().strip()));
        }
        if (includeMetadata) {
            body.append(paragraph("Contact", m.seriesTitle() + ", book " + m.bookNumber()));
            if (!m.genres().isEmpty()) {
                body.append(paragraph("Contact", String.join(", ", m.genres())));
            }
        }
        body.append(paragraph("Contact", Metadata.approximateWords(m.wordCount())));
        body.append("<w:p><w:pPr><w:pStyle w:val=\"Centered\"/><w:spacing w:before=\"4320\"/></w:pPr>")
                .append(run(m.title().toUpperCase(Locale.ROOT))).append("</w:p>");
        if (m.subtitle() != null && !m.subtitle().isBlank()) {
            body.append(paragraph("Centered", m.subtitle().strip()));
        }
        body.append(paragraph("Centered", "by " + m.author()));
        for (Manuscript.Chapter chapter : m.chapters()) {
            body.append(paragraph("Heading1", "Chapter " + chapter.number()));
            if (chapter.title() != null && !chapter.title().isBlank()) {
                body.append(paragraph("Centered", chapter.title().strip()));
            }
            if (includeMetadata && chapter.hasSummary()) {
                body.append(paragraph("Centered", "Summary: " + chapter.summary().strip().replaceAll("\\s+", " ")));
            }
            body.append(paragraph("Centered", ""));
            if (!chapter.hasContent()) {
                body.append(paragraph("Centered", Metadata.unwritten(chapter)));
            }
            List<List<String>> scenes = chapter.scenes();
            for (int s = 0; s < scenes.size(); s++) {
                if (s > 0) {
                    body.append(paragraph("Centered", "#"));
                }
                for (String text : scenes.get(s)) {
                    body.append(paragraph("Normal", text));
                }
            }
        }
        body.append(paragraph("Centered", "")).append(paragraph("Centered", "END"));
        // a letter-size page with 1-inch margins; no header on the title page
        body.append("<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>")
                .append("<w:pgSz w:w=\"12240\" w:h=\"15840\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" ")
                .append("w:left=\"1440\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/><w:titlePg/></w:sectPr>");
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"" + W
                + "\" xmlns:r=\"" + R + "\"><w:body>" + body + "</w:body></w:document>";
    }

    private static String paragraph(String style, String text) {
        return "<w:p><w:pPr><w:pStyle w:val=\"" + style + "\"/></w:pPr>" + (text.isEmpty() ? "" : run(text)) + "</w:p>";
    }

    private static String run(String text) {
        return "<w:r><w:t xml:space=\"preserve\">" + xml(text) + "</w:t></w:r>";
    }
}
