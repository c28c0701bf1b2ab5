package io.mcpwriting.domain.structure;

import static io.mcpwriting.domain.structure.Severity.INFO;
import static io.mcpwriting.domain.structure.Severity.WARNING;

import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** Word counts of a book, its chapters and scenes, against their targets; pace from the writing sessions. */
@ApplicationScoped
public class WordCountTools {

    /**
     * The book's totals. Its word count is the sum of its chapters' counts when they have any, else the count
     * recorded on the book.
     */
    private static final String TOTALS = """
            wc AS (SELECT book.target_word_count AS target, book.actual_word_count AS recorded_words,
                          (SELECT coalesce(sum(word_count), 0) FROM all_ch) AS chapter_words,
                          (SELECT coalesce(sum(s.word_count), 0) FROM chapter_scenes s JOIN all_ch c ON c.id = s.chapter_id)
                              AS scene_words,
                          (SELECT count(*) FROM chapter_scenes s JOIN all_ch c ON c.id = s.chapter_id) AS scenes,
                          (SELECT count(*) FROM all_ch) AS chapters,
                          (SELECT coalesce(sum(target_word_count), 0) FROM all_ch) AS chapter_targets,
                          (SELECT count(*) FROM all_ch WHERE target_word_count IS NULL) AS chapters_without_target
                   FROM book),
            words AS (SELECT wc.*, CASE WHEN wc.chapter_words > 0 THEN wc.chapter_words ELSE wc.recorded_words END AS words
                      FROM wc),
            pace AS (SELECT coalesce(sum(ws.words_written), 0) AS last_30_days,
                            round(coalesce(sum(ws.words_written), 0) / 30.0, 1) AS per_day
                     FROM writing_sessions ws, p
                     WHERE ws.book_id = p.book_id AND ws.session_date > current_date - 30
                       AND ws.session_date <= current_date)""";

    private static final StructureCheck BOOK_COUNT_MISMATCH = new StructureCheck("book_count_mismatch", INFO,
            "The word count recorded on the book equals the sum of its chapters' word counts", """
            SELECT NULL, NULL, NULL,
                   format('The book records %s words, but its chapters add up to %s', w.recorded_words, w.chapter_words)
            FROM words w WHERE w.chapter_words > 0 AND w.chapter_words <> w.recorded_words""");

    private static final StructureCheck BOOK_OVER_TARGET = new StructureCheck("book_over_target", INFO,
            "The book is within its target word count", """
            SELECT NULL, NULL, NULL,
                   format('The book has %s words, %s over its target of %s', w.words, w.words - w.target, w.target)
            FROM words w WHERE w.target > 0 AND w.words > w.target""");

    private static final StructureCheck CHAPTER_OVER_TARGET = new StructureCheck("chapter_over_target", WARNING,
            "No chapter runs more than 20% over its target word count", """
            SELECT ch.id, NULL, NULL,
                   format('Chapter %s has %s words, %s%% over its target of %s', ch.chapter_number, ch.word_count,
                          round(100.0 * (ch.word_count - ch.target_word_count) / ch.target_word_count), ch.target_word_count)
            FROM ch WHERE ch.target_word_count > 0 AND ch.word_count > 1.2 * ch.target_word_count""");

    private static final StructureCheck FINISHED_CHAPTER_SHORT = new StructureCheck("finished_chapter_short", WARNING,
            "No chapter marked final or complete is more than 20% under its target word count", """
            SELECT ch.id, NULL, NULL,
                   format('Chapter %s is marked %s but has %s words, %s%% under its target of %s', ch.chapter_number,
                          ch.status, ch.word_count,
                          round(100.0 * (ch.target_word_count - ch.word_count) / ch.target_word_count), ch.target_word_count)
            FROM ch
            WHERE ch.target_word_count > 0 AND ch.word_count < 0.8 * ch.target_word_count
              AND lower(ch.status) IN ('final', 'complete', 'completed', 'done', 'published')""");

    private static final StructureCheck SCENE_OVER_TARGET = new StructureCheck("scene_over_target", INFO,
            "No scene runs more than 20% over its target word count", """
            SELECT sc.chapter_id, sc.id, NULL,
                   format('Scene %s of chapter %s has %s words, %s%% over its target of %s', sc.scene_number,
                          sc.chapter_number, sc.word_count,
                          round(100.0 * (sc.word_count - sc.target_word_count) / sc.target_word_count), sc.target_word_count)
            FROM sc WHERE sc.target_word_count > 0 AND sc.word_count > 1.2 * sc.target_word_count""");

    private static final StructureCheck NO_BOOK_TARGET = new StructureCheck("no_book_target", INFO,
            "The book has a target word count to measure against", """
            SELECT NULL, NULL, NULL, 'The book has no target_word_count; set one to get progress and pace'
            FROM words w WHERE w.target IS NULL""");

