package io.mcpwriting.domain.structure;

import static io.mcpwriting.domain.structure.Severity.ERROR;
import static io.mcpwriting.domain.structure.Severity.INFO;
import static io.mcpwriting.domain.structure.Severity.WARNING;

import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Where things happen along a book, as percentages of its chapters (a chapter at position i of n spans
 * (i-1)/n to i/n; a scene narrows that to its share of the chapter), judged against standard ranges.
 */
@ApplicationScoped
public class BeatPlacementTools {

    private static final StructureCheck NO_CHAPTERS = new StructureCheck("no_chapters", ERROR,
            "The book has chapters to place things in", """
            SELECT NULL, NULL, NULL, 'The book has no chapters, so nothing can be placed'
            WHERE NOT EXISTS (SELECT 1 FROM all_ch)""");

    // ---- pacing: the structural beats ---------------------------------------------------------------------

    private static final String PLACED = """
            labels AS (
                SELECT ch.id AS chapter_id, NULL::int AS scene_id, ch.ordinal, ch.chapter_total,
                       0::numeric AS lo_frac, 1::numeric AS hi_frac, 'chapter dramatic_function'::text AS source,
                       ch.dramatic_function::text AS label, true AS chapter_level
                FROM ch WHERE ch.dramatic_function IS NOT NULL
                UNION ALL
                SELECT ch.id, NULL, ch.ordinal, ch.chapter_total, 0, 1, 'chapter_purpose', u.label, true
                FROM ch, unnest(ch.chapter_purpose) AS u(label)
                UNION ALL
                SELECT sc.chapter_id, sc.id, sc.chapter_ordinal, sc.chapter_total,
                       (sc.scene_ordinal - 1)::numeric / sc.scene_total, sc.scene_ordinal::numeric / sc.scene_total,
                       'scene_purpose', sc.scene_purpose, false
                FROM sc WHERE sc.scene_purpose IS NOT NULL
                UNION ALL
                SELECT pp.chapter_id, pp.scene_id, ch.ordinal, ch.chapter_total,
                       coalesce((s.scene_ordinal - 1)::numeric / s.scene_total, 0),
                       coalesce(s.scene_ordinal::numeric / s.scene_total, 1),
                       'plot point plot_point_type', pp.plot_point_type, pp.scene_id IS NULL
                FROM chapter_plot_points pp JOIN ch ON ch.id = pp.chapter_id LEFT JOIN sc s ON s.id = pp.scene_id
                WHERE pp.plot_point_type IS NOT NULL),
            normalized AS (SELECT l.*, trim(BOTH '_' FROM lower(regexp_replace(l.label, '[^A-Za-z0-9]+', '_', 'g'))) AS key
                           FROM labels l),
            placed AS (
                SELECT n.*, d.beat, d.ord, d.core, d.lo, d.hi, d.std_lo, d.std_hi,
                       trim_scale(round(100.0 * (n.ordinal - 1 + n.lo_frac) / n.chapter_total, 1)) AS start_pct,
                       trim_scale(round(100.0 * (n.ordinal - 1 + n.hi_frac) / n.chapter_total, 1)) AS end_pct,
                       trim_scale(round(100.0 * (n.ordinal - 1 + (n.lo_frac + n.hi_frac) / 2) / n.chapter_total, 1))
                           AS mid_pct
                FROM normalized n
                JOIN beat_alias a ON a.alias = n.key AND (n.chapter_level OR NOT a.chapter_only)
                JOIN beat_def d ON d.beat = a.beat),
            first_beat AS (SELECT DISTINCT ON (beat) * FROM placed ORDER BY beat, start_pct, end_pct)""";

