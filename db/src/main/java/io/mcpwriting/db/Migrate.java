package io.mcpwriting.db;

import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the writing database up to the newest schema. Connects straight to PostgreSQL (migrations take
 * session-level locks that PgBouncer's transaction pooling would break).
 *
 * <p>Settings, from the environment: {@code MIGRATE_URL} (a JDBC URL) or {@code DB_HOST},
 * {@code DB_DIRECT_PORT} (default 5432), {@code DB_NAME}; {@code DB_OWNER_USER}/{@code DB_OWNER_PASSWORD}
 * (the role that owns the schema), falling back to {@code DB_USER}/{@code DB_PASSWORD}. The application
 * role named by {@code DB_APP_USER} is granted data access (not DDL) on every table.
 * Command: {@code java -jar db-migrations.jar [migrate|info|validate]}.
 */
public final class Migrate {

    private Migrate() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        String url = env.getOrDefault("MIGRATE_URL", "jdbc:postgresql://" + env.getOrDefault("DB_HOST", "localhost")
                + ":" + env.getOrDefault("DB_DIRECT_PORT", "5432") + "/" + env.getOrDefault("DB_NAME", "mcp_writing"));
        String user = env.getOrDefault("DB_OWNER_USER", env.getOrDefault("DB_USER", "mcp_owner"));
        String password = env.getOrDefault("DB_OWNER_PASSWORD", env.getOrDefault("DB_PASSWORD", ""));
        String appUser = env.getOrDefault("DB_APP_USER", "mcp_app");
        Flyway flyway = Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .placeholders(Map.of("app_user", appUser))
                .connectRetries(10)
                .load();
        String command = args.length == 0 ? "migrate" : args[0];
        switch (command) {
            case "migrate" -> {
                MigrateResult result = flyway.migrate();
                System.out.println("Schema at version " + flyway.info().current().getVersion() + " ("
                        + result.migrationsExecuted + " migration(s) applied now)");
            }
            case "info" -> {
                for (var m : flyway.info().all()) {
                    System.out.println(m.getVersion() + "\t" + m.getState() + "\t" + m.getDescription());
                }
            }
            case "validate" -> {
                flyway.validate();
                System.out.println("Migrations valid");
            }
            default -> {
                System.err.println("usage: java -jar db-migrations.jar [migrate|info|validate]");
                System.exit(2);
            }
        }
    }
}
