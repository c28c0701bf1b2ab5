-- Every remaining table of the writing schema (planning, continuity, review, sessions, audit), derived from the
-- reference schema with the same improvements as V1: time-zoned timestamps, updated_at kept by trigger, an index
-- on every foreign key (set-based queries join on them), and ARRAY columns typed (ids as integer[], text otherwise).

CREATE TABLE audit_logs (
    id serial PRIMARY KEY,
    timestamp timestamptz NOT NULL DEFAULT now(),
    operation varchar(50) NOT NULL,
    table_name varchar(255) NOT NULL,
    record_id varchar(255),
    user_id varchar(255),
    client_info jsonb,
    changes jsonb,
    success boolean NOT NULL,
    error_message text,
    execution_time_ms integer,
    query_hash varchar(64),
    CHECK (((operation)::text = ANY ((ARRAY['CREATE'::character varying, 'READ'::character varying, 'UPDATE'::character varying, 'DELETE'::character varying, 'BATCH_INSERT'::character varying, 'BATCH_UPDATE'::character varying, 'BATCH_DELETE'::character varying])::text[])))
);

CREATE TABLE chapter_scenes (
    id serial PRIMARY KEY,
    chapter_id integer NOT NULL,
    scene_number integer NOT NULL,
    scene_title varchar(255),
    scene_purpose varchar(100),
    scene_type varchar(50),
    location text,
    time_of_day varchar(50),
    duration text,
    summary text,
    word_count integer DEFAULT 0,
    pov_character_id integer,
    scene_participants integer[],
    notes text,
    writing_status varchar(50) DEFAULT 'planned',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    intensity_level integer,
    target_word_count integer,
    scene_elements text[],
    scene_outline text,
    scene_content text,
    scene_revisions text[],
    FOREIGN KEY (chapter_id) REFERENCES chapters (id),
    FOREIGN KEY (pov_character_id) REFERENCES characters (id),
    UNIQUE (chapter_id, scene_number),
    CHECK (((intensity_level >= 1) AND (intensity_level <= 10)))
);
CREATE INDEX chapter_scenes_chapter_id_idx ON chapter_scenes (chapter_id);
CREATE INDEX chapter_scenes_pov_character_id_idx ON chapter_scenes (pov_character_id);

CREATE TABLE character_arcs (
    id serial PRIMARY KEY,
    character_id integer NOT NULL,
    book_id integer NOT NULL,
    arc_name varchar(255),
    starting_state text,
    ending_state text,
    key_events text[],
    growth_areas text[],
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (book_id) REFERENCES books (id),
    FOREIGN KEY (character_id) REFERENCES characters (id),
    UNIQUE (book_id, character_id)
);
CREATE INDEX character_arcs_book_id_idx ON character_arcs (book_id);
CREATE INDEX character_arcs_character_id_idx ON character_arcs (character_id);

CREATE TABLE character_chapter_presence (
    id serial PRIMARY KEY,
    character_id integer NOT NULL,
    chapter_id integer NOT NULL,
    presence_type varchar(50) NOT NULL,
    importance_level varchar(50),
    physical_state text,
    emotional_state text,
    clothing_description text,
    notable_appearance_details text,
    character_function text[],
    goals_in_chapter text[],
    obstacles_faced text[],
    enters_at_scene integer,
    exits_at_scene integer,
    arrival_method text,
    departure_method text,
    interacts_with integer[],
    conflicts_with integer[],
    allies_with integer[],
    learns_this_chapter text[],
    reveals_this_chapter text[],
    suspects_this_chapter text[],
    character_growth text,
    key_decisions text[],
    mistakes_made text[],
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    scene_id integer,
    FOREIGN KEY (chapter_id) REFERENCES chapters (id),
    FOREIGN KEY (character_id) REFERENCES characters (id),
    FOREIGN KEY (scene_id) REFERENCES chapter_scenes (id),
    UNIQUE (chapter_id, character_id)
);
CREATE INDEX character_chapter_presence_chapter_id_idx ON character_chapter_presence (chapter_id);
CREATE INDEX character_chapter_presence_character_id_idx ON character_chapter_presence (character_id);
CREATE INDEX character_chapter_presence_scene_id_idx ON character_chapter_presence (scene_id);

