package benchmark;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import it.io.mcpwriting.support.Servers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Load from MCP clients over Streamable HTTP: each worker holds one session per server and draws calls from
 * {@link Workload} until the time is up. Prints latency percentiles, throughput, error rate, peak database
 * connections and the servers' memory.
 *
 * <p>System properties: benchmark.duration (s, default 30), benchmark.warmup (s; default 30 per server driven, at
 * least 60), benchmark.concurrency (8), benchmark.servers (comma list; default: every server with a workload that
 * is up), benchmark.client ({@code wire}, the default, see {@link WireClient}; or {@code sdk}, the official Java SDK
 * client), benchmark.interval (s; when set, a line of figures per interval, as for a soak run, and the first and
 * last interval side by side).
 */
public final class McpBenchmark {

    private static final Pattern HEAP = Pattern.compile("(?m)^memory_usedHeap_bytes\\{[^}]*\\} ([0-9.eE+-]+)$");
    private static final Pattern POOL = Pattern.compile("(?m)^connectionpool_managedConnections\\{[^}]*\\} ([0-9.eE+-]+)$");

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("benchmark.duration", 30);
        int concurrency = Integer.getInteger("benchmark.concurrency", 8);
        int interval = Integer.getInteger("benchmark.interval", 0);
        List<String> servers = selectServers();
        List<Workload.Call> calls = Workload.CALLS.stream().filter(c -> servers.contains(c.server())).toList();
        // each server gets its share of the load, so its JIT needs proportionally longer to compile the hot paths
        int warmup = Integer.getInteger("benchmark.warmup", Math.max(60, 30 * servers.size()));
        Workload.Fixture fixture = fixture();
        analyze();
        String client = System.getProperty("benchmark.client", "wire");
        System.out.printf(Locale.ROOT, "MCP benchmark: %d clients (%s), %ds (+%ds warm-up), servers %s%n", concurrency,
                client.equals("sdk") ? "MCP Java SDK client" : "wire-level Streamable HTTP client", seconds, warmup,
                servers);

        Histogram latency = new ConcurrentHistogram(60_000_000L, 3);
        Map<String, Histogram> byTool = new ConcurrentHashMap<>();
        LongAdder errors = new LongAdder();
        LongAdder done = new LongAdder();
        AtomicInteger peakDb = new AtomicInteger();
        AtomicInteger currentDb = new AtomicInteger();
        Recorder intervalLatency = new Recorder(60_000_000L, 3);
        Map<String, Long> peakRss = new ConcurrentHashMap<>();
        Map<String, Long> pids = pids(servers);
        Map<String, Long> rssBefore = new TreeMap<>();
        pids.forEach((s, pid) -> rssBefore.put(s, rss(pid)));

        ExecutorService pool = Executors.newFixedThreadPool(concurrency + 2);
        long warmupEnd = System.nanoTime() + warmup * 1_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        Future<?> sampler = pool.submit(() -> sample(end, peakDb, currentDb, pids, peakRss));
        Future<List<String>> intervals = pool.submit(() -> interval <= 0 ? List.<String>of()
                : reportIntervals(interval, warmupEnd, end, intervalLatency, done, errors, currentDb, servers, pids));
        List<Future<?>> workers = new ArrayList<>();
        int totalWeight = calls.stream().mapToInt(Workload.Call::weight).sum();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                Map<String, Session> sessions = new HashMap<>();
                for (String s : servers) {
                    sessions.put(s, open(client, s));
                }
                try {
                    while (true) {
                        long now = System.nanoTime();
                        if (now > end) {
                            return null;
                        }
                        Workload.Call call = pick(calls, totalWeight);
                        long start = System.nanoTime();
                        boolean failed;
                        try {
                            failed = sessions.get(call.server()).isError(call.tool(), call.args().apply(fixture));
                        } catch (Exception e) {
                            failed = true;
                        }
                        long micros = (System.nanoTime() - start) / 1000;
                        if (start > warmupEnd) {
                            latency.recordValue(Math.max(1, micros));
                            intervalLatency.recordValue(Math.max(1, micros));
                            byTool.computeIfAbsent(call.server() + "/" + call.tool(), k -> new ConcurrentHistogram(60_000_000L, 3))
                                    .recordValue(Math.max(1, micros));
                            done.increment();
                            if (failed) {
                                errors.increment();
                            }
                        }
                    }
                } finally {
                    sessions.values().forEach(Session::close);
                }
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        sampler.get();
        List<String> intervalLines = intervals.get();
        pool.shutdown();
        Map<String, Long> rssEnd = new TreeMap<>();
        pids.forEach((s, pid) -> rssEnd.put(s, rss(pid)));

