-- After every migration: the application role may read and write data but change no schema, and never
-- touches the migration history.
GRANT USAGE ON SCHEMA public TO ${app_user};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app_user};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app_user};
REVOKE ALL ON flyway_schema_history FROM ${app_user};
-- The audit trail is append-only for the application: rows are added, never changed or removed.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_logs FROM ${app_user};
