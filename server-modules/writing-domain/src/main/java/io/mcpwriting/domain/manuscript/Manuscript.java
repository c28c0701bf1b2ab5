package io.mcpwriting.domain.manuscript;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A book ready to render: its front matter and its chapters, each a list of scenes, each a list of
 * paragraphs. Built from the stored chapters and the written content of their scenes (cut scenes left out).
 */
record Manuscript(String title, String subtitle, String author, String authorEmail, String seriesTitle,
                  int bookNumber, List<String> genres, String purpose, String exportedOn, List<Chapter> chapters) {

    private static final Pattern BLANK_LINE = Pattern.compile("\\R[ \\t\\x0B\\f]*\\R");
    private static final Pattern LINE = Pattern.compile("\\R");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]");

    record Chapter(int number, String title, String summary, List<List<String>> scenes) {

        /** The chapter's planning summary, if it has one (shown with include_metadata). */
        boolean hasSummary() {
            return summary != null && !summary.isBlank();
        }

        boolean hasContent() {
            return !scenes.isEmpty();
        }

        /** "Chapter 3: The Crossing", or "Chapter 3" without a title. */
        String heading() {
            return title == null || title.isBlank() ? "Chapter " + number : "Chapter " + number + ": " + title.strip();
        }
    }

    int wordCount() {
        int words = 0;
        for (Chapter chapter : chapters) {
            for (List<String> scene : chapter.scenes()) {
                for (String paragraph : scene) {
                    words += words(paragraph);
                }
            }
        }
        return words;
    }

    int sceneCount() {
        return chapters.stream().mapToInt(c -> c.scenes().size()).sum();
    }

    /** Pages of a standard manuscript, at the customary 250 words a page. */
    int estimatedPages() {
        return (wordCount() + 249) / 250;
    }

    static int words(String text) {
        int count = 0;
        for (String token : text.strip().split("\\s+")) {
            if (WORD.matcher(token).find()) {
                count++;
            }
        }
        return count;
    }

    /**
     * Paragraphs of a scene's text: separated by blank lines when the text has any, else one per line.
     * Blank paragraphs are dropped; inner whitespace runs of a paragraph become single spaces.
     */
    static List<String> paragraphs(String content) {
        Pattern separator = BLANK_LINE.matcher(content).find() ? BLANK_LINE : LINE;
        List<String> paragraphs = new ArrayList<>();
        for (String part : separator.split(content)) {
            String paragraph = part.strip().replaceAll("\\s+", " ");
            if (!paragraph.isEmpty()) {
                paragraphs.add(paragraph);
            }
        }
        return paragraphs;
    }

    @SuppressWarnings("unchecked")
    static Manuscript from(Map<String, Object> data, String purpose, String exportedOn) {
        Map<String, Object> book = (Map<String, Object>) data.get("book");
        List<Chapter> chapters = new ArrayList<>();
        for (Map<String, Object> chapter : (List<Map<String, Object>>) data.get("chapters")) {
            List<List<String>> scenes = new ArrayList<>();
            for (Object content : (List<Object>) chapter.get("scenes")) {
                List<String> paragraphs = paragraphs((String) content);
                if (!paragraphs.isEmpty()) {
                    scenes.add(paragraphs);
                }
            }
            chapters.add(new Chapter(((Number) chapter.get("chapter_number")).intValue(), (String) chapter.get("title"),
                    (String) chapter.get("summary"), scenes));
        }
        return new Manuscript((String) book.get("title"), (String) book.get("subtitle"), (String) data.get("author"),
                (String) data.get("author_email"), (String) data.get("series_title"),
                ((Number) book.get("book_number")).intValue(), (List<String>) data.get("genres"), purpose, exportedOn,
                chapters);
    }
}
