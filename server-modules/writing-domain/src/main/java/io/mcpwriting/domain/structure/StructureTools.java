package io.mcpwriting.domain.structure;

import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** Structure and continuity checks of a book, computed from its chapters, scenes and continuity records. */
@ApplicationScoped
public class StructureTools {

    @Inject
    Db db;

    @Tool(name = "validate_chapter_structure", description = "Check the structure of a book's chapters and scenes and "
            + "report every problem found. basic: chapter numbering gaps (whole book), part order, chapters without "
            + "scenes, scene numbering gaps, missing or duplicate chapter titles. detailed adds: scenes without a POV "
            + "character, POV characters without a presence record in their chapter, scene POV differing from the "
            + "chapter POV, chapter word counts differing from their scenes' total. comprehensive adds: characters of "
            + "another series or that do not exist, presence records tied to another chapter's scene or with "
            + "impossible entry/exit scenes, participants without presence records, POV not among participants, "
            + "story dates out of order, missing summaries. The result lists every check run with its finding count, "
            + "the issues (severity error, warning or info), a summary, and valid = no errors.", readOnly = true)
    public JsonText validateChapterStructure(
            @Arg(value = "book_id", required = true, description = "Book to check") int bookId,
            @Arg(value = "chapter_ids", description = "Only these chapters of the book (numbering is always checked "
                    + "over the whole book); all chapters when absent") List<Integer> chapterIds,
            @Arg(value = "validation_level", defaultValue = "detailed", description = "How deep to check; each level "
                    + "includes the ones before it") ValidationLevel validationLevel) {
        List<Integer> chapters = chapterIds == null ? null : new ArrayList<>(new LinkedHashSet<>(chapterIds));
        return new JsonText(db.read(sql -> {
            BookScope.requireBook(sql, bookId);
            BookScope.requireChapters(sql, bookId, chapters);
            String report = new BookAnalysis(bookId, chapters)
                    .header("validation_level", validationLevel)
                    .header("chapter_ids", chapters == null || chapters.isEmpty() ? null : chapters)
                    .checks(StructureChecks.forLevel(validationLevel))
                    .listedAs("issues")
                    .section("valid", "NOT EXISTS (SELECT 1 FROM findings WHERE severity = 'error')")
                    .run(sql);
            return report;
        }));
    }

    @Tool(name = "check_structure_violations", description = "Look for continuity violations in a book. "
            + "character_continuity: characters of another series, presence records tied to another chapter's scene, "
            + "impossible entry/exit scenes, scene participants or POV characters without a presence record, "
            + "characters appearing outside their recorded first/last appearance books. timeline_consistency: "
            + "directly shown timeline events out of story order, events of another book, event mappings to missing "
            + "scenes, chapter story dates out of order. pov_consistency: scenes without POV, POV characters absent "
            + "from the chapter, scene POV differing from the chapter's or from an event mapping's, POV switches, POV "
            + "not among participants. location_consistency: scene locations outside their chapter's locations, "
            + "unknown locations, scenes without any location. plot_holes: foreshadowing after the reveal, characters "
            + "learning information before it is revealed, evidence found after the reveal, threads meant to end in "
            + "this book still open, setups never paid off. Only violations at or above severity_threshold are "
            + "listed; the rest are counted.", readOnly = true)
    public JsonText checkStructureViolations(
            @Arg(value = "book_id", required = true, description = "Book to check") int bookId,
            @Arg(value = "violation_types", defaultValue = "character_continuity,timeline_consistency,pov_consistency",
                    description = "Kinds of violation to look for") List<ViolationType> violationTypes,
            @Arg(value = "severity_threshold", defaultValue = "warning", description = "Lowest severity to list: info "
                    + "lists everything, error only errors") Severity severityThreshold) {
        List<ViolationType> types = new ArrayList<>(new LinkedHashSet<>(violationTypes));
        if (types.isEmpty()) {
            throw ToolException.invalid("violation_types", "name at least one violation type");
        }
        return new JsonText(db.read(sql -> {
            BookScope.requireBook(sql, bookId);
            BookAnalysis analysis = new BookAnalysis(bookId, null)
                    .header("violation_types", types.stream().map(t -> t.name().toLowerCase(Locale.ROOT)).toList())
                    .header("severity_threshold", severityThreshold)
                    .threshold(severityThreshold)
                    .listedAs("violations");
            for (StructureCheck check : StructureChecks.forViolations(types)) {
                ViolationType category = StructureChecks.typesOf(check).stream().filter(types::contains).findFirst()
                        .orElseThrow();
                analysis.check(check, category.name().toLowerCase(Locale.ROOT));
            }
            return analysis.section("clean", "NOT EXISTS (SELECT 1 FROM ranked WHERE reported)").run(sql);
        }));
    }
}