    private static final List<StructureCheck> PACING = List.of(NO_CHAPTERS,
            new StructureCheck("beat_outside_range", WARNING,
                    "Each marked beat lies within its expected range of the book", """
                    SELECT p.chapter_id, p.scene_id, NULL,
                           format('The %s (%s) is at %s-%s%% of the book, outside its expected %s-%s%%',
                                  replace(p.beat, '_', ' '),
                                  'chapter ' || c.chapter_number || coalesce(', scene ' || s.scene_number, ''),
                                  p.start_pct, p.end_pct, p.lo, p.hi)
                    FROM placed p JOIN all_ch c ON c.id = p.chapter_id LEFT JOIN chapter_scenes s ON s.id = p.scene_id
                    WHERE p.end_pct < p.lo OR p.start_pct > p.hi"""),
            new StructureCheck("beat_off_standard", INFO,
                    "Each marked beat lies within its standard range (reported only when flexible guidelines "
                            + "accept it)", """
                    SELECT p.chapter_id, p.scene_id, NULL,
                           format('The %s (chapter %s) is at %s-%s%%: within the flexible %s-%s%%, outside the standard %s-%s%%',
                                  replace(p.beat, '_', ' '), c.chapter_number, p.start_pct, p.end_pct, p.lo, p.hi,
                                  p.std_lo, p.std_hi)
                    FROM placed p JOIN all_ch c ON c.id = p.chapter_id
                    WHERE NOT (p.end_pct < p.lo OR p.start_pct > p.hi)
                      AND (p.end_pct < p.std_lo OR p.start_pct > p.std_hi)"""),
            new StructureCheck("beat_missing", WARNING,
                    "The core beats (inciting incident, midpoint, climax) are each marked somewhere", """
                    SELECT NULL, NULL, NULL,
                           format('No chapter or scene is marked as the %s (expected around %s-%s%% of the book); set a chapter''s dramatic_function or a scene''s scene_purpose to %s',
                                  replace(d.beat, '_', ' '), d.std_lo, d.std_hi, d.beat)
                    FROM beat_def d
                    WHERE d.core AND EXISTS (SELECT 1 FROM all_ch) AND NOT EXISTS (SELECT 1 FROM placed p WHERE p.beat = d.beat)
                    ORDER BY d.ord"""),
            new StructureCheck("beat_order", WARNING, "The marked beats come in their canonical order", """
                    SELECT f.chapter_id, f.scene_id, NULL,
                           format('The %s (chapter %s, %s%%) comes before the %s (chapter %s, %s%%), which should precede it',
                                  replace(f.beat, '_', ' '), c.chapter_number, f.start_pct,
                                  replace(f.prev_beat, '_', ' '), pc.chapter_number, f.prev_start)
                    FROM (SELECT fb.*, lag(fb.beat) OVER w AS prev_beat, lag(fb.start_pct) OVER w AS prev_start,
                                 lag(fb.chapter_id) OVER w AS prev_chapter
                          FROM first_beat fb WINDOW w AS (ORDER BY fb.ord)) f
                    JOIN all_ch c ON c.id = f.chapter_id JOIN all_ch pc ON pc.id = f.prev_chapter
                    WHERE f.start_pct < f.prev_start"""),
            new StructureCheck("beat_repeated", INFO, "Each beat is marked in one chapter", """
                    SELECT NULL, NULL, NULL,
                           format('The %s is marked in %s chapters (%s); the earliest is used for ordering',
                                  replace(t.beat, '_', ' '), count(*),
                                  string_agg(t.chapter_number::text, ', ' ORDER BY t.chapter_number))
                    FROM (SELECT DISTINCT p.beat, c.chapter_number FROM placed p JOIN all_ch c ON c.id = p.chapter_id) t
                    GROUP BY t.beat HAVING count(*) > 1"""));

    private static final String PLACEMENTS = """
            coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                    'beat', p.beat, 'chapter_id', p.chapter_id, 'chapter_number', c.chapter_number,
                    'scene_id', p.scene_id, 'scene_number', s.scene_number, 'source', p.source, 'label', p.label,
                    'position_percent', p.mid_pct,
                    'span_percent', jsonb_build_array(p.start_pct, p.end_pct),
                    'expected_percent', jsonb_build_array(p.lo, p.hi),
                    'standard_percent', jsonb_build_array(p.std_lo, p.std_hi),
                    'within_expected', NOT (p.end_pct < p.lo OR p.start_pct > p.hi)))
                    ORDER BY p.start_pct, p.ord)
                FROM placed p JOIN all_ch c ON c.id = p.chapter_id LEFT JOIN chapter_scenes s ON s.id = p.scene_id),
                '[]'::jsonb)""";

