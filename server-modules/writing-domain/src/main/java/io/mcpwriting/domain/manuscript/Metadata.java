package io.mcpwriting.domain.manuscript;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The metadata block every format can include, as label/value lines. */
final class Metadata {

    private Metadata() {
    }

    static List<String> lines(Manuscript m) {
        List<String> lines = new ArrayList<>();
        lines.add("Series: " + m.seriesTitle() + ", book " + m.bookNumber());
        lines.add("Author: " + m.author());
        if (!m.genres().isEmpty()) {
            lines.add("Genres: " + String.join(", ", m.genres()));
        }
        lines.add("Word count: " + grouped(m.wordCount()));
        lines.add("Chapters: " + m.chapters().size() + ", scenes: " + m.sceneCount());
        lines.add("Exported: " + m.exportedOn() + " (" + m.purpose().replace('_', ' ') + ")");
        return lines;
    }

    static String unwritten(Manuscript.Chapter chapter) {
        return "[Chapter " + chapter.number() + " has no written scenes yet]";
    }

    static String grouped(int number) {
        return NumberFormat.getIntegerInstance(Locale.US).format(number);
    }

    /** Standard manuscript word counts are rounded: to the nearest 100, or 1,000 from 10,000 words on. */
    static String approximateWords(int words) {
        int unit = words >= 10_000 ? 1000 : 100;
        int rounded = Math.max(unit, Math.round(words / (float) unit) * unit);
        return "about " + grouped(words == 0 ? 0 : rounded) + " words";
    }

    static String surname(String author) {
        String[] parts = author.strip().split("\\s+");
        return parts[parts.length - 1];
    }

    /** The running header's title keyword: the title's first significant word, upper-cased. */
    static String keyword(String title) {
        for (String word : title.strip().split("\\s+")) {
            String w = word.replaceAll("[^\\p{L}\\p{N}'-]", "");
            if (!w.isEmpty() && !List.of("a", "an", "the").contains(w.toLowerCase(Locale.ROOT))) {
                return w.toUpperCase(Locale.ROOT);
            }
        }
        return title.strip().toUpperCase(Locale.ROOT);
    }
}
