package it.io.mcpwriting.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import it.io.mcpwriting.support.Faults;
import it.io.mcpwriting.support.Http;
import it.io.mcpwriting.support.Jmx;
import it.io.mcpwriting.support.RawMcp;
import it.io.mcpwriting.support.RawMcp.Reply;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.Test;

/**
 * Thousands of short sessions across the running servers, each opened, used for one database call and then
 * either closed with DELETE or simply abandoned. Database connections stay within the pools' bounds the
 * whole time, the abandoned sessions are swept (the servers run with a short MCP_SESSION_SWEEP_INTERVAL in
 * the resilience profile), and each server's heap after a full GC comes back close to where it started.
 */
class SessionChurnIT {

    private static final int SESSIONS = Integer.getInteger("churn.sessions", 3_000);
    private static final int THREADS = 12;
    private static final int POOL_MAX = Integer.getInteger("db.pool.max", 10);
    private static final Pattern ACTIVE_SESSIONS = Pattern.compile("(?m)^mcp_active_sessions\\{[^}]*\\}\\s+([0-9.eE+]+)");

    @Test
    void abandonedSessionsAreSweptWithinConnectionAndMemoryBounds() throws Exception {
        Duration sweep = Duration.parse(System.getProperty("session.sweep.interval", "PT5M"));
        assumeTrue(sweep.compareTo(Duration.ofMinutes(1)) <= 0,
                "needs servers with a short session sweep (mvn -Presilience sets MCP_SESSION_SWEEP_INTERVAL=PT20S)");
        List<String> servers = Faults.runningServers();
        Map<String, RawMcp.ReadCall> reads = new LinkedHashMap<>();
        for (String server : servers) {
            String session = RawMcp.initialize(server);
            reads.put(server, RawMcp.readCall(RawMcp.tools(server, session), true));
            RawMcp.delete(server, session);
        }
        int pgbouncerPool = pgbouncerServerConnectionLimit();
        int connectionBound = Math.min(servers.size() * POOL_MAX, pgbouncerPool);

        Map<String, Long> heapBefore = new LinkedHashMap<>();
        Map<String, Integer> sessionsBefore = new LinkedHashMap<>();
        for (String server : servers) {
            heapBefore.put(server, heapAfterFullGc(server));
            sessionsBefore.put(server, activeSessions(server));
        }

        // the churn, with the database connections sampled throughout
        AtomicBoolean sampling = new AtomicBoolean(true);
        AtomicInteger peakDatabase = new AtomicInteger();
        AtomicInteger peakPgbouncerClients = new AtomicInteger();
        Thread sampler = new Thread(() -> sample(sampling, peakDatabase, peakPgbouncerClients), "connection-sampler");
        sampler.setDaemon(true);
        sampler.start();
        AtomicInteger failures = new AtomicInteger();
        Map<String, String> firstFailure = new ConcurrentHashMap<>();
        AtomicLong closed = new AtomicLong();
        int perServerAbandonLimit = 700; // stays under the servers' 1,000-session limit even with one server
        Map<String, AtomicInteger> abandoned = new ConcurrentHashMap<>();
        servers.forEach(s -> abandoned.put(s, new AtomicInteger()));
        long churnStart = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> tasks = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            int n = i;
            tasks.add(pool.submit(() -> {
                String server = servers.get(n % servers.size());
                try {
                    RawMcp.ReadCall read = reads.get(server);
                    String session = RawMcp.initialize(server);
                    Reply reply = RawMcp.callTool(server, session, read.tool(), read.arguments());
                    if (reply.result() == null || reply.isToolError() != read.findsNothing()) {
                        failures.incrementAndGet();
                        firstFailure.putIfAbsent(server, reply.toString());
                    }
                    boolean abandon = (n / servers.size()) % 2 == 1 && abandoned.get(server).incrementAndGet() <= perServerAbandonLimit;
                    if (!abandon) {
                        int status = RawMcp.delete(server, session);
                        if (status == 200 || status == 204) {
                            closed.incrementAndGet();
                        }
                    }
                } catch (RuntimeException | AssertionError e) {
                    failures.incrementAndGet();
                    firstFailure.putIfAbsent(server, String.valueOf(e));
                }
            }));
        }
        for (Future<?> task : tasks) {
            task.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();
        long churnMillis = (System.nanoTime() - churnStart) / 1_000_000;
        Map<String, Integer> sessionsAfterChurn = new LinkedHashMap<>();
        for (String server : servers) {
            sessionsAfterChurn.put(server, activeSessions(server));
        }

        // the sweep: sessions idle for one to two intervals are closed
        long sweepStart = System.nanoTime();
        long deadline = sweepStart + sweep.multipliedBy(3).plusSeconds(20).toNanos();
        Map<String, Integer> sessionsAfterSweep = new LinkedHashMap<>();
        while (true) {
            boolean allSwept = true;
            for (String server : servers) {
                int now = activeSessions(server);
                sessionsAfterSweep.put(server, now);
                allSwept &= now <= sessionsBefore.get(server) + 2;
            }
            if (allSwept || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(1_000);
        }
        long sweptMillis = (System.nanoTime() - sweepStart) / 1_000_000;
        sampling.set(false);
        sampler.join(10_000);

        Map<String, Long> heapAfter = new LinkedHashMap<>();
        for (String server : servers) {
            heapAfter.put(server, heapAfterFullGc(server));
        }
        String report = String.format(Locale.ROOT, """
                Session churn: %d sessions over %d servers (%d threads) in %d ms (%.0f sessions/s), %d closed with DELETE, \
                %d abandoned, %d failures %s
                  database connections (pg_stat_activity, direct): peak %d, bound min(servers x db.pool.max = %d, PgBouncer %d) = %d
                  PgBouncer client connections for the database: peak %d (bound servers x db.pool.max + 2 = %d)
                  mcp_active_sessions before / after churn / after sweep (%d ms, sweep interval %s): %s / %s / %s
                  heap used after full GC, MB, before / after: %s / %s
                """, SESSIONS, servers.size(), THREADS, churnMillis, SESSIONS * 1000.0 / churnMillis, closed.get(),
                SESSIONS - closed.get(), failures.get(), firstFailure.isEmpty() ? "" : firstFailure,
                peakDatabase.get(),
                servers.size() * POOL_MAX, pgbouncerPool, connectionBound, peakPgbouncerClients.get(),
                servers.size() * POOL_MAX + 2, sweptMillis, sweep, sessionsBefore, sessionsAfterChurn, sessionsAfterSweep,
                mb(heapBefore), mb(heapAfter));
        Figures.report(report);

        // no session is lost while in use, not even one opened while a sweep runs (IdleSessionSweeper)
        assertEquals(0, failures.get(), () -> "every session answered its call: " + firstFailure);
        assertTrue(peakDatabase.get() > 0, "the sampler saw the servers' connections");
        assertTrue(peakDatabase.get() <= connectionBound, "database connections stay within the pools: peak "
                + peakDatabase.get() + " > " + connectionBound);
        assertTrue(peakPgbouncerClients.get() <= servers.size() * POOL_MAX + 2, "PgBouncer clients stay within "
                + "the servers' pools: peak " + peakPgbouncerClients.get());
        for (String server : servers) {
            assertTrue(sessionsAfterChurn.get(server) > sessionsBefore.get(server) + 50,
                    server + " held the abandoned sessions before the sweep: " + sessionsAfterChurn);
            assertTrue(sessionsAfterSweep.get(server) <= sessionsBefore.get(server) + 2,
                    server + " swept its abandoned sessions: " + sessionsAfterSweep);
            long before = heapBefore.get(server);
            long after = heapAfter.get(server);
            assertTrue(after <= before * 1.5 + 24L * 1024 * 1024, server + " heap after a full GC came back near "
                    + "its baseline: " + before / 1024 / 1024 + " MB -> " + after / 1024 / 1024 + " MB");
        }
    }

    /** PgBouncer's limit on server connections to the database: max_db_connections, else pool + reserve. */
    private static int pgbouncerServerConnectionLimit() {
        Map<String, String> config = new LinkedHashMap<>();
        for (Map<String, String> row : Faults.pgbouncerShow("CONFIG")) {
            config.put(row.get("key"), row.get("value"));
        }
        int maxDb = Integer.parseInt(config.getOrDefault("max_db_connections", "0"));
        int pool = Integer.parseInt(config.getOrDefault("default_pool_size", "20"))
                + Integer.parseInt(config.getOrDefault("reserve_pool_size", "0"));
        return maxDb > 0 ? Math.min(maxDb, pool) : pool;
    }

    private static void sample(AtomicBoolean sampling, AtomicInteger peakDatabase, AtomicInteger peakClients) {
        String database = Faults.databaseName();
        try (Connection direct = Faults.direct(); PreparedStatement activity = direct.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            activity.setString(1, database);
            while (sampling.get()) {
                try (ResultSet rs = activity.executeQuery()) {
                    rs.next();
                    peakDatabase.accumulateAndGet(rs.getInt(1), Math::max);
                }
                int clients = (int) Faults.pgbouncerShow("CLIENTS").stream()
                        .filter(row -> database.equals(row.get("database"))).count();
                peakClients.accumulateAndGet(clients, Math::max);
                Thread.sleep(200);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("sampling connections", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int activeSessions(String server) {
        String metrics = Http.get(server, "/metrics").body();
        Matcher m = ACTIVE_SESSIONS.matcher(metrics);
        if (!m.find()) {
            throw new AssertionError(server + " /metrics has no mcp_active_sessions");
        }
        return (int) Double.parseDouble(m.group(1));
    }

    /** Heap used after a full GC, through Liberty's local JMX connector. */
    private static long heapAfterFullGc(String server) throws IOException {
        try (JMXConnector connector = Jmx.connect(server)) {
            MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(connector.getMBeanServerConnection(),
                    ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
            memory.gc();
            memory.gc();
            return memory.getHeapMemoryUsage().getUsed();
        }
    }

    private static Map<String, Long> mb(Map<String, Long> bytes) {
        Map<String, Long> mb = new LinkedHashMap<>();
        bytes.forEach((k, v) -> mb.put(k, v / 1024 / 1024));
        return mb;
    }
}
