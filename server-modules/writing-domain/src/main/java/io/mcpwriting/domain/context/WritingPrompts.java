package io.mcpwriting.domain.context;

import io.mcpwriting.domain.StoredJson;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.prompt.Prompt;
import io.mcpwriting.mcp.prompt.PromptReply;
import io.mcpwriting.mcp.resource.ResourceBody;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Writing workflows as prompts: each gives the assistant its task and embeds the resources it needs, read
 * exactly as {@code resources/read} would give them.
 */
@ApplicationScoped
public class WritingPrompts {

    private static final String JSON = "application/json";

    @Inject
    Db db;

    @Inject
    StoryResources story;

    @Inject
    StoryBible bible;

    @Prompt(name = "plan_next_chapter", title = "Plan the next chapter",
            description = "Plan the next chapter of a book from its chapters so far and the series' story bible.")
    public PromptReply planNextChapter(@Arg(value = "book_id", required = true, description = "The book") int bookId) {
        Map<String, Object> book = row("""
                SELECT jsonb_build_object('series_id', b.series_id, 'title', b.title,
                    'next', coalesce(max(ch.chapter_number), 0) + 1)
                FROM books b LEFT JOIN chapters ch ON ch.book_id = b.id WHERE b.id = ? GROUP BY b.id""", "book", bookId);
        int seriesId = ((Number) book.get("series_id")).intValue();
        return PromptReply.builder("Plan chapter " + book.get("next") + " of " + book.get("title"))
                .user("Plan chapter " + book.get("next") + " of the book \"" + book.get("title") + "\" (book_id "
                        + bookId + "). Propose its title, point-of-view character, purpose, the scenes with their "
                        + "goals and conflicts, and which open plot threads it advances. Keep it consistent with the "
                        + "chapters so far and the story bible below. When the author agrees, record it with "
                        + "book_create_chapter and create_scene.")
                .resource("writing://books/" + bookId, ResourceBody.text(JSON, story.book(bookId).json()))
                .resource("writing://series/" + seriesId + "/bible",
                        ResourceBody.text(StoryResources.MARKDOWN, bible.markdown(seriesId)))
                .build();
    }

    @Prompt(name = "draft_scene", title = "Draft a scene",
            description = "Draft a scene's text with its context: the scene's plan, its chapter, the point-of-view "
                    + "character's knowledge, details and arc, and the series' locations and open threads.")
    public PromptReply draftScene(@Arg(value = "scene_id", required = true, description = "The scene") int sceneId,
            @Arg(value = "style", description = "Notes on voice or style for this draft") String style) {
        Map<String, Object> scene = row("""
                SELECT jsonb_build_object('chapter_id', sc.chapter_id, 'pov', sc.pov_character_id,
                    'book_id', b.id, 'series_id', b.series_id, 'number', sc.scene_number)
                FROM chapter_scenes sc JOIN chapters ch ON ch.id = sc.chapter_id JOIN books b ON b.id = ch.book_id
                WHERE sc.id = ?""", "scene", sceneId);
        int chapterId = ((Number) scene.get("chapter_id")).intValue();
        int seriesId = ((Number) scene.get("series_id")).intValue();
        PromptReply.Builder reply = PromptReply.builder("Draft scene " + scene.get("number"))
                .user("Draft the text of scene " + scene.get("number") + " (scene_id " + sceneId + ") from its plan "
                        + "below. Write from the point of view given, and let that character know only what the "
                        + "knowledge list says they know by this chapter, and move them along their arc for this "
                        + "book (book_id " + scene.get("book_id") + ") among the character's arcs. Use the locations "
                        + "and open plot threads of the story bible; contradict nothing in the chapter so far."
                        + (style == null || style.isBlank() ? "" : " Style: " + style.strip())
                        + " When the author accepts the draft, save it with update_scene (scene_content).")
                .resource("writing://scenes/" + sceneId, ResourceBody.text(JSON, story.scene(sceneId).json()))
                .resource("writing://chapters/" + chapterId, story.chapter(chapterId));
        if (scene.get("pov") != null) {
            int pov = ((Number) scene.get("pov")).intValue();
            reply.resource("writing://characters/" + pov, ResourceBody.text(JSON, story.character(pov).json()));
        }
        return reply.resource("writing://series/" + seriesId + "/bible",
                ResourceBody.text(StoryResources.MARKDOWN, bible.markdown(seriesId))).build();
    }

