-- Scenes and writing sessions: the rules their tools rely on, kept by the database as well.

-- Scene numbers count from 1; word counts are never negative.
ALTER TABLE chapter_scenes
    ADD CONSTRAINT chapter_scenes_scene_number_check CHECK (scene_number > 0),
    ADD CONSTRAINT chapter_scenes_word_count_check CHECK (word_count >= 0),
    ADD CONSTRAINT chapter_scenes_target_word_count_check CHECK (target_word_count >= 0);

ALTER TABLE writing_sessions
    ADD CONSTRAINT writing_sessions_words_written_check CHECK (words_written >= 0),
    ADD CONSTRAINT writing_sessions_words_edited_check CHECK (words_edited >= 0),
    ADD CONSTRAINT writing_sessions_duration_minutes_check CHECK (duration_minutes >= 0);

-- A writer starts at most one session for a book at a given moment: a retried log_writing_session with the
-- same start is recognised instead of counted twice.
CREATE UNIQUE INDEX writing_sessions_book_start_key
    ON writing_sessions (book_id, session_date, start_time) WHERE start_time IS NOT NULL;

-- Progress reports read a book's sessions by date range.
CREATE INDEX writing_sessions_book_date_idx ON writing_sessions (book_id, session_date);

-- Story times and event dates are free text in the story's own calendar. Where one is an ISO date
-- (YYYY-MM-DD, optionally followed by more), the analysis tools compare it as a date; anything else is NULL.
CREATE FUNCTION story_date(value text) RETURNS date
    LANGUAGE plpgsql IMMUTABLE AS
$$
BEGIN
    IF value ~ '^\s*\d{4}-\d{2}-\d{2}' THEN
        RETURN substring(trim(value) FROM 1 FOR 10)::date;
    END IF;
    RETURN NULL;
EXCEPTION
    WHEN others THEN
        RETURN NULL; -- e.g. 2021-02-30: not a date, so not compared
END;
$$;
