-- Continuity, review and reporting: what their tools need beyond V3.
-- Written to be safe beside other migrations touching the same tables (IF NOT EXISTS throughout).

-- The chapter in which a character learned something (the chapter-aware knowledge tool records it);
-- continuity checks compare it with the chapters in which the character uses that knowledge.
ALTER TABLE character_knowledge ADD COLUMN IF NOT EXISTS learned_chapter_id integer REFERENCES chapters (id);
CREATE INDEX IF NOT EXISTS character_knowledge_learned_chapter_id_idx ON character_knowledge (learned_chapter_id);

-- World-consistency checks look usages up by the element they refer to.
CREATE INDEX IF NOT EXISTS world_element_usage_element_idx ON world_element_usage (element_type, element_id);

-- Relationship timelines are read in story order through the chapter of each change.
CREATE INDEX IF NOT EXISTS relationship_dynamics_chapter_id_idx ON relationship_dynamics (chapter_id);

-- Writing goals: one active goal per book and goal type, so that setting a goal again replaces it
-- instead of piling up duplicates; the goal types and targets the tools accept.
CREATE UNIQUE INDEX IF NOT EXISTS writing_goals_active_key ON writing_goals (book_id, goal_type) WHERE active;
ALTER TABLE writing_goals
    ADD CONSTRAINT writing_goals_goal_type_check CHECK (goal_type IN ('daily_words', 'weekly_words', 'monthly_words',
                                                                       'chapter_completion', 'book_completion')),
    ADD CONSTRAINT writing_goals_target_value_check CHECK (target_value > 0),
    ADD CONSTRAINT writing_goals_dates_check CHECK (start_date IS NULL OR target_date >= start_date);

-- Manuscript exports: the formats and purposes export_manuscript produces.
ALTER TABLE manuscript_exports
    ADD CONSTRAINT manuscript_exports_format_check CHECK (export_format IN ('txt', 'md', 'rtf', 'standard_manuscript')),
    ADD CONSTRAINT manuscript_exports_file_size_check CHECK (file_size IS NULL OR file_size >= 0);

CREATE INDEX IF NOT EXISTS writing_sessions_book_date_idx ON writing_sessions (book_id, session_date);