    private static final String BEATS_EXPECTED = """
            (SELECT jsonb_agg(jsonb_build_object('beat', d.beat, 'core', d.core,
                    'expected_percent', jsonb_build_array(d.lo, d.hi),
                    'standard_percent', jsonb_build_array(d.std_lo, d.std_hi),
                    'found', EXISTS (SELECT 1 FROM placed p WHERE p.beat = d.beat),
                    'labels', (SELECT jsonb_agg(a.alias) FROM beat_alias a WHERE a.beat = d.beat)) ORDER BY d.ord)
             FROM beat_def d)""";

    private static final String UNRECOGNISED = """
            coalesce((SELECT jsonb_agg(jsonb_build_object('chapter_number', c.chapter_number, 'source', n.source,
                                                          'label', n.label) ORDER BY c.chapter_number, n.label)
                      FROM normalized n JOIN all_ch c ON c.id = n.chapter_id
                      WHERE n.chapter_level AND n.source <> 'plot point plot_point_type'
                        AND NOT EXISTS (SELECT 1 FROM beat_alias a WHERE a.alias = n.key)), '[]'::jsonb)""";

    // ---- emotional beats: the intensity curve -------------------------------------------------------------

    private static final String INTENSITY = """
            emo AS (SELECT ?::int AS climax_from, ?::int AS flat_run, ?::numeric AS drop_tolerance),
            ci AS (SELECT sc.chapter_id, sc.chapter_number, sc.chapter_ordinal AS ordinal, sc.chapter_total,
                          trim_scale(round(avg(sc.intensity_level), 1)) AS intensity, count(*) AS rated_scenes,
                          trim_scale(round(100.0 * (sc.chapter_ordinal - 0.5) / sc.chapter_total, 1)) AS position_pct
                   FROM sc WHERE sc.intensity_level IS NOT NULL
                   GROUP BY sc.chapter_id, sc.chapter_number, sc.chapter_ordinal, sc.chapter_total)""";

    private static final List<StructureCheck> EMOTIONAL = List.of(NO_CHAPTERS,
            new StructureCheck("no_intensity_data", INFO, "Scenes carry an intensity_level (1-10) to analyse", """
                    SELECT NULL, NULL, NULL,
                           'No scene of the book has an intensity_level; set it (1-10) on scenes to analyse the emotional curve'
                    WHERE EXISTS (SELECT 1 FROM all_ch) AND NOT EXISTS (SELECT 1 FROM ci)"""),
            new StructureCheck("peak_before_climax", WARNING,
                    "The highest intensity is reached again in the climax part of the book", """
                    SELECT pk.chapter_id, NULL, NULL,
                           format('Intensity peaks at %s in chapter %s (%s%% of the book) and no chapter after %s%% reaches it; the climax should be the most intense part',
                                  pk.intensity, pk.chapter_number, pk.position_pct, emo.climax_from)
                    FROM emo, (SELECT * FROM ci ORDER BY intensity DESC, ordinal LIMIT 1) pk
                    WHERE NOT EXISTS (SELECT 1 FROM ci
                                      WHERE ci.intensity >= pk.intensity
                                        AND 100.0 * ci.ordinal / ci.chapter_total > emo.climax_from)"""),
            new StructureCheck("flat_stretch", INFO, "Intensity does not stay level over a long run of chapters", """
                    WITH r AS (SELECT ci.*, round(ci.intensity) AS level, row_number() OVER (ORDER BY ci.ordinal) AS rn
                               FROM ci),
                    g AS (SELECT r.*, r.rn - row_number() OVER (PARTITION BY r.level ORDER BY r.rn) AS grp FROM r)
                    SELECT (array_agg(g.chapter_id ORDER BY g.ordinal))[1], NULL, NULL,
                           format('Chapters %s to %s stay at intensity %s for %s rated chapters in a row; vary the tension',
                                  min(g.chapter_number), max(g.chapter_number), g.level, count(*))
                    FROM g, emo
                    GROUP BY g.level, g.grp, emo.flat_run
                    HAVING count(*) >= emo.flat_run"""),
            new StructureCheck("falling_tension", WARNING,
                    "The last third of the book is on average at least as intense as the first third", """
                    SELECT NULL, NULL, NULL,
                           format('The last third of the book averages intensity %s, below the first third''s %s; tension should build towards the end',
                                  t.last_avg, t.first_avg)
                    FROM (SELECT trim_scale(round(avg(intensity) FILTER (WHERE ordinal * 3 <= chapter_total), 1)) AS first_avg,
                                 trim_scale(round(avg(intensity) FILTER (WHERE ordinal * 3 > 2 * chapter_total), 1)) AS last_avg,
                                 count(*) AS n
                          FROM ci) t, emo
                    WHERE t.n >= 3 AND t.last_avg < t.first_avg - emo.drop_tolerance"""));

