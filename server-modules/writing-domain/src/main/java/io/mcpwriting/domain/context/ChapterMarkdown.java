package io.mcpwriting.domain.context;

import java.util.List;
import java.util.Map;

/** A chapter as Markdown: heading, summary, then each scene's written text (or its summary while unwritten). */
final class ChapterMarkdown {

    private ChapterMarkdown() {
    }

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> chapter) {
        StringBuilder out = new StringBuilder();
        out.append("# Chapter ").append(chapter.get("chapter_number"));
        if (present(chapter.get("title"))) {
            out.append(": ").append(chapter.get("title"));
        }
        out.append("\n\n*").append(chapter.get("book_title")).append("*");
        if (present(chapter.get("pov"))) {
            out.append(" · POV: ").append(chapter.get("pov"));
        }
        if (present(chapter.get("status"))) {
            out.append(" · ").append(chapter.get("status"));
        }
        out.append("\n\n");
        if (present(chapter.get("summary"))) {
            out.append("> ").append(chapter.get("summary").toString().strip().replace("\n", "\n> ")).append("\n\n");
        }
        for (Map<String, Object> scene : (List<Map<String, Object>>) chapter.get("scenes")) {
            out.append("## Scene ").append(scene.get("scene_number"));
            if (present(scene.get("title"))) {
                out.append(": ").append(scene.get("title"));
            }
            out.append("\n\n");
            if (present(scene.get("content"))) {
                out.append(scene.get("content").toString().strip()).append("\n\n");
            } else {
                out.append("*(not written yet").append(present(scene.get("summary"))
                        ? "; planned: " + scene.get("summary").toString().strip() : "").append(")*\n\n");
            }
        }
        return out.toString();
    }

    static boolean present(Object value) {
        return value != null && !value.toString().isBlank();
    }
}