CREATE TABLE character_details (
    id serial PRIMARY KEY,
    character_id integer NOT NULL,
    category varchar(100) NOT NULL,
    attribute varchar(100) NOT NULL,
    value text NOT NULL,
    source_book_id integer,
    confidence_level varchar(20) DEFAULT 'established',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (character_id) REFERENCES characters (id),
    FOREIGN KEY (source_book_id) REFERENCES books (id),
    UNIQUE (attribute, category, character_id)
);
CREATE INDEX character_details_character_id_idx ON character_details (character_id);
CREATE INDEX character_details_source_book_id_idx ON character_details (source_book_id);

CREATE TABLE character_knowledge (
    id serial PRIMARY KEY,
    character_id integer NOT NULL,
    knowledge_category varchar(100) NOT NULL,
    knowledge_item varchar(255) NOT NULL,
    knowledge_level varchar(50) DEFAULT 'knows',
    learned_book_id integer,
    learned_context text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (character_id) REFERENCES characters (id),
    FOREIGN KEY (learned_book_id) REFERENCES books (id)
);
CREATE INDEX character_knowledge_character_id_idx ON character_knowledge (character_id);
CREATE INDEX character_knowledge_learned_book_id_idx ON character_knowledge (learned_book_id);

CREATE TABLE event_chapter_mappings (
    id serial PRIMARY KEY,
    event_id integer,
    chapter_id integer,
    scene_number integer,
    presentation_type varchar(100),
    pov_character_id integer,
    event_aspect varchar(255),
    completeness varchar(50),
    narrative_function text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (chapter_id) REFERENCES chapters (id),
    FOREIGN KEY (event_id) REFERENCES timeline_events (id),
    FOREIGN KEY (pov_character_id) REFERENCES characters (id)
);
CREATE INDEX event_chapter_mappings_chapter_id_idx ON event_chapter_mappings (chapter_id);
CREATE INDEX event_chapter_mappings_event_id_idx ON event_chapter_mappings (event_id);
CREATE INDEX event_chapter_mappings_pov_character_id_idx ON event_chapter_mappings (pov_character_id);

CREATE TABLE information_reveals (
    id serial PRIMARY KEY,
    plot_thread_id integer,
    reveal_type varchar(100),
    information_content text NOT NULL,
    reveal_method varchar(255),
    significance_level varchar(50),
    affects_characters integer[],
    revealed_in_chapter integer,
    consequences text,
    foreshadowing_chapters integer[],
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (plot_thread_id) REFERENCES plot_threads (id)
);
CREATE INDEX information_reveals_plot_thread_id_idx ON information_reveals (plot_thread_id);

CREATE TABLE locations (
    id serial PRIMARY KEY,
    series_id integer NOT NULL,
    name varchar(255) NOT NULL,
    location_type varchar(100) NOT NULL,
    description text,
    parent_location_id integer,
    climate varchar(100),
    terrain varchar(100),
    notable_features text[],
    atmosphere text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (parent_location_id) REFERENCES locations (id),
    FOREIGN KEY (series_id) REFERENCES series (id)
);
CREATE INDEX locations_parent_location_id_idx ON locations (parent_location_id);
CREATE INDEX locations_series_id_idx ON locations (series_id);

CREATE TABLE manuscript_exports (
    id serial PRIMARY KEY,
    book_id integer NOT NULL,
    export_format varchar(50) NOT NULL,
    export_type varchar(50) NOT NULL,
    chapters_included integer[],
    total_word_count integer,
    total_pages integer,
    export_date timestamptz DEFAULT now(),
    filename varchar(255),
    file_size integer,
    file_path text,
    include_chapter_summaries boolean DEFAULT false,
    include_character_notes boolean DEFAULT false,
    include_metadata boolean DEFAULT true,
    formatting_template varchar(100),
    export_notes text,
    intended_use varchar(100),
    created_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (book_id) REFERENCES books (id)
);
CREATE INDEX manuscript_exports_book_id_idx ON manuscript_exports (book_id);