    private static final String CURVE = """
            coalesce((SELECT jsonb_agg(jsonb_build_object('chapter_id', ci.chapter_id, 'chapter_number', ci.chapter_number,
                                                          'position_percent', ci.position_pct,
                                                          'intensity', ci.intensity, 'rated_scenes', ci.rated_scenes)
                                       ORDER BY ci.ordinal) FROM ci), '[]'::jsonb)""";

    // ---- character arcs -----------------------------------------------------------------------------------

    private static final String ARCS = """
            arc_rules AS (SELECT ?::int AS intro_by, ?::int AS close_from, ?::int AS min_coverage),
            arcs AS (SELECT ca.*, c.name FROM character_arcs ca JOIN book ON ca.book_id = book.id
                     JOIN characters c ON c.id = ca.character_id),
            arc_span AS (SELECT arcs.id AS arc_id, arcs.character_id, arcs.name, arcs.arc_name,
                                min(ch.ordinal) AS first_ord, max(ch.ordinal) AS last_ord,
                                count(DISTINCT ch.id) AS chapters, (SELECT count(*) FROM all_ch) AS total
                         FROM arcs
                         LEFT JOIN appear a ON a.character_id = arcs.character_id
                         LEFT JOIN ch ON ch.id = a.chapter_id
                         GROUP BY arcs.id, arcs.character_id, arcs.name, arcs.arc_name)""";

