-- The lookup values clients choose from (get_available_options and the planning tools accept these names).

INSERT INTO genres (genre_name, genre_description) VALUES
    ('romance', 'A central love story with an emotionally satisfying ending'),
    ('fantasy', 'Invented worlds, magic or the impossible made real'),
    ('mystery', 'A puzzle, usually a crime, solved over the course of the story'),
    ('thriller', 'Suspense, danger and a race against time'),
    ('science_fiction', 'Stories grounded in imagined science or technology'),
    ('historical_fiction', 'Fiction set in a real past period'),
    ('contemporary', 'Realistic stories set in the present day'),
    ('young_adult', 'Stories centred on teenage protagonists and readers'),
    ('literary_fiction', 'Character- and language-driven fiction'),
    ('action_adventure', 'Quests, journeys and physical peril');

INSERT INTO plot_thread_types (type_name, type_description) VALUES
    ('series_arc', 'Spans the whole series'),
    ('mini_arc', 'Spans a few books or part of one'),
    ('main_case', 'The central case or problem of one book'),
    ('subplot', 'A secondary line running beside the main plot'),
    ('character_arc', 'A character''s inner change'),
    ('mystery_element', 'A clue, secret or question to be answered later'),
    ('romance_arc', 'The course of a romantic relationship'),
    ('world_building', 'How the world and its rules are revealed');

INSERT INTO plot_thread_statuses (status_name, status_description) VALUES
    ('active', 'In play'),
    ('resolved', 'Brought to its conclusion'),
    ('on_hold', 'Paused, to be picked up later'),
    ('abandoned', 'Dropped from the story'),
    ('planning', 'Still being designed'),
    ('suspended', 'Interrupted by story events');

INSERT INTO relationship_types (type_name, type_description) VALUES
    ('enables', 'One thread makes the other possible'),
    ('conflicts_with', 'The threads pull against each other'),
    ('supports', 'One thread strengthens the other'),
    ('reveals', 'One thread uncovers something in the other'),
    ('resolves', 'One thread brings the other to an end'),
    ('depends_on', 'One thread cannot progress without the other'),
    ('parallels', 'The threads mirror each other'),
    ('contrasts', 'The threads set each other off by difference');

INSERT INTO story_concerns (concern_name, concern_description) VALUES
    ('obtaining', 'Getting or achieving something'),
    ('understanding', 'Grasping the meaning of something'),
    ('becoming', 'Changing one''s nature'),
    ('conceiving', 'Coming up with an idea'),
    ('doing', 'Carrying out an activity'),
    ('being', 'Playing a role or pretending');

INSERT INTO story_outcomes (outcome_name, outcome_description) VALUES
    ('success', 'The goal is achieved'),
    ('failure', 'The goal is not achieved'),
    ('partial_success', 'Part of the goal is achieved'),
    ('pyrrhic_victory', 'Achieved at a ruinous cost'),
    ('ambiguous', 'The outcome is left open');

INSERT INTO story_judgments (judgment_name, judgment_description) VALUES
    ('good', 'The protagonist resolves the inner conflict'),
    ('bad', 'The protagonist remains troubled'),
    ('bittersweet', 'Resolution with loss'),
    ('neutral', 'Neither clearly good nor bad'),
    ('cathartic', 'An emotional release');

INSERT INTO scene_purposes (purpose_name, purpose_description) VALUES
    ('action', 'Physical events move the story'),
    ('dialogue', 'Conversation carries the scene'),
    ('description', 'Setting or character is shown'),
    ('transition', 'Moves between places, times or threads'),
    ('exposition', 'Conveys background information'),
    ('conflict', 'Opposition comes to a head'),
    ('resolution', 'Tension is released or settled');

INSERT INTO scene_types (type_name, type_description) VALUES
    ('dramatic', 'High emotional stakes'),
    ('comedic', 'Humour leads'),
    ('romantic', 'Romance leads'),
    ('suspenseful', 'Tension and uncertainty lead'),
    ('action', 'Physical action leads'),
    ('introspective', 'A character''s inner life leads'),
    ('transitional', 'Bridges larger scenes');

INSERT INTO writing_statuses (status_name, status_description) VALUES
    ('planned', 'Not yet written'),
    ('draft', 'A first draft exists'),
    ('revision', 'Being revised'),
    ('final', 'Finished'),
    ('cut', 'Removed from the manuscript');
