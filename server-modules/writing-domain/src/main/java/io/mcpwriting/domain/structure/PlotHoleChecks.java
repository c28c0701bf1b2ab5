package io.mcpwriting.domain.structure;

import static io.mcpwriting.domain.structure.Severity.ERROR;
import static io.mcpwriting.domain.structure.Severity.INFO;
import static io.mcpwriting.domain.structure.Severity.WARNING;

import java.util.List;

/**
 * Checks for plot holes: information foreshadowed, learned and evidenced in order with its reveal; threads planned
 * for the book resolved; setups paid off.
 */
final class PlotHoleChecks {

    /** Plot holes. */
    static final StructureChecks.Section PLOT_HOLES = new StructureChecks.Section();

    static final StructureCheck FORESHADOWING_AFTER_REVEAL = PLOT_HOLES.add(null, List.of(ViolationType.PLOT_HOLES),
            new StructureCheck("foreshadowing_after_reveal", ERROR,
                    "Information revealed in this book is foreshadowed only in chapters before the reveal", """
                    SELECT rc.id, NULL, NULL,
                           format('Reveal %s ("%s") happens in chapter %s but lists chapter %s%s as its foreshadowing, which comes later',
                                  r.id, left(r.information_content, 80), rc.chapter_number, fc.chapter_number,
                                  CASE WHEN fb.id <> book.id THEN format(' of book %s', fb.book_number) ELSE '' END)
                    FROM information_reveals r
                    JOIN ch rc ON rc.id = r.revealed_in_chapter
                    CROSS JOIN book
                    CROSS JOIN LATERAL unnest(r.foreshadowing_chapters) AS f(id)
                    JOIN chapters fc ON fc.id = f.id
                    JOIN books fb ON fb.id = fc.book_id
                    WHERE fb.series_id = book.series_id
                      AND (fb.book_number, fc.chapter_number) > (book.book_number, rc.chapter_number)"""));

    static final StructureCheck LEARNED_BEFORE_REVEAL = PLOT_HOLES.add(null, List.of(ViolationType.PLOT_HOLES),
            new StructureCheck("learned_before_reveal", WARNING,
                    "No character learns a piece of information in a chapter before the chapter that reveals it", """
                    SELECT CASE WHEN lc.book_id = book.id THEN lc.id ELSE rc.id END, NULL, fl.learned_by_character_id,
                           format('%s learns "%s" in chapter %s of book %s, before it is revealed in chapter %s of book %s',
                                  c.name, left(r.information_content, 80), lc.chapter_number, lb.book_number,
                                  rc.chapter_number, rb.book_number)
                    FROM information_flow fl
                    JOIN information_reveals r ON r.id = fl.reveal_id
                    JOIN chapters lc ON lc.id = fl.learned_in_chapter
                    JOIN books lb ON lb.id = lc.book_id
                    JOIN chapters rc ON rc.id = r.revealed_in_chapter
                    JOIN books rb ON rb.id = rc.book_id
                    JOIN characters c ON c.id = fl.learned_by_character_id
                    CROSS JOIN book
                    WHERE (lc.book_id = book.id OR rc.book_id = book.id) AND lb.series_id = rb.series_id
                      AND (lb.book_number, lc.chapter_number) < (rb.book_number, rc.chapter_number)"""));

    static final StructureCheck EVIDENCE_AFTER_REVEAL = PLOT_HOLES.add(null, List.of(ViolationType.PLOT_HOLES),
            new StructureCheck("evidence_after_reveal", WARNING,
                    "Evidence for a reveal is discovered no later than the chapter of the reveal", """
                    SELECT CASE WHEN dc.book_id = book.id THEN dc.id ELSE rc.id END, NULL, NULL,
                           format('Evidence "%s" for reveal %s is discovered in chapter %s of book %s, after the reveal in chapter %s of book %s',
                                  left(ev.evidence_description, 80), r.id, dc.chapter_number, db.book_number,
                                  rc.chapter_number, rb.book_number)
                    FROM reveal_evidence ev
                    JOIN information_reveals r ON r.id = ev.reveal_id
                    JOIN chapters dc ON dc.id = ev.discovery_chapter
                    JOIN books db ON db.id = dc.book_id
                    JOIN chapters rc ON rc.id = r.revealed_in_chapter
                    JOIN books rb ON rb.id = rc.book_id
                    CROSS JOIN book
                    WHERE (dc.book_id = book.id OR rc.book_id = book.id) AND db.series_id = rb.series_id
                      AND (db.book_number, dc.chapter_number) > (rb.book_number, rc.chapter_number)"""));

    static final StructureCheck THREAD_UNRESOLVED = PLOT_HOLES.add(null, List.of(ViolationType.PLOT_HOLES),
            new StructureCheck("thread_unresolved", WARNING,
                    "Plot threads planned to end in this book are resolved (or abandoned)", """
                    SELECT NULL, NULL, NULL,
                           format('Plot thread "%s" (%s) is planned to end in book %s but is still %s',
                                  pt.title, pt.id, pt.end_book, st.status_name)
                    FROM plot_threads pt
                    CROSS JOIN book
                    JOIN plot_thread_statuses st ON st.id = pt.current_status_id
                    WHERE pt.series_id = book.series_id AND pt.end_book = book.book_number
                      AND st.status_name NOT IN ('resolved', 'abandoned')"""));

    static final StructureCheck SETUP_WITHOUT_PAYOFF = PLOT_HOLES.add(null, List.of(ViolationType.PLOT_HOLES),
            new StructureCheck("setup_without_payoff", INFO,
                    "What this book's plot points set up is paid off by some plot point of the series (same wording)",
                    """
                    SELECT pp.chapter_id, pp.scene_id, NULL,
                           format('Chapter %s sets up "%s", which no plot point of the series pays off',
                                  ch.chapter_number, u.item)
                    FROM chapter_plot_points pp
                    JOIN ch ON ch.id = pp.chapter_id
                    CROSS JOIN LATERAL unnest(pp.sets_up_future_events) AS u(item)
                    CROSS JOIN book
                    WHERE NOT EXISTS (
                        SELECT 1 FROM chapter_plot_points q
                        JOIN chapters qc ON qc.id = q.chapter_id
                        JOIN books qb ON qb.id = qc.book_id
                        CROSS JOIN LATERAL unnest(q.pays_off_previous_setup) AS v(item)
                        WHERE qb.series_id = book.series_id AND lower(trim(v.item)) = lower(trim(u.item)))"""));

    private PlotHoleChecks() {
    }
}