    private static final List<StructureCheck> CHARACTER_ARCS = List.of(NO_CHAPTERS,
            new StructureCheck("no_arcs", INFO, "The book has character arcs to place", """
                    SELECT NULL, NULL, NULL, 'No character arc is recorded for this book'
                    WHERE NOT EXISTS (SELECT 1 FROM arcs)"""),
            new StructureCheck("arc_character_absent", ERROR,
                    "Every character with an arc in the book appears in it (presence, POV or participation)", """
                    SELECT NULL, NULL, s.character_id,
                           format('%s has an arc in this book but appears in none of its chapters (no presence record, POV or participation)',
                                  s.name)
                    FROM arc_span s WHERE s.chapters = 0 AND s.total > 0"""),
            new StructureCheck("arc_starts_late", WARNING,
                    "A character with an arc appears early enough to show the starting state", """
                    SELECT c.id, NULL, s.character_id,
                           format('%s first appears in chapter %s (from %s%% of the book); an arc needs its starting state shown by about %s%%',
                                  s.name, c.chapter_number, trim_scale(round(100.0 * (s.first_ord - 1) / s.total, 1)),
                                  r.intro_by)
                    FROM arc_span s JOIN all_ch c ON c.ordinal = s.first_ord, arc_rules r
                    WHERE 100.0 * (s.first_ord - 1) / s.total > r.intro_by"""),
            new StructureCheck("arc_ends_early", WARNING,
                    "A character with an arc still appears late enough to show the ending state", """
                    SELECT c.id, NULL, s.character_id,
                           format('%s last appears in chapter %s (up to %s%% of the book); an arc needs its ending state shown after about %s%%',
                                  s.name, c.chapter_number, trim_scale(round(100.0 * s.last_ord / s.total, 1)), r.close_from)
                    FROM arc_span s JOIN all_ch c ON c.ordinal = s.last_ord, arc_rules r
                    WHERE 100.0 * s.last_ord / s.total < r.close_from"""),
            new StructureCheck("arc_sparse", INFO, "A character with an arc appears in enough of the book's chapters",
                    """
                    SELECT NULL, NULL, s.character_id,
                           format('%s appears in %s of %s chapters (%s%%), thin for a character arc (about %s%% or more)',
                                  s.name, s.chapters, s.total, trim_scale(round(100.0 * s.chapters / s.total, 1)),
                                  r.min_coverage)
                    FROM arc_span s, arc_rules r
                    WHERE s.chapters > 0 AND 100.0 * s.chapters / s.total < r.min_coverage"""),
            new StructureCheck("arc_undefined", INFO, "Every arc records its starting and ending state", """
                    SELECT NULL, NULL, a.character_id,
                           format('The arc of %s%s has no %s', a.name, coalesce(' ("' || a.arc_name || '")', ''),
                                  CASE WHEN coalesce(trim(a.starting_state), '') = '' AND coalesce(trim(a.ending_state), '') = ''
                                       THEN 'starting or ending state'
                                       WHEN coalesce(trim(a.starting_state), '') = '' THEN 'starting state'
                                       ELSE 'ending state' END)
                    FROM arcs a
                    WHERE coalesce(trim(a.starting_state), '') = '' OR coalesce(trim(a.ending_state), '') = ''"""),
            new StructureCheck("pov_without_arc", INFO, "Every POV character of the book has an arc in it", """
                    SELECT NULL, NULL, t.character_id,
                           format('%s tells %s scene(s) of this book but has no character arc in it', c.name, t.n)
                    FROM (SELECT pov_character_id AS character_id, count(*) AS n FROM sc
                          WHERE pov_character_id IS NOT NULL GROUP BY pov_character_id) t
                    JOIN characters c ON c.id = t.character_id
                    WHERE NOT EXISTS (SELECT 1 FROM arcs WHERE arcs.character_id = t.character_id)"""));

    private static final String ARC_TABLE = """
            coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                    'character_id', s.character_id, 'name', s.name, 'arc_name', s.arc_name,
                    'first_chapter', fc.chapter_number, 'last_chapter', lc.chapter_number,
                    'first_percent', trim_scale(round(100.0 * (s.first_ord - 1) / nullif(s.total, 0), 1)),
                    'last_percent', trim_scale(round(100.0 * s.last_ord / nullif(s.total, 0), 1)),
                    'chapters_present', s.chapters,
                    'coverage_percent', trim_scale(round(100.0 * s.chapters / nullif(s.total, 0), 1))))
                    ORDER BY s.name)
                FROM arc_span s LEFT JOIN all_ch fc ON fc.ordinal = s.first_ord LEFT JOIN all_ch lc ON lc.ordinal = s.last_ord),
                '[]'::jsonb)""";

    // ---- plot threads -------------------------------------------------------------------------------------

    private static final String THREADS = """
            thread_rules AS (SELECT ?::int AS climax_from, ?::int AS finale_from, ?::int AS intro_by),
            threads AS (SELECT pt.id, pt.title, pt.start_book, pt.end_book, pt.resolution_book, st.status_name
                        FROM plot_threads pt CROSS JOIN book
                        LEFT JOIN plot_thread_statuses st ON st.id = pt.current_status_id
                        WHERE pt.series_id = book.series_id
                          AND coalesce(pt.start_book, book.book_number) <= book.book_number
                          AND coalesce(pt.end_book, book.book_number) >= book.book_number
                          AND (pt.resolution_book IS NULL OR pt.resolution_book >= book.book_number)
                          AND coalesce(st.status_name, '') <> 'abandoned'),
            thread_reveals AS (SELECT r.id, r.plot_thread_id, r.significance_level, r.information_content,
                                      ch.id AS chapter_id, ch.chapter_number,
                                      trim_scale(round(100.0 * (ch.ordinal - 1) / ch.chapter_total, 1)) AS start_pct,
                                      trim_scale(round(100.0 * ch.ordinal / ch.chapter_total, 1)) AS end_pct
                               FROM information_reveals r JOIN threads t ON t.id = r.plot_thread_id
                               JOIN ch ON ch.id = r.revealed_in_chapter)""";

