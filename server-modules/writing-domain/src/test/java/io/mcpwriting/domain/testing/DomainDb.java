package io.mcpwriting.domain.testing;

import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.db.TestDbs;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A migrated scratch database of the fast tests, reached as the application role through a {@link Db} over a plain
 * {@link PGSimpleDataSource}: no Liberty, no PgBouncer, no MCP. There are two: the domain tests' ({@link #get()},
 * default {@code mcp_domain_test}) and the export and import tests' ({@link #transfers()}, default
 * {@code mcp_transfer_test}, whose tests add tables of their own); both on localhost:5432, owned by mcp_owner,
 * made by scripts/test.sh.
 *
 * <p>The first use in a run brings the schema up to date: when a migration on disk is not applied yet (or the
 * database was never prepared by these tests) the public schema is dropped and migrated from nothing by the
 * project's migrator ({@code db/target/db-migrations.jar}); the tables the migrations seed (the lookup values) are
 * remembered in the schema's comment. {@link #clean()} empties every other table, so each test class starts from
 * the freshly migrated state. Settings: system properties under {@code domain.db.} (or {@code transfer.db.}):
 * {@code host}, {@code port}, {@code name} (a name ending in {@code _test}: nothing else is dropped), {@code owner},
 * {@code owner.password}, {@code app}, {@code app.password}.
 */
public final class DomainDb {

