-- Authors, series, books, chapters, genres and the lookup tables the planning tools share.
-- Differences from the reference schema, on purpose: timestamps carry a time zone, updated_at is kept
-- by a trigger (no writer can forget it), and status columns are checked against their allowed values.

CREATE FUNCTION touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE TABLE authors (
    id          serial PRIMARY KEY,
    name        varchar(255) NOT NULL,
    email       varchar(255),
    bio         text,
    birth_year  integer CHECK (birth_year BETWEEN 1 AND 9999),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX authors_email_key ON authors (lower(email)) WHERE email IS NOT NULL;

CREATE TABLE series (
    id               serial PRIMARY KEY,
    author_id        integer NOT NULL REFERENCES authors (id),
    title            varchar(255) NOT NULL,
    description      text,
    target_audience  varchar(100),
    status           varchar(50) NOT NULL DEFAULT 'ongoing' CHECK (status IN ('ongoing', 'completed', 'hiatus')),
    start_year       integer,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX series_author_id_idx ON series (author_id);

CREATE TABLE genres (
    id                 serial PRIMARY KEY,
    genre_name         varchar(50) NOT NULL UNIQUE,
    genre_description  text,
    is_active          boolean NOT NULL DEFAULT true,
    created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE series_genres (
    id          serial PRIMARY KEY,
    series_id   integer NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    genre_id    integer NOT NULL REFERENCES genres (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (series_id, genre_id)
);

CREATE TABLE books (
    id                 serial PRIMARY KEY,
    series_id          integer NOT NULL REFERENCES series (id),
    title              varchar(255) NOT NULL,
    book_number        integer NOT NULL CHECK (book_number > 0),
    status             varchar(50) NOT NULL DEFAULT 'planned'
                       CHECK (status IN ('planned', 'in_progress', 'draft', 'editing', 'final', 'published')),
    target_word_count  integer CHECK (target_word_count >= 0),
    actual_word_count  integer NOT NULL DEFAULT 0 CHECK (actual_word_count >= 0),
    publication_year   integer,
    description        text,
    isbn               varchar(20),
    page_count         integer CHECK (page_count >= 0),
    cover_image_url    varchar(512),
    subtitle           text,
    blurb              text,
    pitch              text,
    hook               text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (series_id, book_number)
);

CREATE TABLE book_genres (
    id          serial PRIMARY KEY,
    book_id     integer NOT NULL REFERENCES books (id) ON DELETE CASCADE,
    genre_id    integer NOT NULL REFERENCES genres (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (book_id, genre_id)
);
CREATE INDEX book_genres_genre_id_idx ON book_genres (genre_id);

CREATE TABLE characters (
    id                        serial PRIMARY KEY,
    series_id                 integer NOT NULL REFERENCES series (id),
    name                      varchar(255) NOT NULL,
    full_name                 varchar(500),
    aliases                   text[],
    character_type            varchar(50) NOT NULL DEFAULT 'main',
    first_appearance_book_id  integer REFERENCES books (id),
    last_appearance_book_id   integer REFERENCES books (id),
    status                    varchar(50) NOT NULL DEFAULT 'alive',
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX characters_series_id_idx ON characters (series_id);

CREATE TABLE chapters (
    id                   serial PRIMARY KEY,
    book_id              integer NOT NULL REFERENCES books (id),
    chapter_number       integer NOT NULL CHECK (chapter_number > 0),
    title                varchar(255),
    subtitle             varchar(255),
    part_number          integer,
    section_name         varchar(100),
    summary              text,
    word_count           integer NOT NULL DEFAULT 0 CHECK (word_count >= 0),
    target_word_count    integer CHECK (target_word_count >= 0),
    page_count           integer,
    status               varchar(50) NOT NULL DEFAULT 'planned',
    draft_number         integer NOT NULL DEFAULT 1,
    story_time_start     text,
    story_time_end       text,
    story_duration       text,
    pov_character_id     integer REFERENCES characters (id),
    narrative_style      varchar(50),
    tense                varchar(20),
    chapter_purpose      text[],
    dramatic_function    varchar(50),
    primary_location     text,
    secondary_locations  text[],
    author_notes         text,
    writing_notes        text,
    revision_notes       text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    UNIQUE (book_id, chapter_number)
);
CREATE INDEX chapters_pov_character_id_idx ON chapters (pov_character_id);

-- Lookup tables: names are the values tools accept; descriptions help a model choose.
CREATE TABLE plot_thread_types (
    id                serial PRIMARY KEY,
    type_name         varchar(50) NOT NULL UNIQUE,
    type_description  text,
    is_active         boolean NOT NULL DEFAULT true,
    created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE plot_thread_statuses (
    id                  serial PRIMARY KEY,
    status_name         varchar(50) NOT NULL UNIQUE,
    status_description  text,
    is_active           boolean NOT NULL DEFAULT true,
    created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE relationship_types (
    id                serial PRIMARY KEY,
    type_name         varchar(50) NOT NULL UNIQUE,
    type_description  text,
    is_active         boolean NOT NULL DEFAULT true,
    created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE story_concerns (
    id                   serial PRIMARY KEY,
    concern_name         varchar(50) NOT NULL UNIQUE,
    concern_description  text,
    is_active            boolean NOT NULL DEFAULT true,
    created_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE story_outcomes (
    id                   serial PRIMARY KEY,
    outcome_name         varchar(50) NOT NULL UNIQUE,
    outcome_description  text,
    is_active            boolean NOT NULL DEFAULT true,
    created_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE story_judgments (
    id                    serial PRIMARY KEY,
    judgment_name         varchar(50) NOT NULL UNIQUE,
    judgment_description  text,
    is_active             boolean NOT NULL DEFAULT true,
    created_at            timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE scene_purposes (
    id                   serial PRIMARY KEY,
    purpose_name         varchar(50) NOT NULL UNIQUE,
    purpose_description  text,
    is_active            boolean NOT NULL DEFAULT true,
    created_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE scene_types (
    id                serial PRIMARY KEY,
    type_name         varchar(50) NOT NULL UNIQUE,
    type_description  text,
    is_active         boolean NOT NULL DEFAULT true,
    created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE writing_statuses (
    id                  serial PRIMARY KEY,
    status_name         varchar(50) NOT NULL UNIQUE,
    status_description  text,
    is_active           boolean NOT NULL DEFAULT true,
    created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE plot_threads (
    id                  serial PRIMARY KEY,
    series_id           integer NOT NULL REFERENCES series (id),
    title               varchar(255) NOT NULL,
    description         text,
    thread_type_id      integer REFERENCES plot_thread_types (id),
    importance_level    integer NOT NULL DEFAULT 5 CHECK (importance_level BETWEEN 1 AND 10),
    complexity_level    integer NOT NULL DEFAULT 5 CHECK (complexity_level BETWEEN 1 AND 10),
    start_book          integer,
    end_book            integer,
    current_status_id   integer NOT NULL REFERENCES plot_thread_statuses (id),
    parent_thread_id    integer REFERENCES plot_threads (id),
    related_characters  integer[],
    resolution_notes    text,
    resolution_book     integer,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CHECK (end_book IS NULL OR start_book IS NULL OR end_book >= start_book)
);
CREATE INDEX plot_threads_series_id_idx ON plot_threads (series_id);

CREATE TABLE timeline_events (
    id                   serial PRIMARY KEY,
    series_id            integer NOT NULL REFERENCES series (id),
    event_name           varchar(255) NOT NULL,
    event_description    text,
    event_date           text NOT NULL,
    book_id              integer REFERENCES books (id),
    sort_order           integer NOT NULL DEFAULT 0,
    time_period          varchar(100),
    significance         varchar(50) NOT NULL DEFAULT 'minor' CHECK (significance IN ('major', 'minor', 'background')),
    is_public_knowledge  boolean NOT NULL DEFAULT true,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX timeline_events_series_id_idx ON timeline_events (series_id, sort_order);

CREATE TABLE event_participants (
    id             serial PRIMARY KEY,
    event_id       integer NOT NULL REFERENCES timeline_events (id) ON DELETE CASCADE,
    character_id   integer NOT NULL REFERENCES characters (id),
    role_in_event  varchar(100),
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (event_id, character_id)
);
CREATE INDEX event_participants_character_id_idx ON event_participants (character_id);

DO
$$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY ['authors', 'series', 'books', 'characters', 'chapters', 'plot_threads',
        'timeline_events']
        LOOP
            EXECUTE format('CREATE TRIGGER %I_touch BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION touch_updated_at()', t, t);
        END LOOP;
END;
$$;
