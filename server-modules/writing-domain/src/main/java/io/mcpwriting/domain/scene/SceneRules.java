package io.mcpwriting.domain.scene;

import io.mcpwriting.domain.plot.PlotThreadTools;
import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.tool.ToolException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** Rules shared by the scene tools: lookup vocabularies, text limits, the characters a scene may name. */
final class SceneRules {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private SceneRules() {
    }

    /** The writing status in its stored form; unknown names fail, listing the known ones. */
    static String writingStatus(Sql sql, String argument, String value) throws SQLException {
        return known(sql, argument, value, "SELECT status_name FROM writing_statuses WHERE status_name = lower(trim(?))",
                "SELECT string_agg(status_name, ', ' ORDER BY id) FROM writing_statuses");
    }

    /** The scene type in its stored form; unknown names fail, listing the known ones. */
    static String sceneType(Sql sql, String argument, String value) throws SQLException {
        return known(sql, argument, value, "SELECT type_name FROM scene_types WHERE type_name = lower(trim(?))",
                "SELECT string_agg(type_name, ', ' ORDER BY id) FROM scene_types");
    }

    private static String known(Sql sql, String argument, String value, String lookup, String all) throws SQLException {
        if (value == null) {
            return null;
        }
        String stored = sql.text(lookup, value);
        if (stored == null) {
            throw ToolException.invalid(argument, "unknown value '" + value + "'; known values: " + sql.text(all));
        }
        return stored;
    }

    /** Trims the value and fails when it is blank or longer than the column allows. */
    static String text(String argument, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.isEmpty()) {
            throw ToolException.invalid(argument, "must not be blank");
        }
        if (stripped.length() > maxLength) {
            throw ToolException.invalid(argument, "must be at most " + maxLength + " characters (got "
                    + stripped.length() + ")");
        }
        return stripped;
    }

    static void notNegative(String argument, Integer value) {
        if (value != null && value < 0) {
            throw ToolException.invalid(argument, "must not be negative");
        }
    }

    /** Words in a text, as separated by whitespace; 0 for an empty text. */
    static int countWords(String content) {
        String stripped = content.strip();
        return stripped.isEmpty() ? 0 : WHITESPACE.split(stripped).length;
    }

    /** The ids without repeats, in their first order; null stays null. */
    static List<Integer> distinct(List<Integer> ids) {
        return ids == null ? null : new ArrayList<>(new LinkedHashSet<>(ids));
    }

    /** The series a chapter's book belongs to; fails when the chapter does not exist. */
    static int seriesOfChapter(Sql sql, int chapterId) throws SQLException {
        Long series = sql.number("SELECT b.series_id FROM chapters c JOIN books b ON b.id = c.book_id WHERE c.id = ?",
                chapterId);
        if (series == null) {
            throw ToolException.notFound("chapter", chapterId);
        }
        return series.intValue();
    }

    /** Fails unless the POV character and every participant are characters of the series. */
    static void requireCast(Sql sql, int seriesId, Integer povCharacterId, List<Integer> participants)
            throws SQLException {
        List<Integer> all = new ArrayList<>();
        if (povCharacterId != null) {
            all.add(povCharacterId);
        }
        if (participants != null) {
            all.addAll(participants);
        }
        PlotThreadTools.requireCharacters(sql, seriesId, distinct(all));
    }
}
