package it.io.mcpwriting.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the fault-injection tests break and mend, as the system properties of the system-tests pom say: the
 * PgBouncer control script with its state directory ({@code pgbouncer.script}, {@code pgbouncer.state.dir})
 * and the PostgreSQL cluster ({@code pg.version}, {@code pg.cluster}); the standard setup by default, an
 * isolated one when the Maven properties point elsewhere. Also direct database connections, past PgBouncer.
 */
public final class Faults {

    private Faults() {
    }

    /** {@code scripts/pgbouncer-local.sh start|stop|status} for the configured PgBouncer. */
    public static void pgbouncer(String action) {
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("pgbouncer.script",
                Path.of(System.getProperty("root.dir", "../.."), "scripts/pgbouncer-local.sh").toString()), action);
        pb.environment().put("MCP_STATE_DIR", System.getProperty("pgbouncer.state.dir", "/var/lib/mcp-writing"));
        run(pb, "PgBouncer " + action);
    }

    /** {@code pg_ctlcluster <version> <cluster> start|stop|restart} for the configured cluster. */
    public static void postgres(String action) {
        run(new ProcessBuilder("pg_ctlcluster", pgVersion(),
                System.getProperty("pg.cluster", "main"), action), "PostgreSQL " + action);
    }

    /** {@code pg.version}, or the newest version installed (the highest number under /etc/postgresql). */
    static String pgVersion() {
        String configured = System.getProperty("pg.version", "").strip();
        if (!configured.isEmpty()) {
            return configured;
        }
        try (java.util.stream.Stream<Path> versions = java.nio.file.Files.list(Path.of("/etc/postgresql"))) {
            return versions.map(p -> p.getFileName().toString()).filter(v -> v.matches("\\d+(\\.\\d+)?"))
                    .max(java.util.Comparator.comparingDouble(Double::parseDouble))
                    .orElseThrow(() -> new AssertionError("no PostgreSQL cluster under /etc/postgresql"));
        } catch (IOException e) {
            throw new AssertionError("no PostgreSQL under /etc/postgresql: " + e, e);
        }
    }

    /** Starts the configured PostgreSQL cluster unless it is running already. */
    public static void ensurePostgresRunning() {
        try {
            Process status = new ProcessBuilder("pg_ctlcluster", pgVersion(),
                    System.getProperty("pg.cluster", "main"), "status").redirectErrorStream(true).start();
            status.getInputStream().readAllBytes();
            if (status.waitFor() == 0) {
                return;
            }
        } catch (IOException e) {
            throw new AssertionError("pg_ctlcluster status: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        postgres("start");
    }

    /** Kills a Liberty server at once (SIGKILL), as a crash would; returns the pid that was killed. */
    public static long killServer(String server) {
        Path pidFile = Path.of(System.getProperty("liberty.runtime.dir"), "wlp/usr/servers/.pid", server + ".pid");
        try {
            long pid = Long.parseLong(java.nio.file.Files.readString(pidFile).strip());
            ProcessHandle process = ProcessHandle.of(pid)
                    .orElseThrow(() -> new AssertionError(server + " (pid " + pid + ") is not running"));
            process.destroyForcibly();
            process.onExit().get(30, TimeUnit.SECONDS);
            return pid;
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("killing " + server + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Stops a server the way operators do (scripts/servers.sh stop: Liberty's quiesce, then stop). */
    public static void stopServer(String server) {
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("servers.script",
                Path.of(System.getProperty("root.dir", "../.."), "scripts/servers.sh").toString()), "stop", server);
        run(pb, "stopping " + server, 120);
    }

    /**
     * Starts a server with scripts/servers.sh and the environment the build started it with (the pom's
     * {@code server.env.*} properties); returns when it is ready.
     */
    public static void startServer(String server) {
        startServer(server, Map.of());
    }

    /** As {@link #startServer(String)}, with {@code extraEnv} added to that environment (settings of one test). */
    public static void startServer(String server, Map<String, String> extraEnv) {
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("servers.script",
                Path.of(System.getProperty("root.dir", "../.."), "scripts/servers.sh").toString()), "start", server);
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("server.env."))
                .forEach(k -> pb.environment().put(k.substring("server.env.".length()), System.getProperty(k)));
        pb.environment().putAll(extraEnv);
        run(pb, "starting " + server, 300);
    }

    private static void run(ProcessBuilder pb, String what) {
        run(pb, what, 60);
    }

    private static void run(ProcessBuilder pb, String what, int timeoutSeconds) {
        try {
            // output goes to a file: a server started in the background must not hold a pipe open
            Path output = java.nio.file.Files.createTempFile("fault-", ".log");
            try {
                Process p = pb.redirectErrorStream(true).redirectOutput(output.toFile()).start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(what + " took over " + timeoutSeconds + " s");
                }
                if (p.exitValue() != 0) {
                    throw new AssertionError(what + " failed (" + p.exitValue() + "): "
                            + java.nio.file.Files.readString(output, StandardCharsets.UTF_8).strip());
                }
            } finally {
                java.nio.file.Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new AssertionError(what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + " interrupted", e);
        }
    }

    /** A connection straight to PostgreSQL (not through PgBouncer), as the schema owner. */
    public static Connection direct() throws SQLException {
        return DriverManager.getConnection(System.getProperty("db.direct.url"), System.getProperty("db.owner.user"),
                System.getProperty("db.owner.password"));
    }

    /**
     * A SHOW command on PgBouncer's admin console, as its stats user, through psql (the JDBC driver's setup
     * queries need admin rights there): one map of column to value per row.
     */
    public static List<java.util.Map<String, String>> pgbouncerShow(String what) {
        java.net.URI uri = java.net.URI.create(System.getProperty("db.pgbouncer.url").substring("jdbc:".length()));
        ProcessBuilder pb = new ProcessBuilder("psql", "-h", uri.getHost(), "-p", String.valueOf(uri.getPort()),
                "-U", System.getProperty("db.user"), "-d", "pgbouncer", "-X", "-A", "-F", "\t", "-P", "footer=off",
                "-c", "SHOW " + what);
        pb.environment().put("PGPASSWORD", System.getProperty("db.password"));
        try {
            Process p = pb.redirectErrorStream(true).start();
            List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            if (p.waitFor() != 0 || lines.isEmpty()) {
                throw new AssertionError("SHOW " + what + " on PgBouncer: " + lines);
            }
            String[] header = lines.get(0).split("\t", -1);
            List<java.util.Map<String, String>> rows = new java.util.ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split("\t", -1);
                java.util.Map<String, String> row = new java.util.LinkedHashMap<>();
                for (int i = 0; i < header.length && i < cells.length; i++) {
                    row.put(header[i], cells[i]);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new AssertionError("psql: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The database's name, from {@code db.direct.url}. */
    public static String databaseName() {
        String url = System.getProperty("db.direct.url");
        String path = url.substring(url.lastIndexOf('/') + 1);
        int query = path.indexOf('?');
        return query >= 0 ? path.substring(0, query) : path;
    }

    /** Waits until PostgreSQL answers a direct connection again. */
    public static void awaitDatabase(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            try (Connection c = direct()) {
                c.createStatement().execute("SELECT 1");
                return;
            } catch (SQLException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("the database did not come back within " + timeoutMillis + " ms", e);
                }
                Thread.sleep(250);
            }
        }
    }

    /** The servers a test may use: -Dit.servers if given, else those of servers.list that have started. */
    public static List<String> runningServers() {
        String selected = System.getProperty("it.servers", "").strip();
        if (!selected.isEmpty()) {
            return List.of(selected.split("\\s*,\\s*"));
        }
        return Servers.all().keySet().stream().filter(Faults::started).toList();
    }

    private static boolean started(String server) {
        try {
            return Http.get(server, "/health/started").statusCode() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