    private static final List<StructureCheck> PLOT_THREADS = List.of(NO_CHAPTERS,
            new StructureCheck("no_threads", INFO, "Plot threads of the series run through this book", """
                    SELECT NULL, NULL, NULL, 'No plot thread of the series runs through this book (by start and end book)'
                    WHERE NOT EXISTS (SELECT 1 FROM threads)"""),
            new StructureCheck("thread_absent", INFO,
                    "Every thread running through the book has a reveal placed in one of its chapters", """
                    SELECT NULL, NULL, NULL,
                           format('Plot thread "%s" (%s) runs through this book, but none of its reveals is placed in its chapters',
                                  t.title, t.id)
                    FROM threads t
                    WHERE EXISTS (SELECT 1 FROM all_ch)
                      AND NOT EXISTS (SELECT 1 FROM thread_reveals r WHERE r.plot_thread_id = t.id)"""),
            new StructureCheck("climactic_reveal_early", WARNING,
                    "Climactic and world-changing reveals fall in the climax part of the book", """
                    SELECT r.chapter_id, NULL, NULL,
                           format('The %s reveal "%s" of thread "%s" is in chapter %s (%s-%s%% of the book); reveals of this weight belong after about %s%%',
                                  replace(r.significance_level, '_', '-'), left(r.information_content, 80), t.title,
                                  r.chapter_number, r.start_pct, r.end_pct, rules.climax_from)
                    FROM thread_reveals r JOIN threads t ON t.id = r.plot_thread_id, thread_rules rules
                    WHERE r.significance_level IN ('climactic', 'world_changing') AND r.end_pct < rules.climax_from"""),
            new StructureCheck("thread_ending_without_late_beat", WARNING,
                    "A thread that ends in this book has a reveal in the book's final part", """
                    SELECT NULL, NULL, NULL,
                           format('Plot thread "%s" (%s) ends in this book, but %s',
                                  t.title, t.id,
                                  CASE WHEN last.end_pct IS NULL THEN 'none of its reveals is placed in the book'
                                       ELSE format('its last reveal is in chapter %s (up to %s%%); nothing of it comes after %s%%',
                                                   last.chapter_number, last.end_pct, rules.finale_from) END)
                    FROM threads t CROSS JOIN book CROSS JOIN thread_rules rules
                    LEFT JOIN LATERAL (SELECT r.chapter_number, r.end_pct FROM thread_reveals r
                                       WHERE r.plot_thread_id = t.id ORDER BY r.end_pct DESC LIMIT 1) last ON true
                    WHERE coalesce(t.end_book, t.resolution_book) = book.book_number
                      AND EXISTS (SELECT 1 FROM all_ch)
                      AND coalesce(last.end_pct, 0) <= rules.finale_from"""),
            new StructureCheck("thread_introduced_late", INFO,
                    "A thread that starts in this book is introduced early enough", """
                    SELECT first.chapter_id, NULL, NULL,
                           format('Plot thread "%s" (%s) starts in this book, but its first reveal is in chapter %s (from %s%%); introduce it by about %s%%',
                                  t.title, t.id, first.chapter_number, first.start_pct, rules.intro_by)
                    FROM threads t CROSS JOIN book CROSS JOIN thread_rules rules
                    JOIN LATERAL (SELECT r.chapter_id, r.chapter_number, r.start_pct FROM thread_reveals r
                                  WHERE r.plot_thread_id = t.id ORDER BY r.start_pct LIMIT 1) first ON true
                    WHERE t.start_book = book.book_number AND first.start_pct > rules.intro_by"""));