CREATE TABLE organizations (
    id serial PRIMARY KEY,
    series_id integer NOT NULL,
    name varchar(255) NOT NULL,
    organization_type varchar(100) NOT NULL,
    description text,
    headquarters_location_id integer,
    parent_organization_id integer,
    influence_level integer,
    member_count integer,
    status varchar(50) DEFAULT 'active',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (headquarters_location_id) REFERENCES locations (id),
    FOREIGN KEY (parent_organization_id) REFERENCES organizations (id),
    FOREIGN KEY (series_id) REFERENCES series (id),
    CHECK (((influence_level >= 1) AND (influence_level <= 10)))
);
CREATE INDEX organizations_headquarters_location_id_idx ON organizations (headquarters_location_id);
CREATE INDEX organizations_parent_organization_id_idx ON organizations (parent_organization_id);
CREATE INDEX organizations_series_id_idx ON organizations (series_id);

CREATE TABLE plot_thread_relationships (
    id serial PRIMARY KEY,
    thread_a_id integer NOT NULL,
    thread_b_id integer NOT NULL,
    relationship_type_id integer NOT NULL,
    relationship_description text,
    strength integer DEFAULT 5,
    established_book integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (relationship_type_id) REFERENCES relationship_types (id),
    FOREIGN KEY (thread_a_id) REFERENCES plot_threads (id),
    FOREIGN KEY (thread_b_id) REFERENCES plot_threads (id),
    CHECK (((strength >= 1) AND (strength <= 10))),
    CHECK ((thread_a_id <> thread_b_id))
);
CREATE INDEX plot_thread_relationships_relationship_type_id_idx ON plot_thread_relationships (relationship_type_id);
CREATE INDEX plot_thread_relationships_thread_a_id_idx ON plot_thread_relationships (thread_a_id);
CREATE INDEX plot_thread_relationships_thread_b_id_idx ON plot_thread_relationships (thread_b_id);

CREATE TABLE relationship_arcs (
    id serial PRIMARY KEY,
    plot_thread_id integer,
    arc_name varchar(255) NOT NULL,
    participants jsonb NOT NULL,
    relationship_type varchar(100),
    current_dynamic text,
    development_factors text[],
    complexity_level integer,
    milestone_events jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (plot_thread_id) REFERENCES plot_threads (id),
    CHECK (((complexity_level >= 1) AND (complexity_level <= 10)))
);
CREATE INDEX relationship_arcs_plot_thread_id_idx ON relationship_arcs (plot_thread_id);

CREATE TABLE relationship_dynamics (
    id serial PRIMARY KEY,
    arc_id integer,
    chapter_id integer,
    scene_id integer,
    dynamic_change text,
    tension_change integer,
    change_type varchar(100),
    trigger_event text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (arc_id) REFERENCES relationship_arcs (id),
    FOREIGN KEY (scene_id) REFERENCES chapter_scenes (id),
    CHECK (((tension_change >= '-10'::integer) AND (tension_change <= 10)))
);
CREATE INDEX relationship_dynamics_arc_id_idx ON relationship_dynamics (arc_id);
CREATE INDEX relationship_dynamics_scene_id_idx ON relationship_dynamics (scene_id);

CREATE TABLE reveal_evidence (
    id serial PRIMARY KEY,
    reveal_id integer,
    evidence_type varchar(50),
    evidence_description text NOT NULL,
    discovered_by integer,
    discovery_chapter integer,
    significance varchar(50),
    linked_reveals integer[],
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (reveal_id) REFERENCES information_reveals (id)
);
CREATE INDEX reveal_evidence_reveal_id_idx ON reveal_evidence (reveal_id);

CREATE TABLE series_timeline (
    id serial PRIMARY KEY,
    series_id integer NOT NULL,
    name varchar(255) NOT NULL,
    description text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (series_id) REFERENCES series (id)
);
CREATE INDEX series_timeline_series_id_idx ON series_timeline (series_id);

