package io.mcpwriting.domain.structure;

import java.util.ArrayList;
import java.util.List;

/**
 * The standard story beats, where they are expected (percent of the book, by chapter position), and the
 * labels that mark them on chapters (dramatic_function, chapter_purpose), scenes (scene_purpose) and plot points
 * (plot_point_type). Labels are compared lower-cased with spaces and punctuation as underscores.
 */
final class Beats {

    /**
     * A beat: canonical order, whether every book is expected to have it, its standard range and the wider range
     * used with flexible guidelines (percent of the book).
     */
    record Beat(String name, boolean core, int standardFrom, int standardTo, int flexibleFrom, int flexibleTo,
                List<String> labels, List<String> chapterOnlyLabels) {
    }

    static final List<Beat> ALL = List.of(
            new Beat("opening_hook", false, 0, 5, 0, 10, List.of("opening_hook", "opening_image", "opening"),
                    List.of("hook")),
            new Beat("inciting_incident", true, 5, 15, 3, 20,
                    List.of("inciting_incident", "inciting_event", "inciting", "catalyst", "call_to_adventure"),
                    List.of()),
            new Beat("first_plot_point", false, 20, 30, 15, 35,
                    List.of("first_plot_point", "plot_point_1", "plot_point_one", "first_turning_point",
                            "turning_point_1", "break_into_two", "break_into_act_two", "end_of_act_one",
                            "end_of_act_1", "lock_in"), List.of()),
            new Beat("first_pinch_point", false, 33, 42, 28, 45,
                    List.of("first_pinch_point", "pinch_point_1", "pinch_point_one", "pinch_1"), List.of()),
            new Beat("midpoint", true, 45, 55, 40, 60,
                    List.of("midpoint", "mid_point", "midpoint_reversal", "midpoint_twist", "midpoint_shift"),
                    List.of()),
            new Beat("second_pinch_point", false, 58, 67, 55, 72,
                    List.of("second_pinch_point", "pinch_point_2", "pinch_point_two", "pinch_2"), List.of()),
            new Beat("second_plot_point", false, 70, 80, 65, 85,
                    List.of("second_plot_point", "plot_point_2", "plot_point_two", "second_turning_point",
                            "turning_point_2", "all_is_lost", "dark_night_of_the_soul", "dark_moment",
                            "break_into_three", "break_into_act_three", "end_of_act_two", "end_of_act_2", "crisis"),
                    List.of()),
            new Beat("climax", true, 85, 95, 78, 98,
                    List.of("climax", "climactic", "final_battle", "finale", "showdown", "final_confrontation"),
                    List.of()),
            new Beat("resolution", false, 95, 100, 90, 100,
                    List.of("denouement", "falling_action", "final_image", "wrap_up"),
                    List.of("resolution", "aftermath", "ending")));

    private Beats() {
    }

    /** {@code beat_def} and {@code beat_alias} expressions; their parameters come from {@link #params}. */
    static final String DEFINITIONS = """
            beat_def AS (SELECT * FROM unnest(?::text[], ?::int[], ?::boolean[], ?::int[], ?::int[], ?::int[], ?::int[])
                                       AS d(beat, ord, core, lo, hi, std_lo, std_hi)),
            beat_alias AS (SELECT * FROM unnest(?::text[], ?::text[], ?::boolean[]) AS a(alias, beat, chapter_only))""";

    /** Parameters of {@link #DEFINITIONS}: the expected range is the flexible or the standard one. */
    static Object[] params(boolean flexible) {
        List<String> names = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        List<Boolean> core = new ArrayList<>();
        List<Integer> from = new ArrayList<>();
        List<Integer> to = new ArrayList<>();
        List<Integer> standardFrom = new ArrayList<>();
        List<Integer> standardTo = new ArrayList<>();
        List<String> aliases = new ArrayList<>();
        List<String> aliasBeats = new ArrayList<>();
        List<Boolean> chapterOnly = new ArrayList<>();
        for (int i = 0; i < ALL.size(); i++) {
            Beat beat = ALL.get(i);
            names.add(beat.name());
            order.add(i + 1);
            core.add(beat.core());
            from.add(flexible ? beat.flexibleFrom() : beat.standardFrom());
            to.add(flexible ? beat.flexibleTo() : beat.standardTo());
            standardFrom.add(beat.standardFrom());
            standardTo.add(beat.standardTo());
            for (String label : beat.labels()) {
                aliases.add(label);
                aliasBeats.add(beat.name());
                chapterOnly.add(false);
            }
            for (String label : beat.chapterOnlyLabels()) {
                aliases.add(label);
                aliasBeats.add(beat.name());
                chapterOnly.add(true);
            }
        }
        return new Object[] {names, order, core, from, to, standardFrom, standardTo, aliases, aliasBeats,
            chapterOnly};
    }
}
