package it.io.mcpwriting.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.Faults;
import it.io.mcpwriting.support.Http;
import it.io.mcpwriting.support.McpSession;
import it.io.mcpwriting.support.Outcome;
import it.io.mcpwriting.support.TestDb;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Several MCP clients writing in a loop while a fault happens: half create authors on the author server,
 * half create books with three genres on the book-planning server, each write with a unique key. Every
 * attempt is recorded with its outcome, so that afterwards the database can be held against it: every
 * acknowledged write is there, nothing is there that was not attempted, and nothing is there half-written.
 */
final class WriteLoad {

    static final List<String> GENRES = List.of("fantasy", "mystery", "thriller");
    static final List<String> SERVERS = List.of("author", "book-planning");

    enum Status { ACKNOWLEDGED, REFUSED, FAILED }

    /** One write attempt: what, when (ms since the load began), how it ended. */
    record Attempt(String kind, String key, long startMs, long endMs, Status status, Long id, String error) {
        long millis() {
            return endMs - startMs;
        }
    }

    /** A moment the harness noted, in ms since the load began. */
    record Mark(String what, long atMs) {
    }

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final int writersPerServer;
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final Map<String, List<long[]>> readiness = new ConcurrentHashMap<>();
    private final List<Long> seriesIds = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private long startNanos;
    private volatile long warmUpStart;

    WriteLoad(int writersPerServer) {
        this.writersPerServer = writersPerServer;
    }

    long now() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    String prefix() {
        return "resilience " + run + " ";
    }

    void start() {
        for (int i = 0; i < writersPerServer; i++) {
            seriesIds.add(TestDb.newSeries());
        }
        startNanos = System.nanoTime();
        for (int i = 0; i < writersPerServer; i++) {
            int writer = i;
            threads.add(thread("author-writer-" + i, () -> writeAuthors(writer)));
            threads.add(thread("book-writer-" + i, () -> writeBooks(writer, seriesIds.get(writer))));
        }
        for (String server : SERVERS) {
            readiness.put(server, Collections.synchronizedList(new ArrayList<>()));
            threads.add(thread("readiness-" + server, () -> watchReadiness(server)));
        }
    }