    private static final String THREAD_TABLE = """
            coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                    'thread_id', t.id, 'title', t.title, 'status', t.status_name,
                    'start_book', t.start_book, 'end_book', t.end_book,
                    'reveals_in_book', (SELECT count(*) FROM thread_reveals r WHERE r.plot_thread_id = t.id),
                    'reveal_positions_percent', (SELECT jsonb_agg(trim_scale(round((r.start_pct + r.end_pct) / 2, 1))
                                                                  ORDER BY r.start_pct)
                                                 FROM thread_reveals r WHERE r.plot_thread_id = t.id)))
                    ORDER BY t.id) FROM threads t), '[]'::jsonb)""";

    @Inject
    Db db;

    @Tool(name = "validate_beat_placement", description = "Place story beats along a book and judge them. Positions "
            + "are percentages of the book by chapter order (chapter i of n spans (i-1)/n..i/n; a scene narrows that "
            + "to its share of its chapter). pacing: beats marked by chapter dramatic_function or chapter_purpose, "
            + "scene scene_purpose or plot point type (inciting_incident ~5-15%, first_plot_point ~20-30%, "
            + "midpoint ~45-55%, second_plot_point ~70-80%, climax ~85-95%, ...): out of range, missing core beats, "
            + "wrong order, repeats. emotional_beats: the scene intensity_level curve (peak before the climax, flat "
            + "stretches, falling tension). character_arcs: when characters with an arc in the book first and last "
            + "appear, how much, undefined arcs, POV characters without arcs. plot_threads: threads running through "
            + "the book and where their reveals fall (climactic reveals too early, ending threads without a late "
            + "reveal, late introductions). flexible_guidelines widens the ranges.", readOnly = true)
    public JsonText validateBeatPlacement(
            @Arg(value = "book_id", required = true, description = "Book to analyse") int bookId,
            @Arg(value = "beat_analysis_type", defaultValue = "pacing", description = "What to place along the book")
            BeatAnalysisType beatAnalysisType,
            @Arg(value = "flexible_guidelines", defaultValue = "true", description = "Judge against wider ranges (true) "
                    + "or the standard ones (false)") boolean flexibleGuidelines) {
        return new JsonText(db.read(sql -> {
            BookScope.requireBook(sql, bookId);
            BookAnalysis analysis = new BookAnalysis(bookId, null)
                    .header("beat_analysis_type", beatAnalysisType)
                    .header("flexible_guidelines", flexibleGuidelines)
                    .listedAs("findings");
            boolean flex = flexibleGuidelines;
            switch (beatAnalysisType) {
                case PACING -> analysis.with(Beats.DEFINITIONS, Beats.params(flex)).with(PLACED)
                        .checks(flex ? PACING : PACING.stream().filter(c -> !c.name().equals("beat_off_standard")).toList())
                        .section("placements", PLACEMENTS)
                        .section("beats", BEATS_EXPECTED)
                        .section("unrecognised_chapter_labels", UNRECOGNISED);
                case EMOTIONAL_BEATS -> analysis.with(INTENSITY, flex ? 60 : 75, flex ? 4 : 3, flex ? 1 : 0)
                        .checks(EMOTIONAL)
                        .section("intensity_curve", CURVE);
                case CHARACTER_ARCS -> analysis.with(ARCS, flex ? 33 : 25, flex ? 67 : 75, flex ? 15 : 25)
                        .checks(CHARACTER_ARCS)
                        .section("arcs", ARC_TABLE);
                case PLOT_THREADS -> analysis.with(THREADS, flex ? 60 : 75, flex ? 67 : 75, flex ? 60 : 50)
                        .checks(PLOT_THREADS)
                        .section("threads", THREAD_TABLE);
                default -> throw new IllegalStateException("unhandled " + beatAnalysisType);
            }
            return analysis.run(sql);
        }));
    }
}
