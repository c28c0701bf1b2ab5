package io.mcpwriting.domain.plot;

import io.mcpwriting.domain.Checks;
import io.mcpwriting.domain.chapter.ChapterRefs;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Information reveals of a plot thread (what the reader or characters learn, when, and what foreshadows it) and
 * the evidence that supports them. Chapters are referred to by chapter id, within the thread's series.
 */
@ApplicationScoped
public class RevealTools {

    /** What kind of information is revealed. */
    public enum RevealType {
        EVIDENCE, SECRET, BACKSTORY, WORLD_RULE, RELATIONSHIP, SKILL
    }

    /** How much a reveal changes the story. */
    public enum SignificanceLevel {
        MINOR, MAJOR, CLIMACTIC, WORLD_CHANGING
    }

    /** Kind of evidence. */
    public enum EvidenceType {
        PHYSICAL, WITNESS, CIRCUMSTANTIAL, DIGITAL, FORENSIC
    }

    /** How much a piece of evidence weighs. */
    public enum EvidenceSignificance {
        CRITICAL, IMPORTANT, SUPPORTING, RED_HERRING
    }

    /** A chapter id as a reference in reading terms, or null. */
    private static final String CHAPTER_OF = """
            (SELECT jsonb_build_object('chapter_id', c.id, 'chapter_number', c.chapter_number, 'title', c.title,
                                       'book_id', c.book_id, 'book_number', b.book_number)
             FROM chapters c JOIN books b ON b.id = c.book_id WHERE c.id = %s)""";

    /** A reveal row {@code r}: its thread's title, the chapters that reveal and foreshadow it, whom it affects. */
    private static final String REVEAL_JSON = "to_jsonb(r) || jsonb_build_object("
            + "'plot_thread_title', (SELECT pt.title FROM plot_threads pt WHERE pt.id = r.plot_thread_id), "
            + "'revealed_in', " + CHAPTER_OF.formatted("r.revealed_in_chapter") + ", "
            + "'foreshadowed_in', coalesce((SELECT jsonb_agg(jsonb_build_object('chapter_id', c.id, "
            + "'chapter_number', c.chapter_number, 'book_number', b.book_number) ORDER BY b.book_number, c.chapter_number) "
            + "FROM chapters c JOIN books b ON b.id = c.book_id WHERE c.id = ANY(r.foreshadowing_chapters)), '[]'::jsonb), "
            + "'affected_characters', coalesce((SELECT jsonb_agg(jsonb_build_object('character_id', ch.id, 'name', ch.name) "
            + "ORDER BY ch.name) FROM characters ch WHERE ch.id = ANY(r.affects_characters)), '[]'::jsonb), "
            + "'evidence_count', (SELECT count(*) FROM reveal_evidence e WHERE e.reveal_id = r.id))";

    /** An evidence row {@code e}: the name of the character who discovers it and the chapter where. */
    private static final String EVIDENCE_JSON = "to_jsonb(e) || jsonb_build_object("
            + "'discovered_by_name', (SELECT ch.name FROM characters ch WHERE ch.id = e.discovered_by), "
            + "'discovered_in', " + CHAPTER_OF.formatted("e.discovery_chapter") + ")";

    /**
     * A get_plot_threads answer (the one parameter, {@code ?::jsonb}) with each thread's reveals added as
     * {@code reveals}, in reading order of the chapter that reveals them (reveals placed in no chapter last), each
     * with its {@code evidence}: what get_plot_threads' include_reveals adds. Threads keep their order and fields.
     */
    static final String WITH_REVEALS = """
            SELECT jsonb_set(a.answer, '{threads}', coalesce((
                       SELECT jsonb_agg(t.thread || jsonb_build_object('reveals', coalesce((
                                  SELECT jsonb_agg(%s || jsonb_build_object('evidence', coalesce((
                                             SELECT jsonb_agg(%s ORDER BY e.id)
                                             FROM reveal_evidence e WHERE e.reveal_id = r.id), '[]'::jsonb))
                                         ORDER BY rb.book_number NULLS LAST, rc.chapter_number NULLS LAST, r.id)
                                  FROM information_reveals r
                                  LEFT JOIN chapters rc ON rc.id = r.revealed_in_chapter
                                  LEFT JOIN books rb ON rb.id = rc.book_id
                                  WHERE r.plot_thread_id = (t.thread ->> 'id')::int), '[]'::jsonb))
                              ORDER BY t.ord)
                       FROM jsonb_array_elements(a.answer -> 'threads') WITH ORDINALITY AS t(thread, ord)), '[]'::jsonb))
            FROM (SELECT ?::jsonb AS answer) a""".formatted(REVEAL_JSON, EVIDENCE_JSON);