    private static final StructureCheck CHAPTER_TARGETS_VS_BOOK = new StructureCheck("chapter_targets_vs_book", WARNING,
            "When every chapter has a target, the chapter targets add up to the book's target (within 10%)", """
            SELECT NULL, NULL, NULL,
                   format('The chapter targets add up to %s words, but the book''s target is %s', w.chapter_targets, w.target)
            FROM words w
            WHERE w.target > 0 AND w.chapters > 0 AND w.chapters_without_target = 0
              AND abs(w.chapter_targets - w.target) > 0.1 * w.target""");

    private static final String BOOK = """
            (SELECT jsonb_build_object(
                'target_word_count', w.target, 'recorded_word_count', w.recorded_words,
                'chapter_word_total', w.chapter_words, 'scene_word_total', w.scene_words, 'words', w.words,
                'percent_complete', CASE WHEN w.target > 0 THEN trim_scale(round(100.0 * w.words / w.target, 1)) END,
                'remaining_words', CASE WHEN w.target IS NOT NULL THEN greatest(w.target - w.words, 0) END,
                'chapters', w.chapters, 'scenes', w.scenes)
             FROM words w)""";

    /** One row per chapter; {@code %s} is where the scene list (or nothing) goes. */
    private static final String CHAPTERS = """
            coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                    'chapter_id', ch.id, 'chapter_number', ch.chapter_number, 'title', ch.title, 'status', ch.status,
                    'word_count', ch.word_count, 'target_word_count', ch.target_word_count,
                    'percent_of_target', CASE WHEN ch.target_word_count > 0
                                              THEN trim_scale(round(100.0 * ch.word_count / ch.target_word_count, 1)) END,
                    'difference', ch.word_count - ch.target_word_count,
                    'scene_count', (SELECT count(*) FROM sc WHERE sc.chapter_id = ch.id),
                    'scene_word_total', (SELECT coalesce(sum(sc.word_count), 0) FROM sc WHERE sc.chapter_id = ch.id))
                    %s) ORDER BY ch.chapter_number) FROM ch), '[]'::jsonb)""";

    private static final String SCENES = """
            || jsonb_build_object('scenes', coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                    'scene_id', sc.id, 'scene_number', sc.scene_number, 'scene_title', sc.scene_title,
                    'writing_status', sc.writing_status, 'word_count', sc.word_count,
                    'target_word_count', sc.target_word_count,
                    'percent_of_target', CASE WHEN sc.target_word_count > 0
                                              THEN trim_scale(round(100.0 * sc.word_count / sc.target_word_count, 1)) END))
                    ORDER BY sc.scene_number) FROM sc WHERE sc.chapter_id = ch.id), '[]'::jsonb))""";

    private static final String DETAIL = """
            || jsonb_strip_nulls(jsonb_build_object(
                    'share_of_book_percent', (SELECT CASE WHEN w.chapter_words > 0
                                                          THEN trim_scale(round(100.0 * ch.word_count / w.chapter_words, 1)) END
                                              FROM words w),
                    'average_scene_words', (SELECT trim_scale(round(avg(sc.word_count), 1)) FROM sc WHERE sc.chapter_id = ch.id),
                    'scenes_without_words', (SELECT count(*) FROM sc WHERE sc.chapter_id = ch.id AND sc.word_count = 0)))""";

    private static final String TARGETS = """
            (SELECT jsonb_strip_nulls(jsonb_build_object(
                'book_target', w.target,
                'chapter_targets_total', w.chapter_targets,
                'chapters_without_target', w.chapters_without_target,
                'suggested_target_per_chapter_without_target',
                    CASE WHEN w.target IS NOT NULL AND w.chapters_without_target > 0
                         THEN greatest(w.target - w.chapter_targets, 0) / w.chapters_without_target END,
                'average_chapter_words', (SELECT round(avg(word_count)) FROM all_ch WHERE word_count > 0),
                'projected_book_words', (SELECT sum(greatest(c.word_count, coalesce(c.target_word_count, 0))) FROM all_ch c),
                'words_last_30_days', pace.last_30_days,
                'words_per_day_last_30_days', trim_scale(pace.per_day),
                'days_to_target', CASE WHEN w.target > w.words AND pace.per_day > 0
                                       THEN ceil((w.target - w.words) / pace.per_day)::int END,
                'projected_completion_date', CASE WHEN w.target > w.words AND pace.per_day > 0
                                                  THEN current_date + ceil((w.target - w.words) / pace.per_day)::int END))
             FROM words w, pace)""";