    /** Where a scratch database is and who logs in to it. */
    public record Place(String host, int port, String name, String owner, String ownerPassword, String app,
            String appPassword) {

        static Place of(String prefix, String defaultName) {
            return new Place(System.getProperty(prefix + "host", "localhost"), Integer.getInteger(prefix + "port", 5432),
                    System.getProperty(prefix + "name", defaultName), System.getProperty(prefix + "owner", "mcp_owner"),
                    System.getProperty(prefix + "owner.password", "mcp_owner_dev_password"),
                    System.getProperty(prefix + "app", "mcp_app"),
                    System.getProperty(prefix + "app.password", "mcp_dev_password"));
        }

        /**
         * Commits do not wait for the WAL to reach the disk (synchronous_commit off): what a test wrote is as visible
         * to every connection as otherwise, only a crash of the server could lose it, which a scratch database can
         * afford.
         */
        String url() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name + "?options=-c%20synchronous_commit%3Doff";
        }
    }

    /** Marks a schema these tests migrated from nothing, and lists the tables its migrations seeded. */
    private static final String MARKER = "domain tests; seeded tables: ";

    private static DomainDb domain;
    private static DomainDb transfers;

    public final Place place;
    private final Db db;
    /** The tables the tests write, every table before the tables it refers to; listed on the first clean. */
    private List<String> dataTables;
    private final Set<String> seeded;
    private boolean truncated;

    private DomainDb(Place place) {
        this.place = place;
        if (!place.name().endsWith("_test")) {
            throw new IllegalStateException("the scratch database " + place.name() + " does not end in _test: the "
                    + "fast tests drop and re-create the schema of their database, so they only use databases named so");
        }
        checkReachable();
        seeded = prepare();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(place.url());
        dataSource.setUser(place.app());
        dataSource.setPassword(place.appPassword());
        db = TestDbs.over(reusing(dataSource));
    }

    /** The domain tests' database, prepared on first use. */
    public static synchronized DomainDb get() {
        if (domain == null) {
            domain = new DomainDb(Place.of("domain.db.", "mcp_domain_test"));
        }
        return domain;
    }

    /** The export and import tests' database, prepared on first use. */
    public static synchronized DomainDb transfers() {
        if (transfers == null) {
            transfers = new DomainDb(Place.of("transfer.db.", "mcp_transfer_test"));
        }
        return transfers;
    }

    /** Database access as the tools have it in a server: the application role, a transaction per write. */
    public Db db() {
        return db;
    }

    /**
     * Empties every table but the seeded lookup values and the migration history: the first time in a run with
     * TRUNCATE (identities restart), then with DELETE, referring tables first, in one transaction, which for the
     * few rows a test class makes is several times quicker than truncating some fifty tables.
     */
    public synchronized void clean() {
        if (dataTables == null) {
            dataTables = tablesExcept(seeded);
        }
        if (!truncated) {
            asOwner("TRUNCATE " + String.join(", ", dataTables) + " RESTART IDENTITY");
            truncated = true;
            return;
        }
        StringBuilder deletes = new StringBuilder("BEGIN;");
        for (String table : dataTables) {
            deletes.append(" DELETE FROM ").append(table).append(';');
        }
        asOwner(deletes.append(" COMMIT;").toString());
    }

    /** Runs statements as the schema owner, in autocommit. */
    public void asOwner(String... statements) {
        try (Connection c = owner(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row as text (null without a row), read as the application role. */
    public String text(String query, Object... params) {
        return db.read(sql -> sql.text(query, params));
    }

    /** The first column of the first row as a number (null without a row), read as the application role. */
    public Long number(String query, Object... params) {
        return db.read(sql -> sql.number(query, params));
    }

    /** The first column of the first row of what a write returns, as a number ({@code INSERT ... RETURNING id}). */
    public int insert(String statement, Object... params) {
        return db.write(sql -> sql.number(statement, params)).intValue();
    }

    /** A new connection of the schema owner. */
    public Connection owner() throws SQLException {
        return DriverManager.getConnection(place.url(), place.owner(), place.ownerPassword());
    }

    /** A new connection of the application role. */
    public Connection app() throws SQLException {
        return DriverManager.getConnection(place.url(), place.app(), place.appPassword());
    }

    /** Fails, naming what to do, when the scratch database cannot be reached: these tests never skip. */
    private void checkReachable() {
        try (Connection c = owner()) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new IllegalStateException("the fast tests need the PostgreSQL database " + place.name() + " at "
                    + place.host() + ":" + place.port() + ", owned by " + place.owner() + " (" + e.getMessage()
                    + "). Create it as scripts/test.sh does: DB_NAME=" + place.name()
                    + " bash scripts/provision-local.sh --reset", e);
        }
    }

    /** Brings the schema up to date; the tables its migrations seeded. */
    private Set<String> prepare() {
        try (Connection c = owner(); Statement s = c.createStatement()) {
            String marker = Sql.over(c).text("SELECT obj_description('public'::regnamespace, 'pg_namespace')");
            if (marker != null && marker.startsWith(MARKER) && Migrations.pending(c).isEmpty()) {
                return new TreeSet<>(List.of(marker.substring(MARKER.length()).split(",")));
            }
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
            Migrations.run(place.host(), place.port(), place.name(), place.owner(), place.ownerPassword(), place.app());
            Set<String> seeded = new TreeSet<>();
            for (String table : tables(c)) {
                if (Sql.over(c).exists("SELECT 1 FROM " + table + " LIMIT 1")) {
                    seeded.add(table);
                }
            }
            s.execute("COMMENT ON SCHEMA public IS '" + MARKER + String.join(",", seeded) + "'");
            return seeded;
        } catch (SQLException e) {
            throw new IllegalStateException("preparing " + place.name() + " failed", e);
        }
    }

    /** The unseeded tables, each before the tables its foreign keys refer to. */
    private List<String> tablesExcept(Set<String> seeded) {
        try (Connection c = owner()) {
            Set<String> left = new TreeSet<>(tables(c));
            left.removeAll(seeded);
            Map<String, Set<String>> referredBy = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("""
                    SELECT DISTINCT confrelid::regclass::text, conrelid::regclass::text FROM pg_constraint
                    WHERE contype = 'f' AND conrelid <> confrelid""")) {
                while (r.next()) {
                    referredBy.computeIfAbsent(r.getString(1), t -> new TreeSet<>()).add(r.getString(2));
                }
            }
            List<String> ordered = new ArrayList<>();
            while (!left.isEmpty()) {
                List<String> free = left.stream()
                        .filter(t -> referredBy.getOrDefault(t, Set.of()).stream().noneMatch(left::contains)).toList();
                if (free.isEmpty()) {
                    throw new IllegalStateException("foreign keys refer in a cycle among " + left);
                }
                ordered.addAll(free);
                free.forEach(left::remove);
            }
            return ordered;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The base tables of the public schema (their names need no quoting: the migrations use plain names). */
    private static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        }
        return tables;
    }

    /**
     * One physical connection handed out again and again (a pool of one: the tests run one call at a time), so
     * that a call does not pay for a new backend and a SCRAM login. Closing the handed-out connection keeps it.
     */
    private static DataSource reusing(PGSimpleDataSource dataSource) {
        Connection[] physical = new Connection[1];
        return (DataSource) Proxy.newProxyInstance(DomainDb.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        return method.invoke(dataSource, args);
                    }
                    synchronized (physical) {
                        if (physical[0] == null || physical[0].isClosed()) {
                            physical[0] = dataSource.getConnection();
                        }
                        return kept(physical[0]);
                    }
                });
    }

    private static Connection kept(Connection connection) {
        return (Connection) Proxy.newProxyInstance(DomainDb.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        if (!connection.getAutoCommit()) {
                            connection.rollback();
                            connection.setAutoCommit(true);
                        }
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
