package io.mcpwriting.domain.admin.backup;

import java.util.List;

/**
 * How pg_dump, pg_restore and psql reach PostgreSQL: directly (port 5432), not through PgBouncer, as a role
 * that owns the schema (restores drop, truncate and re-create objects and set sequences). The password goes
 * to the tools in the {@code PGPASSWORD} environment variable, never on a command line.
 */
public record PgConnection(String host, int port, String database, String user, String password) {

    /** Connection options for the PostgreSQL client tools. */
    public List<String> options() {
        return List.of("--host=" + host, "--port=" + port, "--username=" + user, "--no-password");
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + "/" + database;
    }
}
