-- What the chapter-planning tools need beyond V1-V3: where (chapter, scene) a character learned something,
-- usage/activity details for world tracking, and natural keys so that a retried write never duplicates a row.

-- Character knowledge: learned in a chapter (and scene), one row per character, item and chapter, so a
-- character's knowledge can change over the story (suspects in chapter 3, knows in chapter 7).
ALTER TABLE character_knowledge ADD COLUMN IF NOT EXISTS learned_chapter_id integer REFERENCES chapters (id);
ALTER TABLE character_knowledge ADD COLUMN IF NOT EXISTS learned_scene integer CHECK (learned_scene >= 1);
CREATE INDEX IF NOT EXISTS character_knowledge_learned_chapter_id_idx ON character_knowledge (learned_chapter_id);
CREATE UNIQUE INDEX character_knowledge_item_chapter_key
    ON character_knowledge (character_id, lower(knowledge_category), lower(knowledge_item), learned_chapter_id)
    NULLS NOT DISTINCT;

-- World usage: one table for locations, world elements and organizations (element_type says which).
ALTER TABLE world_element_usage ADD COLUMN IF NOT EXISTS power_level integer CHECK (power_level BETWEEN 1 AND 10);
ALTER TABLE world_element_usage ADD COLUMN IF NOT EXISTS activity_type varchar(100);
ALTER TABLE world_element_usage ADD COLUMN IF NOT EXISTS involved_characters integer[];
ALTER TABLE world_element_usage ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();
CREATE TRIGGER world_element_usage_touch BEFORE UPDATE ON world_element_usage
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE UNIQUE INDEX world_element_usage_key
    ON world_element_usage (element_type, element_id, book_id, chapter_id, activity_type) NULLS NOT DISTINCT;
CREATE INDEX world_element_usage_element_idx ON world_element_usage (element_type, element_id);

-- Event-to-chapter mappings: the same event told the same way at the same place is one mapping.
CREATE UNIQUE INDEX event_chapter_mappings_key
    ON event_chapter_mappings (event_id, chapter_id, scene_number, presentation_type) NULLS NOT DISTINCT;

-- Reveals and their evidence: the same information in the same thread (evidence for the same reveal) once.
CREATE UNIQUE INDEX information_reveals_content_key
    ON information_reveals (plot_thread_id, md5(information_content));
CREATE UNIQUE INDEX reveal_evidence_description_key
    ON reveal_evidence (reveal_id, md5(evidence_description));