CREATE TABLE tropes (
    id serial PRIMARY KEY,
    series_id integer,
    trope_name varchar(255) NOT NULL,
    trope_category varchar(100),
    description text,
    common_elements text[],
    typical_trajectory text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (series_id) REFERENCES series (id)
);
CREATE INDEX tropes_series_id_idx ON tropes (series_id);

CREATE TABLE validation_rules (
    id serial PRIMARY KEY,
    book_id integer,
    series_id integer,
    rule_name varchar(100) NOT NULL,
    rule_type varchar(50) NOT NULL,
    rule_category varchar(50),
    rule_description text,
    rule_parameters jsonb,
    severity varchar(20) DEFAULT 'warning',
    active boolean DEFAULT true,
    auto_check boolean DEFAULT true,
    author_notes text,
    custom_message text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (book_id) REFERENCES books (id),
    FOREIGN KEY (series_id) REFERENCES series (id),
    CHECK (((book_id IS NULL) <> (series_id IS NULL)))
);
CREATE INDEX validation_rules_book_id_idx ON validation_rules (book_id);
CREATE INDEX validation_rules_series_id_idx ON validation_rules (series_id);

CREATE TABLE word_count_snapshots (
    id serial PRIMARY KEY,
    book_id integer NOT NULL,
    chapter_id integer,
    snapshot_date date DEFAULT CURRENT_DATE,
    snapshot_type varchar(50) DEFAULT 'daily',
    book_word_count integer,
    chapter_word_count integer,
    scene_word_count integer,
    words_added integer DEFAULT 0,
    words_removed integer DEFAULT 0,
    net_change integer DEFAULT 0,
    trigger_event varchar(100),
    notes text,
    created_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (book_id) REFERENCES books (id),
    FOREIGN KEY (chapter_id) REFERENCES chapters (id)
);
CREATE INDEX word_count_snapshots_book_id_idx ON word_count_snapshots (book_id);
CREATE INDEX word_count_snapshots_chapter_id_idx ON word_count_snapshots (chapter_id);

CREATE TABLE world_element_usage (
    id serial PRIMARY KEY,
    element_type varchar(50) NOT NULL,
    element_id integer NOT NULL,
    book_id integer NOT NULL,
    chapter_id integer,
    usage_notes text,
    importance_level varchar(50) DEFAULT 'minor',
    created_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (book_id) REFERENCES books (id),
    FOREIGN KEY (chapter_id) REFERENCES chapters (id)
);
CREATE INDEX world_element_usage_book_id_idx ON world_element_usage (book_id);
CREATE INDEX world_element_usage_chapter_id_idx ON world_element_usage (chapter_id);

CREATE TABLE world_systems (
    id serial PRIMARY KEY,
    series_id integer,
    system_name varchar(255) NOT NULL,
    system_type varchar(100),
    power_source text,
    access_method text,
    limitations text[],
    system_rules text[],
    power_scaling jsonb,
    system_users integer[],
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (series_id) REFERENCES series (id)
);
CREATE INDEX world_systems_series_id_idx ON world_systems (series_id);

CREATE TABLE writing_goals (
    id serial PRIMARY KEY,
    book_id integer NOT NULL,
    goal_type varchar(50) NOT NULL,
    target_value integer NOT NULL,
    start_date date DEFAULT CURRENT_DATE,
    target_date date NOT NULL,
    current_progress integer DEFAULT 0,
    completion_percentage numeric DEFAULT 0.00,
    completed boolean DEFAULT false,
    completion_date date,
    description text,
    motivation text,
    reward text,
    active boolean DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (book_id) REFERENCES books (id)
);
CREATE INDEX writing_goals_book_id_idx ON writing_goals (book_id);