    @Inject
    Db db;

    @Tool(name = "plot_create_information_reveal", description = "Plan a reveal in a plot thread: what information "
            + "comes out, how, how significant it is, whom it affects (character ids of the thread's series), the "
            + "chapter that reveals it and the earlier chapters that foreshadow it (chapter ids of the series; "
            + "foreshadowing chapters must come before the reveal in reading order). The same information twice in "
            + "one thread fails naming the existing reveal.")
    public JsonText createReveal(
            @Arg(value = "plot_thread_id", required = true, description = "Plot thread the reveal belongs to")
            int plotThreadId,
            @Arg(value = "reveal_type", required = true, description = "Kind of information") RevealType revealType,
            @Arg(value = "information_content", required = true, description = "The information revealed")
            String informationContent,
            @Arg(value = "reveal_method", required = true, description = "How it comes out, e.g. confession, "
                    + "discovered letter, deduction") String revealMethod,
            @Arg(value = "significance_level", required = true, description = "How much it changes the story")
            SignificanceLevel significanceLevel,
            @Arg(value = "affects_characters", description = "Ids of the characters it affects")
            List<Integer> affectsCharacters,
            @Arg(value = "revealed_in_chapter", description = "Chapter id where it is revealed") Integer revealedInChapter,
            @Arg(value = "consequences", description = "What follows from it") String consequences,
            @Arg(value = "foreshadowing_chapters", description = "Chapter ids that hint at it before the reveal")
            List<Integer> foreshadowingChapters) {
        Checks.notBlank("information_content", informationContent);
        Checks.notBlank("reveal_method", revealMethod);
        if (revealMethod.strip().length() > 255) {
            throw ToolException.invalid("reveal_method", "must be at most 255 characters");
        }
        List<Integer> affected = distinct(affectsCharacters);
        List<Integer> foreshadowing = distinct(foreshadowingChapters);
        return new JsonText(db.write(sql -> {
            long seriesId = ChapterRefs.seriesOf(sql, "plot_threads", "plot thread", plotThreadId);
            PlotThreadTools.requireCharacters(sql, (int) seriesId, affected);
            if (revealedInChapter != null) {
                ChapterRefs.requireChapterInSeries(sql, "revealed_in_chapter", revealedInChapter, seriesId);
            }
            ChapterRefs.requireChaptersInSeries(sql, "foreshadowing_chapters", foreshadowing, seriesId);
            if (revealedInChapter != null && foreshadowing != null && !foreshadowing.isEmpty()) {
                requireBefore(sql, foreshadowing, revealedInChapter);
            }
            Long twin = sql.number("SELECT id FROM information_reveals WHERE plot_thread_id = ? "
                    + "AND md5(information_content) = md5(?)", plotThreadId, informationContent.strip());
            if (twin != null) {
                throw ToolException.conflict("Plot thread " + plotThreadId + " already has this information as reveal "
                        + twin + ".");
            }
            long id = sql.number("""
                    INSERT INTO information_reveals (plot_thread_id, reveal_type, information_content, reveal_method,
                                                     significance_level, affects_characters, revealed_in_chapter,
                                                     consequences, foreshadowing_chapters)
                    VALUES (?, ?, ?, ?, ?, ?::int[], ?, ?, ?::int[]) RETURNING id""",
                    plotThreadId, revealType, informationContent.strip(), revealMethod.strip(), significanceLevel,
                    affected, revealedInChapter, consequences, foreshadowing);
            return sql.text("SELECT " + REVEAL_JSON + " FROM information_reveals r WHERE r.id = ?", id);
        }));
    }

