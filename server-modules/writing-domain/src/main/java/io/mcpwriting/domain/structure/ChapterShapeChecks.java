package io.mcpwriting.domain.structure;

import static io.mcpwriting.domain.structure.Severity.ERROR;
import static io.mcpwriting.domain.structure.Severity.INFO;
import static io.mcpwriting.domain.structure.Severity.WARNING;

import java.util.List;

/**
 * Checks of a book's shape: chapter and scene numbering, parts, empty and untitled chapters, and whether a chapter's
 * word count agrees with its scenes'.
 */
final class ChapterShapeChecks {

    /** Numbering and shape. */
    static final StructureChecks.Section SHAPE = new StructureChecks.Section();

    /** Word counts. */
    static final StructureChecks.Section WORD_COUNTS = new StructureChecks.Section();

    static final StructureCheck BOOK_WITHOUT_CHAPTERS = SHAPE.add(ValidationLevel.BASIC, List.of(),
            new StructureCheck("book_without_chapters", WARNING, "The book has chapters", """
                    SELECT NULL, NULL, NULL, 'The book has no chapters yet'
                    WHERE NOT EXISTS (SELECT 1 FROM all_ch)"""));

    static final StructureCheck CHAPTER_NUMBERING = SHAPE.add(ValidationLevel.BASIC, List.of(),
            new StructureCheck("chapter_numbering", ERROR,
                    "Chapter numbers of the whole book run 1, 2, 3, ... without gaps", """
                    SELECT g.id, NULL, NULL,
                           CASE WHEN g.prev IS NULL
                                THEN format('Chapter numbering starts at %s, skipping %s', g.chapter_number,
                                            CASE WHEN g.chapter_number = 2 THEN '1' ELSE '1-' || (g.chapter_number - 1) END)
                                ELSE format('Chapter numbering skips %s (between chapter %s and chapter %s)',
                                            CASE WHEN g.chapter_number - g.prev = 2 THEN (g.prev + 1)::text
                                                 ELSE (g.prev + 1) || '-' || (g.chapter_number - 1) END,
                                            g.prev, g.chapter_number) END
                    FROM (SELECT id, chapter_number, lag(chapter_number) OVER (ORDER BY chapter_number) AS prev
                          FROM all_ch) g
                    WHERE (g.prev IS NULL AND g.chapter_number > 1) OR g.chapter_number - g.prev > 1"""));

    static final StructureCheck PART_ORDER = SHAPE.add(ValidationLevel.BASIC, List.of(),
            new StructureCheck("part_order", WARNING, "Part numbers never go down as chapter numbers go up", """
                    SELECT g.id, NULL, NULL,
                           format('Chapter %s is in part %s but follows chapter %s in part %s',
                                  g.chapter_number, g.part_number, g.prev_chapter, g.prev_part)
                    FROM (SELECT id, chapter_number, part_number,
                                 lag(part_number) OVER w AS prev_part, lag(chapter_number) OVER w AS prev_chapter
                          FROM all_ch WHERE part_number IS NOT NULL WINDOW w AS (ORDER BY chapter_number)) g
                    WHERE g.part_number < g.prev_part"""));

    static final StructureCheck EMPTY_CHAPTER = SHAPE.add(ValidationLevel.BASIC, List.of(),
            new StructureCheck("empty_chapter", WARNING, "Every chapter has at least one scene", """
                    SELECT ch.id, NULL, NULL,
                           format('Chapter %s%s has no scenes', ch.chapter_number, coalesce(' ("' || ch.title || '")', ''))
                    FROM ch WHERE NOT EXISTS (SELECT 1 FROM chapter_scenes s WHERE s.chapter_id = ch.id)"""));

    static final StructureCheck SCENE_NUMBERING = SHAPE.add(ValidationLevel.BASIC, List.of(),
            new StructureCheck("scene_numbering", WARNING,
                    "Scene numbers within each chapter run 1, 2, 3, ... without gaps", """
                    SELECT g.chapter_id, g.id, NULL,
                           CASE WHEN g.prev IS NULL
                                THEN format('Scene numbering of chapter %s starts at %s, skipping %s', g.chapter_number,
                                            g.scene_number,
                                            CASE WHEN g.scene_number = 2 THEN '1' ELSE '1-' || (g.scene_number - 1) END)
                                ELSE format('Scene numbering of chapter %s skips %s (between scene %s and scene %s)',
                                            g.chapter_number,
                                            CASE WHEN g.scene_number - g.prev = 2 THEN (g.prev + 1)::text
                                                 ELSE (g.prev + 1) || '-' || (g.scene_number - 1) END,
                                            g.prev, g.scene_number) END
                    FROM (SELECT sc.id, sc.chapter_id, sc.chapter_number, sc.scene_number,
                                 lag(sc.scene_number) OVER (PARTITION BY sc.chapter_id ORDER BY sc.scene_number) AS prev
                          FROM sc) g
                    WHERE (g.prev IS NULL AND g.scene_number > 1) OR g.scene_number - g.prev > 1"""));

    static final StructureCheck UNTITLED_CHAPTER = SHAPE.add(ValidationLevel.BASIC, List.of(),
            new StructureCheck("untitled_chapter", INFO, "Every chapter has a title", """
                    SELECT ch.id, NULL, NULL, format('Chapter %s has no title', ch.chapter_number)
                    FROM ch WHERE coalesce(trim(ch.title), '') = ''"""));

    static final StructureCheck DUPLICATE_CHAPTER_TITLE = SHAPE.add(ValidationLevel.BASIC,
            List.of(),
            new StructureCheck("duplicate_chapter_title", WARNING, "No two chapters of the book share a title", """
                    SELECT ch.id, NULL, NULL,
                           format('Chapter %s has the same title as chapter %s: "%s"', ch.chapter_number, d.others, ch.title)
                    FROM ch CROSS JOIN LATERAL (
                        SELECT string_agg(o.chapter_number::text, ', ' ORDER BY o.chapter_number) AS others
                        FROM all_ch o WHERE o.id <> ch.id AND lower(trim(o.title)) = lower(trim(ch.title))) d
                    WHERE d.others IS NOT NULL AND coalesce(trim(ch.title), '') <> ''"""));

    static final StructureCheck CHAPTER_SCENE_WORDS = WORD_COUNTS.add(ValidationLevel.DETAILED,
            List.of(),
            new StructureCheck("chapter_scene_words", INFO,
                    "A chapter's recorded word count equals the sum of its scenes' word counts (when scenes have words)",
                    """
                    SELECT ch.id, NULL, NULL,
                           format('Chapter %s records %s words, but its scenes add up to %s',
                                  ch.chapter_number, ch.word_count, t.words)
                    FROM ch JOIN (SELECT chapter_id, sum(word_count) AS words FROM sc GROUP BY chapter_id) t
                         ON t.chapter_id = ch.id
                    WHERE t.words > 0 AND t.words <> ch.word_count"""));

    private ChapterShapeChecks() {
    }
}
