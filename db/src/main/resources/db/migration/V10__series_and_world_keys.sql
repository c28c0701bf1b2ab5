-- Series and world-building rows are referred to by name, so a create that a client retries must find the
-- existing row instead of adding a second one: names are unique (case-insensitive) where a writer would
-- tell them apart. The tools check first and name the existing id; these indexes hold under concurrency.
CREATE UNIQUE INDEX series_author_title_key ON series (author_id, lower(title));
CREATE UNIQUE INDEX locations_series_parent_name_key
    ON locations (series_id, coalesce(parent_location_id, 0), lower(name));
CREATE UNIQUE INDEX organizations_series_name_key ON organizations (series_id, lower(name));
CREATE UNIQUE INDEX world_elements_series_type_name_key ON world_elements (series_id, lower(element_type), lower(name));
CREATE UNIQUE INDEX world_systems_series_name_key ON world_systems (series_id, lower(system_name));

-- Genre filters and counts read series_genres by genre.
CREATE INDEX series_genres_genre_id_idx ON series_genres (genre_id);

-- Values no story can have.
ALTER TABLE series ADD CONSTRAINT series_start_year_check CHECK (start_year BETWEEN 1 AND 9999);
ALTER TABLE organizations ADD CONSTRAINT organizations_member_count_check CHECK (member_count >= 0);
