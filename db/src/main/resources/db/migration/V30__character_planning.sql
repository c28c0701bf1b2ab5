-- Character planning: what its tools store beyond V3, and the rules its enumerations imply.

-- create_character_arc takes a long-form arc_description; the reference table had no column for it.
ALTER TABLE character_arcs ADD COLUMN arc_description text;

-- Enumerated columns hold only the values the tools publish.
ALTER TABLE characters
    ADD CONSTRAINT characters_character_type_check
        CHECK (character_type IN ('main', 'supporting', 'minor', 'antagonist')),
    ADD CONSTRAINT characters_status_check
        CHECK (status IN ('alive', 'dead', 'missing', 'unknown'));

ALTER TABLE character_details
    ADD CONSTRAINT character_details_confidence_level_check
        CHECK (confidence_level IN ('established', 'mentioned', 'implied'));

ALTER TABLE relationship_arcs
    ADD CONSTRAINT relationship_arcs_relationship_type_check
        CHECK (relationship_type IN ('romantic', 'family', 'friendship', 'professional', 'antagonistic',
                                     'mentor', 'alliance'));

ALTER TABLE relationship_dynamics
    ADD CONSTRAINT relationship_dynamics_change_type_check
        CHECK (change_type IN ('emotional', 'power', 'trust', 'commitment', 'conflict')),
    -- the reference stored chapter_id without a reference to chapters
    ADD CONSTRAINT relationship_dynamics_chapter_id_fkey FOREIGN KEY (chapter_id) REFERENCES chapters (id);
CREATE INDEX relationship_dynamics_chapter_id_idx ON relationship_dynamics (chapter_id);