    @Tool(name = "plot_add_reveal_evidence", description = "Add a piece of evidence to a reveal: its kind, "
            + "description, the character who discovers it and the chapter id where it is found (both of the "
            + "reveal's series), and its weight (critical, important, supporting, red_herring). The same description "
            + "twice for one reveal fails naming the existing evidence. The result lists all the reveal's evidence "
            + "and warns when this evidence is found after the chapter that reveals the information.")
    public JsonText addEvidence(
            @Arg(value = "reveal_id", required = true, description = "Reveal the evidence supports") int revealId,
            @Arg(value = "evidence_type", required = true, description = "Kind of evidence") EvidenceType evidenceType,
            @Arg(value = "evidence_description", required = true, description = "What the evidence is")
            String evidenceDescription,
            @Arg(value = "discovered_by", description = "Character id of who discovers it") Integer discoveredBy,
            @Arg(value = "discovery_chapter", description = "Chapter id where it is discovered") Integer discoveryChapter,
            @Arg(value = "significance", description = "How much it weighs") EvidenceSignificance significance) {
        Checks.notBlank("evidence_description", evidenceDescription);
        return new JsonText(db.write(sql -> {
            if (!sql.exists("SELECT 1 FROM information_reveals WHERE id = ?", revealId)) {
                throw ToolException.notFound("reveal", revealId);
            }
            Long seriesId = sql.number("SELECT pt.series_id FROM information_reveals r "
                    + "JOIN plot_threads pt ON pt.id = r.plot_thread_id WHERE r.id = ?", revealId);
            if (discoveredBy != null) {
                if (seriesId != null) {
                    ChapterRefs.requireInSeries(sql, "characters", "character", "discovered_by", discoveredBy, seriesId);
                } else {
                    sql.requireRow("characters", discoveredBy, "character");
                }
            }
            if (discoveryChapter != null) {
                if (seriesId != null) {
                    ChapterRefs.requireChapterInSeries(sql, "discovery_chapter", discoveryChapter, seriesId);
                } else {
                    ChapterRefs.chapter(sql, discoveryChapter);
                }
            }
            Long twin = sql.number("SELECT id FROM reveal_evidence WHERE reveal_id = ? "
                    + "AND md5(evidence_description) = md5(?)", revealId, evidenceDescription.strip());
            if (twin != null) {
                throw ToolException.conflict("Reveal " + revealId + " already has this evidence: evidence " + twin + ".");
            }
            long id = sql.number("""
                    INSERT INTO reveal_evidence (reveal_id, evidence_type, evidence_description, discovered_by,
                                                 discovery_chapter, significance)
                    VALUES (?, ?, ?, ?, ?, ?) RETURNING id""",
                    revealId, evidenceType, evidenceDescription.strip(), discoveredBy, discoveryChapter, significance);
            return sql.text("""
                    SELECT %s || jsonb_build_object(
                        'reveal', jsonb_build_object('id', r.id, 'information_content', r.information_content,
                                                     'revealed_in', %s),
                        'reveal_evidence', (SELECT jsonb_agg(jsonb_build_object('id', x.id, 'evidence_type', x.evidence_type,
                                                'significance', x.significance, 'evidence_description',
                                                x.evidence_description) ORDER BY x.id)
                                            FROM reveal_evidence x WHERE x.reveal_id = r.id),
                        'warnings', to_jsonb(array_remove(ARRAY[
                            CASE WHEN (SELECT (db.book_number, dc.chapter_number) > (rb.book_number, rc.chapter_number)
                                       FROM chapters dc JOIN books db ON db.id = dc.book_id,
                                            chapters rc JOIN books rb ON rb.id = rc.book_id
                                       WHERE dc.id = e.discovery_chapter AND rc.id = r.revealed_in_chapter)
                                 THEN 'the evidence is discovered after the chapter that reveals the information' END
                            ]::text[], NULL)))
                    FROM reveal_evidence e JOIN information_reveals r ON r.id = e.reveal_id WHERE e.id = ?"""
                    .formatted(EVIDENCE_JSON, CHAPTER_OF.formatted("r.revealed_in_chapter")),
                    id);
        }));
    }

    /** Fails naming the foreshadowing chapters that do not come before the reveal chapter in reading order. */
    private static void requireBefore(Sql sql, List<Integer> foreshadowing, int revealChapter) throws SQLException {
        String late = sql.text("""
                SELECT string_agg(f.id::text, ', ' ORDER BY f.id)
                FROM chapters f JOIN books fb ON fb.id = f.book_id,
                     chapters r JOIN books rb ON rb.id = r.book_id
                WHERE f.id = ANY(?::int[]) AND r.id = ?
                  AND (fb.book_number, f.chapter_number) >= (rb.book_number, r.chapter_number)""",
                foreshadowing, revealChapter);
        if (late != null) {
            throw ToolException.invalid("foreshadowing_chapters", "chapter(s) " + late + " do not come before the "
                    + "reveal chapter " + revealChapter + "; foreshadowing must precede the reveal");
        }
    }

    private static List<Integer> distinct(List<Integer> ids) {
        return ids == null ? null : new ArrayList<>(new LinkedHashSet<>(ids));
    }
}
