package io.mcpwriting.domain.catalog;

/** The lookup tables get_available_options lists; each names its table and its name/description columns. */
public enum OptionType {
    GENRES("genres", "genre_name", "genre_description"),
    PLOT_THREAD_TYPES("plot_thread_types", "type_name", "type_description"),
    PLOT_THREAD_STATUSES("plot_thread_statuses", "status_name", "status_description"),
    RELATIONSHIP_TYPES("relationship_types", "type_name", "type_description"),
    STORY_CONCERNS("story_concerns", "concern_name", "concern_description"),
    STORY_OUTCOMES("story_outcomes", "outcome_name", "outcome_description"),
    STORY_JUDGMENTS("story_judgments", "judgment_name", "judgment_description"),
    SCENE_PURPOSES("scene_purposes", "purpose_name", "purpose_description"),
    SCENE_TYPES("scene_types", "type_name", "type_description"),
    WRITING_STATUSES("writing_statuses", "status_name", "status_description");

    final String table;
    final String nameColumn;
    final String descriptionColumn;

    OptionType(String table, String nameColumn, String descriptionColumn) {
        this.table = table;
        this.nameColumn = nameColumn;
        this.descriptionColumn = descriptionColumn;
    }
}
