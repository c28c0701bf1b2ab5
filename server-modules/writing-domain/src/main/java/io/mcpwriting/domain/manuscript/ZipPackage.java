package io.mcpwriting.domain.manuscript;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The ZIP container of DOCX and EPUB: entries added in order, text as UTF-8; XML text escaped here. */
final class ZipPackage {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8);

    /** An entry stored uncompressed (EPUB's mimetype must be the first entry, stored). */
    ZipPackage stored(String name, String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        return put(entry, data);
    }

    ZipPackage add(String name, String text) {
        return put(new ZipEntry(name), text.getBytes(StandardCharsets.UTF_8));
    }

    private ZipPackage put(ZipEntry entry, byte[] data) {
        try {
            zip.putNextEntry(entry);
            zip.write(data);
            zip.closeEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: does not happen
        }
    }

    byte[] finish() {
        try {
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text as XML character data or attribute value; characters XML 1.0 cannot hold are dropped. */
    static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
