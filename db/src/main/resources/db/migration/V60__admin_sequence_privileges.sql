-- The database-admin server writes rows with explicit ids (imports, inserts that name the id) and then moves the
-- id sequence past them, so that later inserts do not collide: setval needs UPDATE on the sequence. Sequences
-- that later migrations create (as this owner role) get the same privilege by default.
GRANT UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${app_user};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT UPDATE ON SEQUENCES TO ${app_user};