    @Prompt(name = "continuity_review", title = "Continuity review of a chapter",
            description = "Review a chapter for continuity against the story bible: characters, knowledge, places, "
                    + "world rules and plot threads.")
    public PromptReply continuityReview(@Arg(value = "chapter_id", required = true, description = "The chapter")
            int chapterId) {
        int seriesId = seriesOfChapter(chapterId);
        return PromptReply.builder("Continuity review of chapter " + chapterId)
                .user("Review the chapter below for continuity errors: characters acting on knowledge they do not "
                        + "have yet, contradictions with the story bible (names, places, world rules), dropped or "
                        + "contradicted plot threads, and timeline slips. Quote each problem, say why it is one and "
                        + "suggest a fix. The tools check_character_continuity, validate_character_knowledge and "
                        + "check_world_consistency give the recorded facts.")
                .resource("writing://chapters/" + chapterId, story.chapter(chapterId))
                .resource("writing://series/" + seriesId + "/bible",
                        ResourceBody.text(StoryResources.MARKDOWN, bible.markdown(seriesId)))
                .build();
    }

    @Prompt(name = "series_bible_summary", title = "Series bible summary",
            description = "Summarise a series' story bible: the cast, the world and the threads still open.")
    public PromptReply seriesBibleSummary(@Arg(value = "series_id", required = true, description = "The series")
            int seriesId) {
        return PromptReply.builder("Story bible summary")
                .user("Summarise this series for a writer coming back to it: the main cast and what drives them, "
                        + "the world's key places and rules, and the plot threads still open, most important first. "
                        + "Point out gaps worth filling in the bible.")
                .resource("writing://series/" + seriesId, ResourceBody.text(JSON, story.series(seriesId).json()))
                .resource("writing://series/" + seriesId + "/bible",
                        ResourceBody.text(StoryResources.MARKDOWN, bible.markdown(seriesId)))
                .build();
    }

    @Prompt(name = "revise_chapter", title = "Revision pass on a chapter",
            description = "A revision pass on a chapter's written scenes, optionally with a focus (pacing, "
                    + "dialogue, prose).")
    public PromptReply reviseChapter(@Arg(value = "chapter_id", required = true, description = "The chapter")
            int chapterId, @Arg(value = "focus", description = "What to revise for, e.g. pacing, dialogue, prose")
            String focus) {
        return PromptReply.builder("Revision pass on chapter " + chapterId)
                .user("Make a revision pass on the chapter below" + (focus == null || focus.isBlank() ? ""
                        : ", focusing on " + focus.strip()) + ". For each scene, list the changes you propose with "
                        + "the passage before and after, then give the revised scene text. Keep the plot and facts "
                        + "unchanged. Saved revisions go through update_scene.")
                .resource("writing://chapters/" + chapterId, story.chapter(chapterId))
                .build();
    }

    private int seriesOfChapter(int chapterId) {
        Map<String, Object> row = row("""
                SELECT jsonb_build_object('series_id', b.series_id)
                FROM chapters ch JOIN books b ON b.id = ch.book_id WHERE ch.id = ?""", "chapter", chapterId);
        return ((Number) row.get("series_id")).intValue();
    }

    private Map<String, Object> row(String query, String what, int id) {
        String json = db.read(sql -> sql.text(query, id));
        if (json == null) {
            throw ToolException.notFound(what, id);
        }
        return StoredJson.object(json);
    }
}