CREATE TABLE writing_sessions (
    id serial PRIMARY KEY,
    book_id integer NOT NULL,
    chapter_id integer,
    session_date date NOT NULL,
    start_time time without time zone,
    end_time time without time zone,
    duration_minutes integer,
    words_written integer DEFAULT 0,
    words_edited integer DEFAULT 0,
    net_words integer DEFAULT 0,
    session_type varchar(50) DEFAULT 'writing',
    mood_rating integer,
    energy_level integer,
    focus_quality varchar(50),
    writing_location varchar(100),
    distractions text,
    session_notes text,
    goals_for_session text,
    goals_achieved boolean DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (book_id) REFERENCES books (id),
    FOREIGN KEY (chapter_id) REFERENCES chapters (id),
    CHECK (((mood_rating >= 1) AND (mood_rating <= 10))),
    CHECK (((energy_level >= 1) AND (energy_level <= 10)))
);
CREATE INDEX writing_sessions_book_id_idx ON writing_sessions (book_id);
CREATE INDEX writing_sessions_chapter_id_idx ON writing_sessions (chapter_id);

CREATE TABLE chapter_plot_points (
    id serial PRIMARY KEY,
    chapter_id integer NOT NULL,
    scene_id integer,
    plot_point_type varchar(50),
    event_description text,
    importance_level varchar(50),
    affects_characters integer[],
    changes_relationships text[],
    reveals_information text[],
    creates_conflicts text[],
    resolves_conflicts text[],
    immediate_consequences text[],
    long_term_consequences text[],
    sets_up_future_events text[],
    pays_off_previous_setup text[],
    occurs_at_scene integer,
    timing_within_scene varchar(50),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (chapter_id) REFERENCES chapters (id),
    FOREIGN KEY (scene_id) REFERENCES chapter_scenes (id)
);
CREATE INDEX chapter_plot_points_chapter_id_idx ON chapter_plot_points (chapter_id);
CREATE INDEX chapter_plot_points_scene_id_idx ON chapter_plot_points (scene_id);

CREATE TABLE character_system_progression (
    id serial PRIMARY KEY,
    character_id integer,
    system_id integer,
    book_id integer,
    chapter_id integer,
    current_power_level integer,
    abilities_gained text[],
    progression_method text,
    cost_or_sacrifice text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (system_id) REFERENCES world_systems (id)
);
CREATE INDEX character_system_progression_system_id_idx ON character_system_progression (system_id);

CREATE TABLE information_flow (
    id serial PRIMARY KEY,
    reveal_id integer,
    learned_by_character_id integer NOT NULL,
    learned_in_chapter integer,
    learned_from_character_id integer,
    knowledge_level varchar(50) DEFAULT 'complete',
    learning_context text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (reveal_id) REFERENCES information_reveals (id)
);
CREATE INDEX information_flow_reveal_id_idx ON information_flow (reveal_id);

CREATE TABLE session_chapters (
    id serial PRIMARY KEY,
    session_id integer NOT NULL,
    chapter_id integer NOT NULL,
    words_written_on_chapter integer DEFAULT 0,
    FOREIGN KEY (chapter_id) REFERENCES chapters (id),
    FOREIGN KEY (session_id) REFERENCES writing_sessions (id),
    UNIQUE (chapter_id, session_id)
);
CREATE INDEX session_chapters_chapter_id_idx ON session_chapters (chapter_id);
CREATE INDEX session_chapters_session_id_idx ON session_chapters (session_id);

CREATE TABLE system_abilities (
    id serial PRIMARY KEY,
    system_id integer,
    ability_name varchar(255) NOT NULL,
    ability_description text,
    power_level integer,
    requirements text,
    limitations text,
    characters_with_ability integer[],
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (system_id) REFERENCES world_systems (id),
    CHECK (((power_level >= 1) AND (power_level <= 10)))
);
CREATE INDEX system_abilities_system_id_idx ON system_abilities (system_id);

CREATE TABLE trope_instances (
    id serial PRIMARY KEY,
    trope_id integer,
    book_id integer,
    instance_notes text,
    subversion_notes text,
    completion_status varchar(50) DEFAULT 'in_progress',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (book_id) REFERENCES books (id),
    FOREIGN KEY (trope_id) REFERENCES tropes (id)
);
CREATE INDEX trope_instances_book_id_idx ON trope_instances (book_id);
CREATE INDEX trope_instances_trope_id_idx ON trope_instances (trope_id);

