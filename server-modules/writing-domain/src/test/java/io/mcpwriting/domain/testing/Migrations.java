package io.mcpwriting.domain.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The project's own migrator (db/target/db-migrations.jar, built by the db module) run on a scratch database. */
public final class Migrations {

    private static final Pattern VERSIONED = Pattern.compile("V([0-9._]+)__.*\\.sql");

    private Migrations() {
    }

    /** Migrates the database as its schema owner, granting the application role its rights, as a deployment does. */
    public static void run(String host, int port, String name, String owner, String ownerPassword, String app) {
        Path jar = inProject("db/target/db-migrations.jar");
        if (jar == null) {
            throw new IllegalStateException("db/target/db-migrations.jar is missing: build the db module first "
                    + "(mvn -pl db package)");
        }
        ProcessBuilder migrate = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "migrate").redirectErrorStream(true);
        migrate.environment().putAll(Map.of("DB_HOST", host, "DB_DIRECT_PORT", String.valueOf(port), "DB_NAME", name,
                "DB_OWNER_USER", owner, "DB_OWNER_PASSWORD", ownerPassword, "DB_APP_USER", app));
        try {
            Process p = migrate.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("migrating " + name + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The versions of the migrations in db/src/main/resources/db/migration that the database has not applied
     * (all of them when it has no migration history); empty when the sources are not there to compare.
     */
    static Set<String> pending(Connection c) throws SQLException {
        Path dir = inProject("db/src/main/resources/db/migration");
        Set<String> pending = new TreeSet<>();
        if (dir == null) {
            return pending;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.map(f -> VERSIONED.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .forEach(m -> pending.add(m.group(1).replace('_', '.')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT CASE WHEN to_regclass('public.flyway_schema_history') IS NOT NULL THEN 1 END")) {
            if (!r.next() || r.getObject(1) == null) {
                return pending;
            }
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
            while (r.next()) {
                pending.remove(r.getString(1));
            }
        }
        return pending;
    }

    /** A path of the project, found from the working directory up (Maven runs tests in the module's directory). */
    private static Path inProject(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