        long n = done.sum();
        System.out.println();
        System.out.printf(Locale.ROOT, "calls            %d in %ds%n", n, seconds);
        System.out.printf(Locale.ROOT, "throughput       %.0f calls/s%n", n / (double) seconds);
        System.out.printf(Locale.ROOT, "latency ms       p50 %.2f  p95 %.2f  p99 %.2f  max %.2f%n", ms(latency, 50),
                ms(latency, 95), ms(latency, 99), latency.getMaxValue() / 1000.0);
        System.out.printf(Locale.ROOT, "error rate       %.3f%% (%d errors)%n", n == 0 ? 0 : 100.0 * errors.sum() / n, errors.sum());
        System.out.printf(Locale.ROOT, "db connections   peak %d (PostgreSQL backends of the database, sampled every 100 ms)%n",
                peakDb.get());
        for (String server : servers) {
            String metrics = get(Servers.url(server) + "/metrics");
            System.out.printf(Locale.ROOT, "server %-18s pool %s  heap %s MiB  RSS start %s -> peak %s -> end %s MiB%n",
                    server, first(POOL, metrics, 1), first(HEAP, metrics, 1024 * 1024), mib(rssBefore.get(server)),
                    mib(peakRss.get(server)), mib(rssEnd.get(server)));
        }
        if (intervalLines.size() >= 2) {
            System.out.println();
            System.out.println("first and last interval");
            System.out.println(intervalLines.get(0));
            System.out.println(intervalLines.get(intervalLines.size() - 1));
        }
        System.out.println();
        System.out.println("per tool (ms)                                 calls      p50      p95      p99");
        new TreeMap<>(byTool).forEach((tool, h) -> System.out.printf(Locale.ROOT, "  %-40s %8d %8.2f %8.2f %8.2f%n", tool,
                h.getTotalCount(), ms(h, 50), ms(h, 95), ms(h, 99)));
        System.out.println("BENCHMARK " + (n > 0 && errors.sum() * 100 < n * 5 ? "OK" : "FAILED"));
        System.exit(n > 0 && errors.sum() * 100 < n * 5 ? 0 : 1);
    }

    private static List<String> selectServers() {
        String wanted = System.getProperty("benchmark.servers", "");
        List<String> candidates = wanted.isBlank() ? Workload.CALLS.stream().map(Workload.Call::server).distinct().toList()
                : List.of(wanted.split(","));
        List<String> up = new ArrayList<>();
        for (String s : candidates) {
            try {
                if (HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Servers.url(s) + "/health/ready"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    up.add(s);
                }
            } catch (Exception e) {
                // not running: not benchmarked
            }
        }
        if (up.isEmpty()) {
            throw new IllegalStateException("no server with a workload is up; start them first (scripts/servers.sh start)");
        }
        return up;
    }

    private static Workload.Call pick(List<Workload.Call> calls, int totalWeight) {
        int r = ThreadLocalRandom.current().nextInt(totalWeight);
        for (Workload.Call c : calls) {
            r -= c.weight();
            if (r < 0) {
                return c;
            }
        }
        return calls.get(0);
    }

    /** One client session with one server: calls a tool, says whether the result is an error. */
    interface Session extends AutoCloseable {

        boolean isError(String tool, Map<String, Object> arguments) throws Exception;

        @Override
        void close();
    }

    private static Session open(String client, String server) throws Exception {
        if (client.equals("sdk")) {
            McpSyncClient sdk = connect(server);
            return new Session() {
                @Override
                public boolean isError(String tool, Map<String, Object> arguments) {
                    return Boolean.TRUE.equals(sdk.callTool(new McpSchema.CallToolRequest(tool, arguments)).isError());
                }

                @Override
                public void close() {
                    sdk.closeGracefully();
                }
            };
        }
        WireClient wire = WireClient.open(URI.create(Servers.url(server) + "/mcp"), Servers.TOKEN, "benchmark");
        return new Session() {
            @Override
            public boolean isError(String tool, Map<String, Object> arguments) throws Exception {
                return wire.callTool(tool, arguments).path("isError").asBoolean(true);
            }

            @Override
            public void close() {
                wire.close();
            }
        };
    }

    private static McpSyncClient connect(String server) {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(Servers.url(server))
                        .clientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1))
                        .endpoint("/mcp")
                        .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + Servers.TOKEN))
                        .build())
                .clientInfo(new McpSchema.Implementation("benchmark", "1.0"))
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        client.initialize();
        return client;
    }

    /** Rows the calls refer to, made directly in the database (the same for every server's workload). */
    private static Workload.Fixture fixture() throws Exception {
        try (Connection c = DriverManager.getConnection(System.getProperty("db.url"), System.getProperty("db.user"),
                System.getProperty("db.password"))) {
            long author = one(c, "INSERT INTO authors (name) VALUES ('Benchmark author') RETURNING id");
            long series = one(c, "INSERT INTO series (author_id, title) VALUES (" + author + ", 'Benchmark series "
                    + System.nanoTime() + "') RETURNING id");
            List<Long> books = new ArrayList<>();
            List<Long> chapters = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                long book = one(c, "INSERT INTO books (series_id, title, book_number) VALUES (" + series + ", 'Book " + i
                        + "', " + i + ") RETURNING id");
                books.add(book);
                for (int ch = 1; ch <= 12; ch++) {
                    long chapter = one(c, "INSERT INTO chapters (book_id, chapter_number, word_count) VALUES (" + book
                            + ", " + ch + ", 3000) RETURNING id");
                    chapters.add(chapter);
                    one(c, "INSERT INTO chapter_scenes (chapter_id, scene_number, scene_title, word_count) VALUES ("
                            + chapter + ", 1, 'Opening', 1500) RETURNING id");
                }
            }
            List<Long> characters = List.of(one(c, "INSERT INTO characters (series_id, name) VALUES (" + series
                    + ", 'Hero') RETURNING id"), one(c, "INSERT INTO characters (series_id, name) VALUES (" + series
                    + ", 'Rival') RETURNING id"));
            long thread = one(c, "INSERT INTO plot_threads (series_id, title, current_status_id) VALUES (" + series
                    + ", 'Main arc', (SELECT id FROM plot_thread_statuses WHERE status_name = 'active')) RETURNING id");
            return new Workload.Fixture(author, series, books, thread, characters, chapters);
        }
    }

    /**
     * Brings the planner's statistics up to date, as autovacuum would soon after: runs of tests and benchmarks fill
     * tables faster than it analyzes them, and a plan made for a table thought empty (a merge join over every
     * author to fetch one series) would be measured instead of the servers.
     */
    private static void analyze() throws Exception {
        try (Connection c = DriverManager.getConnection(System.getProperty("db.direct.url"),
                System.getProperty("db.owner.user"), System.getProperty("db.owner.password"));
                Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }
    }

    private static long one(Connection c, String sql) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Void sample(long end, AtomicInteger peakDb, AtomicInteger currentDb, Map<String, Long> pids,
            Map<String, Long> peakRss) {
        try (Connection c = DriverManager.getConnection(System.getProperty("db.direct.url"), System.getProperty("db.owner.user"),
                System.getProperty("db.owner.password"));
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            while (System.nanoTime() < end) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    currentDb.set(rs.getInt(1));
                    peakDb.accumulateAndGet(rs.getInt(1), Math::max);
                }
                pids.forEach((s, pid) -> peakRss.merge(s, rss(pid), Math::max));
                Thread.sleep(100);
            }
        } catch (Exception e) {
            System.err.println("sampler stopped: " + e);
        }
        return null;
    }

    /** One line per interval: its calls, latency, errors, connections and the servers' memory at its end. */
    private static List<String> reportIntervals(int seconds, long start, long end, Recorder latency, LongAdder done,
            LongAdder errors, AtomicInteger currentDb, List<String> servers, Map<String, Long> pids) throws Exception {
        System.out.println("  time    calls  calls/s   p50 ms   p95 ms   p99 ms  errors  db conns  pools  heap MiB  RSS MiB"
                + " (connections, heap and RSS summed over the servers)");
        List<String> lines = new ArrayList<>();
        long step = seconds * 1_000_000_000L;
        long lastCalls = 0;
        long lastErrors = 0;
        Histogram h = null;
        for (long tick = start + step; tick <= end + 1_000_000_000L; tick += step) {
            Thread.sleep(Math.max(0, (tick - System.nanoTime()) / 1_000_000));
            h = latency.getIntervalHistogram(h);
            long calls = done.sum();
            long errs = errors.sum();
            long pools = 0;
            long heap = 0;
            for (String server : servers) {
                String metrics = get(Servers.url(server) + "/metrics");
                pools += Math.round(number(POOL, metrics));
                heap += Math.round(number(HEAP, metrics) / (1024 * 1024));
            }
            long rss = pids.values().stream().mapToLong(McpBenchmark::rss).sum() / (1024 * 1024);
            long n = calls - lastCalls;
            String line = String.format(Locale.ROOT, "%5ds %8d %8.0f %8.2f %8.2f %8.2f %6.2f%% %9d %6d %9d %8d",
                    (tick - start) / 1_000_000_000L, n, n / (double) seconds, ms(h, 50), ms(h, 95), ms(h, 99),
                    n == 0 ? 0 : 100.0 * (errs - lastErrors) / n, currentDb.get(), pools, heap, rss);
            System.out.println(line);
            lines.add(line);
            lastCalls = calls;
            lastErrors = errs;
        }
        return lines;
    }

    private static double number(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static Map<String, Long> pids(List<String> servers) {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String s : servers) {
            Path pidFile = Path.of(System.getProperty("liberty.runtime.dir", "target/liberty"), "wlp/usr/servers/.pid", s + ".pid");
            try {
                pids.put(s, Long.parseLong(Files.readString(pidFile).strip()));
            } catch (Exception e) {
                // not started from this runtime: no RSS figure
            }
        }
        return pids;
    }

    private static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (Exception e) {
            // process gone
        }
        return 0;
    }

    private static String mib(Long bytes) {
        return bytes == null || bytes == 0 ? "?" : String.valueOf(bytes / (1024 * 1024));
    }

    private static String first(Pattern p, String text, double divisor) {
        Matcher m = p.matcher(text);
        return m.find() ? String.format(Locale.ROOT, "%.0f", Double.parseDouble(m.group(1)) / divisor) : "?";
    }

    private static String get(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
