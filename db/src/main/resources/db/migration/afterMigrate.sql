-- After every migration: the application role may read and write data but change no schema, and never
-- touches the migration history.
GRANT USAGE ON SCHEMA public TO ${app_user};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app_user};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app_user};
REVOKE ALL ON flyway_schema_history FROM ${app_user};