    private static final String HISTORY = """
            jsonb_build_object(
                'sessions_by_day', coalesce((SELECT jsonb_agg(jsonb_build_object('date', d.session_date,
                        'words_written', d.written, 'words_edited', d.edited, 'sessions', d.n) ORDER BY d.session_date)
                    FROM (SELECT ws.session_date, sum(ws.words_written) AS written, sum(ws.words_edited) AS edited,
                                 count(*) AS n
                          FROM writing_sessions ws, p WHERE ws.book_id = p.book_id GROUP BY ws.session_date) d),
                    '[]'::jsonb),
                'snapshots', coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                        'snapshot_date', s.snapshot_date, 'snapshot_type', s.snapshot_type, 'chapter_id', s.chapter_id,
                        'book_word_count', s.book_word_count, 'chapter_word_count', s.chapter_word_count,
                        'words_added', s.words_added, 'words_removed', s.words_removed, 'net_change', s.net_change,
                        'trigger_event', s.trigger_event)) ORDER BY s.snapshot_date, s.id)
                    FROM word_count_snapshots s, p WHERE s.book_id = p.book_id), '[]'::jsonb))""";

    /**
     * The book's manuscript exports, newest first (at most 100), each with the URI of its file as the
     * manuscript_export resource ({@code writing://exports/{file_name}}, see ExportFiles).
     */
    private static final String EXPORTS = """
            coalesce((SELECT jsonb_agg(jsonb_build_object(
                        'export_id', x.id, 'filename', x.filename, 'uri', 'writing://exports/' || x.filename,
                        'export_format', x.export_format, 'export_purpose', x.intended_use, 'export_type', x.export_type,
                        'include_metadata', x.include_metadata, 'file_size_bytes', x.file_size,
                        'total_word_count', x.total_word_count, 'estimated_pages', x.total_pages,
                        'chapters_included', to_jsonb(x.chapters_included), 'warning', x.export_notes,
                        'export_date', x.export_date) ORDER BY x.export_date DESC, x.id DESC)
                      FROM (SELECT e.* FROM manuscript_exports e, p WHERE e.book_id = p.book_id
                            ORDER BY e.export_date DESC, e.id DESC LIMIT 100) x), '[]'::jsonb)""";

    @Inject
    Db db;

    @Tool(name = "word_count_tracking", description = "Word counts of a book against its targets. book: totals (words "
            + "= sum of chapter word counts, or the book's recorded count when chapters have none), percent complete, "
            + "remaining words. chapter adds one row per chapter (words, target, percent, scene total). scene adds each "
            + "chapter's scenes. detailed adds per-chapter share of the book and scene averages. Findings: chapters "
            + "over target by 20%+, finished chapters short by 20%+, scene overruns, counts that disagree between "
            + "book, chapters and scenes. calculate_targets adds target planning (suggested targets for chapters "
            + "without one, projected length, pace over the last 30 days of writing sessions, days and date to "
            + "target). include_history adds words per session day and stored word-count snapshots. include_exports "
            + "adds exports: the book's manuscript exports (export_manuscript), newest first (at most 100), with file "
            + "name, resource URI (writing://exports/{file_name}), format, purpose, size in bytes, word count, pages, "
            + "chapters and date.", readOnly = true)
    public JsonText wordCountTracking(
            @Arg(value = "book_id", required = true, description = "Book to report on") int bookId,
            @Arg(value = "tracking_level", defaultValue = "chapter", description = "How fine to report")
            TrackingLevel trackingLevel,
            @Arg(value = "include_history", defaultValue = "false", description = "Add words per session day and "
                    + "word-count snapshots") boolean includeHistory,
            @Arg(value = "calculate_targets", defaultValue = "true", description = "Add target planning and pace")
            boolean calculateTargets,
            @Arg(value = "include_exports", defaultValue = "false", description = "Add the book's manuscript exports")
            boolean includeExports) {
        boolean chapters = trackingLevel != TrackingLevel.BOOK;
        boolean scenes = trackingLevel == TrackingLevel.SCENE || trackingLevel == TrackingLevel.DETAILED;
        boolean detailed = trackingLevel == TrackingLevel.DETAILED;
        List<StructureCheck> checks = new ArrayList<>(List.of(BOOK_COUNT_MISMATCH, BOOK_OVER_TARGET));
        if (chapters) {
            checks.addAll(List.of(CHAPTER_OVER_TARGET, FINISHED_CHAPTER_SHORT, ChapterShapeChecks.CHAPTER_SCENE_WORDS));
        }
        if (scenes) {
            checks.add(SCENE_OVER_TARGET);
        }
        if (calculateTargets) {
            checks.addAll(List.of(NO_BOOK_TARGET, CHAPTER_TARGETS_VS_BOOK));
        }
        return new JsonText(db.read(sql -> {
            BookScope.requireBook(sql, bookId);
            BookAnalysis analysis = new BookAnalysis(bookId, null)
                    .header("tracking_level", trackingLevel)
                    .with(TOTALS)
                    .checks(checks)
                    .section("book", BOOK);
            if (chapters) {
                analysis.section("chapters", CHAPTERS.formatted((scenes ? SCENES : "") + (detailed ? DETAIL : "")));
            }
            if (calculateTargets) {
                analysis.section("targets", TARGETS);
            }
            if (includeHistory) {
                analysis.section("history", HISTORY);
            }
            if (includeExports) {
                analysis.section("exports", EXPORTS);
            }
            return analysis.run(sql);
        }));
    }
}
