package io.mcpwriting.domain.manuscript;

import static io.mcpwriting.domain.manuscript.ZipPackage.xml;

import java.util.List;
import java.util.UUID;

/**
 * EPUB 3: one XHTML document per chapter, a navigation document (and an NCX for EPUB 2 readers), the metadata as
 * Dublin Core in the package document; scene breaks as centered "* * *".
 */
final class EpubRenderer {

    private static final String XHTML = "http://www.w3.org/1999/xhtml";

    private EpubRenderer() {
    }

    static byte[] render(Manuscript m, boolean includeMetadata) {
        String id = "urn:uuid:" + UUID.nameUUIDFromBytes((m.title() + "\n" + m.author() + "\n" + m.seriesTitle())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ZipPackage epub = new ZipPackage()
                .stored("mimetype", "application/epub+zip")
                .add("META-INF/container.xml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
                        <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
                        </container>""")
                .add("OEBPS/style.css", """
                        body { font-family: serif; line-height: 1.5; }
                        h1, h2, .title, .break { text-align: center; }
                        p { text-indent: 1.5em; margin: 0; }
                        p.break, p.meta, p.summary { text-indent: 0; margin: 1em 0; }
                        p.summary { font-style: italic; }""")
                .add("OEBPS/title.xhtml", page(m.title(), titlePage(m, includeMetadata)));
        StringBuilder manifest = new StringBuilder();
        StringBuilder spine = new StringBuilder();
        StringBuilder nav = new StringBuilder();
        StringBuilder ncx = new StringBuilder();
        List<Manuscript.Chapter> chapters = m.chapters();
        for (int i = 0; i < chapters.size(); i++) {
            Manuscript.Chapter chapter = chapters.get(i);
            String file = "chapter-" + (i + 1) + ".xhtml";
            epub.add("OEBPS/" + file, page(chapter.heading(), chapter(chapter, includeMetadata)));
            manifest.append("<item id=\"c").append(i + 1).append("\" href=\"").append(file)
                    .append("\" media-type=\"application/xhtml+xml\"/>\n");
            spine.append("<itemref idref=\"c").append(i + 1).append("\"/>\n");
            nav.append("<li><a href=\"").append(file).append("\">").append(xml(chapter.heading())).append("</a></li>\n");
            ncx.append("<navPoint id=\"n").append(i + 1).append("\" playOrder=\"").append(i + 1).append("\"><navLabel><text>")
                    .append(xml(chapter.heading())).append("</text></navLabel><content src=\"").append(file)
                    .append("\"/></navPoint>\n");
        }
        epub.add("OEBPS/nav.xhtml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE html>
                <html xmlns="%s" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>Contents</title></head>
                <body><nav epub:type="toc" id="toc"><h1>Contents</h1><ol>
                %s</ol></nav></body></html>""".formatted(XHTML, nav));
        epub.add("OEBPS/toc.ncx", """
                <?xml version="1.0" encoding="UTF-8"?>
                <ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><head><meta name="dtb:uid" content="%s"/></head>
                <docTitle><text>%s</text></docTitle><navMap>
                %s</navMap></ncx>""".formatted(id, xml(m.title()), ncx));
        epub.add("OEBPS/content.opf", """
                <?xml version="1.0" encoding="UTF-8"?>
                <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id">
                <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
                <dc:identifier id="book-id">%s</dc:identifier><dc:title>%s</dc:title><dc:creator>%s</dc:creator>
                <dc:language>en</dc:language><meta property="dcterms:modified">%sT00:00:00Z</meta>
                </metadata>
                <manifest>
                <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
                <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
                <item id="css" href="style.css" media-type="text/css"/>
                <item id="title" href="title.xhtml" media-type="application/xhtml+xml"/>
                %s</manifest>
                <spine toc="ncx"><itemref idref="title"/>
                %s</spine>
                </package>""".formatted(id, xml(m.title()), xml(m.author()), m.exportedOn(), manifest, spine));
        return epub.finish();
    }

    private static String titlePage(Manuscript m, boolean includeMetadata) {
        StringBuilder b = new StringBuilder("<h1 class=\"title\">").append(xml(m.title())).append("</h1>\n");
        if (m.subtitle() != null && !m.subtitle().isBlank()) {
            b.append("<h2>").append(xml(m.subtitle().strip())).append("</h2>\n");
        }
        b.append("<p class=\"meta title\">by ").append(xml(m.author())).append("</p>\n");
        if (includeMetadata) {
            for (String line : Metadata.lines(m)) {
                b.append("<p class=\"meta\">").append(xml(line)).append("</p>\n");
            }
        }
        return b.toString();
    }

    private static String chapter(Manuscript.Chapter chapter, boolean includeMetadata) {
        StringBuilder b = new StringBuilder("<h2>").append(xml(chapter.heading())).append("</h2>\n");
        if (includeMetadata && chapter.hasSummary()) {
            b.append("<p class=\"summary\">").append(xml(chapter.summary().strip())).append("</p>\n");
        }
        if (!chapter.hasContent()) {
            b.append("<p class=\"meta\">").append(xml(Metadata.unwritten(chapter))).append("</p>\n");
        }
        List<List<String>> scenes = chapter.scenes();
        for (int s = 0; s < scenes.size(); s++) {
            if (s > 0) {
                b.append("<p class=\"break\">* * *</p>\n");
            }
            for (String paragraph : scenes.get(s)) {
                b.append("<p>").append(xml(paragraph)).append("</p>\n");
            }
        }
        return b.toString();
    }

    private static String page(String title, String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE html>
                <html xmlns="%s"><head><title>%s</title><link rel="stylesheet" type="text/css" href="style.css"/></head>
                <body>
                %s</body></html>""".formatted(XHTML, xml(title), body);
    }
}
