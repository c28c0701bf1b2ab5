package io.mcpwriting.domain.structure;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The checks of a book's structure and continuity, each computed from stored data: which level of
 * validate_chapter_structure runs it, and which violation type of check_structure_violations it belongs to. The
 * checks are defined by theme ({@link ChapterShapeChecks}, {@link PointOfViewChecks}, {@link CharacterChecks},
 * {@link TimeAndPlaceChecks}, {@link PlotHoleChecks}); this is their catalogue, in the order they run.
 */
final class StructureChecks {

    /** A check with where it is used: from a validation level on (or never), and under violation types (main first). */
    record Entry(StructureCheck check, ValidationLevel level, List<ViolationType> types) {
    }

    /** The checks of one theme, with where each is used, in the order they are defined. */
    static final class Section {
        private final List<Entry> entries = new ArrayList<>();

        /** Adds {@code check}, run from {@code level} on (null: by no level) and under {@code types}. */
        StructureCheck add(ValidationLevel level, List<ViolationType> types, StructureCheck check) {
            entries.add(new Entry(check, level, types));
            return check;
        }

        List<Entry> entries() {
            return List.copyOf(entries);
        }
    }

    private static final List<Entry> ALL = Stream.of(ChapterShapeChecks.SHAPE, PointOfViewChecks.POINT_OF_VIEW,
            ChapterShapeChecks.WORD_COUNTS, CharacterChecks.CHARACTERS, TimeAndPlaceChecks.STORY_TIME,
            TimeAndPlaceChecks.LOCATIONS, PlotHoleChecks.PLOT_HOLES).flatMap(s -> s.entries().stream()).toList();

    private StructureChecks() {
    }

    /** The checks of a validation level: its own and those of the levels below it. */
    static List<StructureCheck> forLevel(ValidationLevel level) {
        return ALL.stream().filter(e -> e.level() != null && e.level().compareTo(level) <= 0)
                .map(Entry::check).toList();
    }

    /** The checks that look for any of the violation types. */
    static List<StructureCheck> forViolations(List<ViolationType> types) {
        return ALL.stream().filter(e -> e.types().stream().anyMatch(types::contains)).map(Entry::check).toList();
    }

    /** The violation types a check belongs to, the one it mainly looks for first. */
    static List<ViolationType> typesOf(StructureCheck check) {
        return ALL.stream().filter(e -> e.check() == check).findFirst().map(Entry::types).orElse(List.of());
    }
}