CREATE TABLE trope_scene_types (
    id serial PRIMARY KEY,
    trope_id integer,
    scene_function varchar(100) NOT NULL,
    scene_description text NOT NULL,
    typical_placement varchar(50),
    required boolean DEFAULT false,
    narrative_purpose text,
    emotional_beats text[],
    created_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (trope_id) REFERENCES tropes (id),
    UNIQUE (scene_function, trope_id)
);
CREATE INDEX trope_scene_types_trope_id_idx ON trope_scene_types (trope_id);

CREATE TABLE trope_scenes (
    id serial PRIMARY KEY,
    instance_id integer,
    scene_type_id integer,
    chapter_id integer,
    scene_number integer,
    scene_summary text,
    effectiveness_rating integer,
    variation_notes text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    scene_id integer,
    scene_elements text[],
    implementation_notes text,
    FOREIGN KEY (instance_id) REFERENCES trope_instances (id),
    FOREIGN KEY (scene_id) REFERENCES chapter_scenes (id),
    FOREIGN KEY (scene_type_id) REFERENCES trope_scene_types (id),
    UNIQUE (instance_id, scene_type_id),
    CHECK (((effectiveness_rating >= 1) AND (effectiveness_rating <= 10)))
);
CREATE INDEX trope_scenes_instance_id_idx ON trope_scenes (instance_id);
CREATE INDEX trope_scenes_scene_id_idx ON trope_scenes (scene_id);
CREATE INDEX trope_scenes_scene_type_id_idx ON trope_scenes (scene_type_id);

CREATE TABLE validation_results (
    id serial PRIMARY KEY,
    book_id integer NOT NULL,
    validation_rule_id integer,
    chapter_id integer,
    scene_id integer,
    validation_date timestamptz DEFAULT now(),
    result_status varchar(50) NOT NULL,
    violation_count integer DEFAULT 0,
    issue_description text,
    suggested_fix text,
    violation_details jsonb,
    auto_generated boolean DEFAULT true,
    acknowledged boolean DEFAULT false,
    resolved boolean DEFAULT false,
    resolution_notes text,
    created_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (book_id) REFERENCES books (id),
    FOREIGN KEY (chapter_id) REFERENCES chapters (id),
    FOREIGN KEY (scene_id) REFERENCES chapter_scenes (id),
    FOREIGN KEY (validation_rule_id) REFERENCES validation_rules (id)
);
CREATE INDEX validation_results_book_id_idx ON validation_results (book_id);
CREATE INDEX validation_results_chapter_id_idx ON validation_results (chapter_id);
CREATE INDEX validation_results_scene_id_idx ON validation_results (scene_id);
CREATE INDEX validation_results_validation_rule_id_idx ON validation_results (validation_rule_id);

CREATE TABLE world_elements (
    id serial PRIMARY KEY,
    series_id integer NOT NULL,
    name varchar(255) NOT NULL,
    element_type varchar(100) NOT NULL,
    description text,
    rules_text text,
    power_level integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    power_source text,
    rarity varchar(50) DEFAULT 'common',
    cultural_impact text,
    access_method text,
    rules text[],
    limitations text[],
    system_id integer,
    FOREIGN KEY (series_id) REFERENCES series (id),
    FOREIGN KEY (system_id) REFERENCES world_systems (id),
    CHECK (((power_level >= 1) AND (power_level <= 10)))
);
CREATE INDEX world_elements_series_id_idx ON world_elements (series_id);
CREATE INDEX world_elements_system_id_idx ON world_elements (system_id);

DO
$$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY ['chapter_scenes', 'character_arcs', 'character_chapter_presence', 'character_details', 'character_knowledge', 'event_chapter_mappings', 'information_reveals', 'locations', 'organizations', 'relationship_arcs', 'relationship_dynamics', 'reveal_evidence', 'series_timeline', 'tropes', 'validation_rules', 'world_systems', 'writing_goals', 'writing_sessions', 'chapter_plot_points', 'character_system_progression', 'information_flow', 'system_abilities', 'trope_instances', 'trope_scenes', 'world_elements']
        LOOP
            EXECUTE format('CREATE TRIGGER %I_touch BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION touch_updated_at()', t, t);
        END LOOP;
END;
$$;