    private static Thread thread(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    void stop() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.join(60_000);
        }
    }

    private void writeAuthors(int writer) {
        loop("author", seq -> {
            String key = prefix() + "author " + writer + "-" + seq;
            return new Object[] {key, "create_author", new Object[] {"name", key}};
        });
    }

    private void writeBooks(int writer, long seriesId) {
        loop("book-planning", seq -> {
            String key = prefix() + "book " + writer + "-" + seq;
            return new Object[] {key, "create_book", new Object[] {"title", key, "series_id", seriesId,
                "book_number", seq + 1, "genre_names", GENRES}};
        });
    }

    private interface Work {
        Object[] next(int seq);
    }

    /** Writes until stopped, one call at a time, reopening the session when the transport fails. */
    private void loop(String server, Work work) {
        String kind = server.equals("author") ? "author" : "book";
        McpSession session = null;
        int seq = 0;
        while (!stop.get()) {
            if (session == null) {
                try {
                    session = McpSession.open(server, Duration.ofSeconds(25));
                } catch (RuntimeException e) {
                    pause(250);
                    continue;
                }
            }
            Object[] w = work.next(seq++);
            String key = (String) w[0];
            long start = now();
            try {
                Outcome outcome = session.call((String) w[1], (Object[]) w[2]);
                long end = now();
                if (outcome.isError()) {
                    attempts.add(new Attempt(kind, key, start, end, Status.REFUSED, null, outcome.text()));
                } else {
                    attempts.add(new Attempt(kind, key, start, end, Status.ACKNOWLEDGED, outcome.id(), null));
                }
            } catch (RuntimeException e) {
                attempts.add(new Attempt(kind, key, start, now(), Status.FAILED, null, String.valueOf(e)));
                closeQuietly(session);
                session = null;
            }
            pause(20);
        }
        closeQuietly(session);
    }

    private void watchReadiness(String server) {
        List<long[]> log = readiness.get(server);
        while (!stop.get()) {
            int status;
            try {
                status = Http.get(server, "/health/ready").statusCode();
            } catch (RuntimeException e) {
                status = 0;
            }
            long at = now();
            if (log.isEmpty() || log.get(log.size() - 1)[1] != status) {
                log.add(new long[] {at, status});
            }
            pause(200);
        }
    }

    private static void closeQuietly(McpSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (RuntimeException e) {
                // the session may be gone already
            }
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long acknowledged() {
        return attempts.stream().filter(a -> a.status() == Status.ACKNOWLEDGED).count();
    }

    /** Fresh servers answer their first calls slowly: the warm-up starts once every writer is under way. */
    void awaitWarmUp() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (acknowledged() < 30 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        warmUpStart = now();
    }

    long warmUpStart() {
        return warmUpStart;
    }

    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** When readiness of each server was last seen turning UP (200) at or after {@code fromMs}; -1 if never. */
    long readinessUpAfter(long fromMs) {
        long latest = -1;
        for (List<long[]> log : readiness.values()) {
            long up = -1;
            synchronized (log) {
                for (long[] change : log) {
                    if (change[1] == 200 && change[0] >= fromMs) {
                        up = change[0];
                    }
                }
                // already UP before fromMs and never down since: counts as UP at fromMs
                if (up < 0 && !log.isEmpty() && log.get(log.size() - 1)[1] == 200) {
                    up = fromMs;
                }
            }
            if (up < 0) {
                return -1;
            }
            latest = Math.max(latest, up);
        }
        return latest;
    }

    /** Whether readiness went DOWN at some point between the two moments. */
    boolean readinessWentDown(long fromMs, long toMs) {
        for (List<long[]> log : readiness.values()) {
            synchronized (log) {
                for (long[] change : log) {
                    if (change[1] != 200 && change[0] >= fromMs && change[0] <= toMs) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The first acknowledged write that began at or after {@code fromMs}, as its end time; -1 if none. */
    long firstSuccessAfter(long fromMs) {
        return attempts.stream().filter(a -> a.status() == Status.ACKNOWLEDGED && a.startMs() >= fromMs)
                .mapToLong(Attempt::endMs).min().orElse(-1);
    }

    /**
     * Holds the database against the attempts: every acknowledged write is there with the id it was
     * acknowledged with; every row of this run belongs to an attempt, at most once; every book has exactly
     * its three genres. Returns how many unacknowledged attempts turned out to have been committed.
     */
    int verify() throws SQLException {
        Map<String, Attempt> byKey = new HashMap<>();
        attempts.forEach(a -> byKey.put(a.key(), a));
        Map<String, List<Long>> authors = new HashMap<>();
        Map<String, List<Long>> books = new HashMap<>();
        List<String> problems = new ArrayList<>();
        try (Connection c = Faults.direct()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM authors WHERE name LIKE ?")) {
                ps.setString(1, prefix() + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        authors.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(rs.getLong(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT b.id, b.title, coalesce(array_agg(g.genre_name ORDER BY g.genre_name)
                                                   FILTER (WHERE g.id IS NOT NULL), '{}')
                    FROM books b LEFT JOIN book_genres bg ON bg.book_id = b.id LEFT JOIN genres g ON g.id = bg.genre_id
                    WHERE b.series_id = ANY (?) GROUP BY b.id, b.title""")) {
                ps.setArray(1, c.createArrayOf("bigint", seriesIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        books.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(rs.getLong(1));
                        Array genres = rs.getArray(3);
                        List<Object> names = Arrays.asList((Object[]) genres.getArray());
                        if (!names.equals(new ArrayList<Object>(GENRES))) {
                            problems.add("book " + rs.getLong(1) + " '" + rs.getString(2) + "' is half-written: genres "
                                    + names);
                        }
                    }
                }
            }
        }
        int committedUnacknowledged = 0;
        for (Map.Entry<String, List<Long>> row : concat(authors, books).entrySet()) {
            Attempt attempt = byKey.get(row.getKey());
            if (attempt == null) {
                problems.add("row '" + row.getKey() + "' belongs to no attempted write");
                continue;
            }
            if (row.getValue().size() > 1) {
                problems.add("'" + row.getKey() + "' is stored " + row.getValue().size() + " times");
            }
            if (attempt.status() != Status.ACKNOWLEDGED) {
                committedUnacknowledged++;
            }
        }
        for (Attempt a : attempts) {
            if (a.status() != Status.ACKNOWLEDGED) {
                continue;
            }
            List<Long> ids = (a.kind().equals("author") ? authors : books).get(a.key());
            if (ids == null || !ids.contains(a.id())) {
                problems.add("acknowledged " + a.kind() + " '" + a.key() + "' (id " + a.id() + ") is lost");
            }
        }
        assertEquals(List.of(), problems.size() > 20 ? problems.subList(0, 20) : problems,
                problems.size() + " integrity problems");
        long acknowledged = attempts.stream().filter(a -> a.status() == Status.ACKNOWLEDGED).count();
        assertEquals(acknowledged + committedUnacknowledged, authors.size() + books.size(),
                "rows = acknowledged writes + committed unacknowledged ones");
        return committedUnacknowledged;
    }

    /** Removes what this run wrote (after a successful verification), so that repeated runs do not pile up. */
    void cleanUp() throws SQLException {
        try (Connection c = Faults.direct()) {
            c.setAutoCommit(false);
            Array series = c.createArrayOf("bigint", seriesIds.toArray());
            for (String sql : new String[] {
                "DELETE FROM book_genres WHERE book_id IN (SELECT id FROM books WHERE series_id = ANY (?))",
                "DELETE FROM books WHERE series_id = ANY (?)",
                "WITH s AS (DELETE FROM series WHERE id = ANY (?) RETURNING author_id) "
                        + "DELETE FROM authors WHERE id IN (SELECT author_id FROM s)"}) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setArray(1, series);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM authors WHERE name LIKE ?")) {
                ps.setString(1, prefix() + "%");
                ps.executeUpdate();
            }
            c.commit();
        }
    }

    private static Map<String, List<Long>> concat(Map<String, List<Long>> a, Map<String, List<Long>> b) {
        Map<String, List<Long>> all = new HashMap<>(a);
        all.putAll(b);
        return all;
    }

    /** What happened in a time window: attempts, failures, error rate, slowest failure. */
    record Window(long attempts, long errors, double errorRate, long slowestErrorMs, long medianErrorMs) {

        static Window of(List<Attempt> attempts, long fromMs, long toMs) {
            List<Attempt> in = attempts.stream().filter(a -> a.startMs() >= fromMs && a.startMs() < toMs).toList();
            List<Long> errorMillis = in.stream().filter(a -> a.status() != Status.ACKNOWLEDGED).map(Attempt::millis)
                    .sorted().toList();
            long errors = errorMillis.size();
            return new Window(in.size(), errors, in.isEmpty() ? 0 : (double) errors / in.size(),
                    errorMillis.isEmpty() ? 0 : errorMillis.get(errorMillis.size() - 1),
                    errorMillis.isEmpty() ? 0 : errorMillis.get(errorMillis.size() / 2));
        }

        String describe() {
            return String.format(Locale.ROOT, "%d calls, %d errors (%.1f%%), failed calls took median %d ms, max %d ms",
                    attempts, errors, 100 * errorRate, medianErrorMs, slowestErrorMs);
        }
    }

    /** Acknowledged/failed writes per second from {@code fromMs} (for the report). */
    String timeline(long fromMs, long toMs) {
        StringBuilder b = new StringBuilder();
        for (long t = fromMs; t < toMs; t += 1_000) {
            long from = t;
            List<Attempt> in = attempts.stream().filter(a -> a.startMs() >= from && a.startMs() < from + 1_000).toList();
            long ok = in.stream().filter(a -> a.status() == Status.ACKNOWLEDGED).count();
            b.append(b.isEmpty() ? "" : " ").append(ok).append('/').append(in.size() - ok);
        }
        return b.toString();
    }

    /** The distinct error texts seen, with counts (for the report). */
    Map<String, Long> errorKinds(long fromMs, long toMs) {
        Map<String, Long> kinds = new java.util.TreeMap<>();
        for (Attempt a : attempts) {
            if (a.status() != Status.ACKNOWLEDGED && a.startMs() >= fromMs && a.startMs() < toMs) {
                String text = a.error() == null ? "?" : a.error();
                kinds.merge(a.status() + ": " + (text.length() > 90 ? text.substring(0, 90) : text), 1L, Long::sum);
            }
        }
        return kinds;
    }

    static void assertBound(boolean ok, String message) {
        assertTrue(ok, message);
    }
}
