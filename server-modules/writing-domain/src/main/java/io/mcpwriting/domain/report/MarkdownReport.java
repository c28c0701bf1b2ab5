package io.mcpwriting.domain.report;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Renders a report's JSON as markdown: a heading per section, a table per list of entities. */
final class MarkdownReport {

    /** A table column: its heading and how a cell is read from an entity. */
    private record Column(String heading, Function<Map<String, Object>, Object> cell) {

        static Column of(String heading, String key) {
            return new Column(heading, row -> row.get(key));
        }
    }

    private MarkdownReport() {
    }

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> report, Set<ReportSection> sections) {
        Map<String, Object> scope = (Map<String, Object>) report.get("scope");
        Map<String, Object> data = (Map<String, Object>) report.get("sections");
        StringBuilder out = new StringBuilder();
        if ("book".equals(scope.get("type"))) {
            out.append("# Report: ").append(text(scope.get("book_title"))).append("\n\n")
                    .append("Book ").append(scope.get("book_number")).append(" of *").append(text(scope.get("series_title")))
                    .append("* by ").append(text(scope.get("author"))).append("\n\n");
        } else {
            out.append("# Report: ").append(text(scope.get("series_title"))).append("\n\n")
                    .append("Series by ").append(text(scope.get("author"))).append("\n\n");
        }
        out.append("Generated ").append(report.get("generated_at")).append("\n");
        for (ReportSection section : sections) {
            out.append("\n## ").append(section.title).append("\n\n");
            Object value = data.get(section.key());
            if (section == ReportSection.SERIES_INFO) {
                seriesInfo(out, (Map<String, Object>) value);
                continue;
            }
            List<Map<String, Object>> rows = (List<Map<String, Object>>) value;
            if (rows.isEmpty()) {
                out.append("None recorded.\n");
                continue;
            }
            table(out, rows, columns(section));
            if (section == ReportSection.BOOKS && "book".equals(scope.get("type"))) {
                List<Map<String, Object>> chapters = (List<Map<String, Object>>) rows.get(0).get("chapters");
                out.append("\n### Chapters\n\n");
                if (chapters == null || chapters.isEmpty()) {
                    out.append("None recorded.\n");
                } else {
                    table(out, chapters, List.of(Column.of("#", "chapter_number"), Column.of("Title", "title"),
                            Column.of("Status", "status"), Column.of("Words", "word_count"),
                            Column.of("POV", "pov_character")));
                }
            }
        }
        return out.toString();
    }

    private static List<Column> columns(ReportSection section) {
        return switch (section) {
            case BOOKS -> List.of(Column.of("#", "book_number"), Column.of("Title", "title"), Column.of("Status", "status"),
                    Column.of("Chapters", "chapter_count"), Column.of("Words", "actual_word_count"),
                    Column.of("Target", "target_word_count"));
            case CHARACTERS -> List.of(Column.of("Name", "name"), Column.of("Type", "character_type"),
                    Column.of("Status", "status"), Column.of("First book", "first_appearance_book"),
                    Column.of("Last book", "last_appearance_book"), Column.of("Chapter appearances", "chapter_appearances"));
            case LOCATIONS -> List.of(Column.of("Name", "name"), Column.of("Type", "location_type"),
                    Column.of("Inside", "parent_location"), Column.of("Description", "description"),
                    Column.of("Usages", "usage_count"));
            case ORGANIZATIONS -> List.of(Column.of("Name", "name"), Column.of("Type", "organization_type"),
                    Column.of("Influence", "influence_level"), Column.of("Status", "status"),
                    Column.of("Headquarters", "headquarters"), Column.of("Usages", "usage_count"));
            case PLOT_THREADS -> List.of(Column.of("Title", "title"), Column.of("Type", "thread_type"),
                    Column.of("Status", "current_status"), Column.of("Importance", "importance_level"),
                    new Column("Books", row -> span(row.get("start_book"), row.get("end_book"))));
            case WORLD_ELEMENTS -> List.of(Column.of("Name", "name"), Column.of("Type", "element_type"),
                    Column.of("Rarity", "rarity"), Column.of("System", "system"), Column.of("Usages", "usage_count"));
            case TIMELINE_EVENTS -> List.of(Column.of("Date", "event_date"), Column.of("Event", "event_name"),
                    Column.of("Significance", "significance"), Column.of("Book", "book_number"),
                    Column.of("Participants", "participants"));
            case RELATIONSHIP_ARCS -> List.of(Column.of("Arc", "arc_name"), Column.of("Type", "relationship_type"),
                    Column.of("Participants", "participants"), Column.of("Current dynamic", "current_dynamic"),
                    Column.of("Changes", "dynamics_count"), Column.of("Net tension", "net_tension_change"));
            case SERIES_INFO -> throw new IllegalArgumentException("series_info is not a table");
        };
    }

    private static void seriesInfo(StringBuilder out, Map<String, Object> info) {
        if (info == null) {
            out.append("None recorded.\n");
            return;
        }
        line(out, "Title", info.get("title"));
        line(out, "Author", info.get("author"));
        line(out, "Status", info.get("status"));
        line(out, "Genres", info.get("genres"));
        line(out, "Target audience", info.get("target_audience"));
        line(out, "Started", info.get("start_year"));
        line(out, "Books", info.get("book_count"));
        line(out, "Words written", info.get("total_word_count"));
        if (info.get("description") != null) {
            out.append("\n").append(text(info.get("description"))).append('\n');
        }
    }

    private static void line(StringBuilder out, String label, Object value) {
        String cell = text(value);
        if (!cell.isEmpty()) {
            out.append("- **").append(label).append(":** ").append(cell).append('\n');
        }
    }

    private static void table(StringBuilder out, List<Map<String, Object>> rows, List<Column> columns) {
        out.append('|');
        columns.forEach(c -> out.append(' ').append(c.heading()).append(" |"));
        out.append("\n|");
        columns.forEach(c -> out.append(" --- |"));
        out.append('\n');
        for (Map<String, Object> row : rows) {
            out.append('|');
            for (Column column : columns) {
                out.append(' ').append(cell(column.cell().apply(row))).append(" |");
            }
            out.append('\n');
        }
    }

    private static Object span(Object start, Object end) {
        if (start == null && end == null) {
            return null;
        }
        return (start == null ? "?" : start) + "-" + (end == null ? "" : end);
    }

    /** A value as one line of text: lists joined with commas, nulls empty. */
    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(MarkdownReport::text).toList());
        }
        return value.toString().replaceAll("\\s+", " ").strip();
    }

    /** A table cell: one line, pipes escaped. */
    private static String cell(Object value) {
        return text(value).replace("|", "\\|");
    }
}
