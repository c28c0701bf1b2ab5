package it.io.mcpwriting.resilience;

import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.resilience.WriteLoad.Attempt;
import it.io.mcpwriting.resilience.WriteLoad.Window;
import it.io.mcpwriting.support.Faults;
import it.io.mcpwriting.support.Http;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Losing one server under write load: the book-planning server is killed (SIGKILL, mid-transaction for
 * some of its calls), or stopped the orderly way, while six clients write, then started again. Writes in flight when it died are either
 * wholly in the database or not at all, every acknowledged one is there, the other server never notices, and
 * the clients carry on once it is back (with new sessions: the old ones died with it).
 */
class ServerCrashUnderLoadIT {

    private static final String VICTIM = "book-planning";

    @AfterEach
    void victimIsBack() {
        try {
            if (Http.get(VICTIM, "/health/started").statusCode() == 200) {
                return;
            }
        } catch (RuntimeException e) {
            // not running
        }
        Faults.startServer(VICTIM);
    }

    @Test
    void aServerKilledMidWriteLosesNothingAndTheOthersCarryOn() throws Exception {
        scenario("killed (SIGKILL)", () -> Faults.killServer(VICTIM), false);
    }

    /**
     * Liberty's stop quiesces the HTTP endpoint: no new connections, the requests it has accepted run to their
     * end. Every call gets an answer (none hangs), and the data is whole as after a crash.
     */
    @Test
    void aServerStoppedGracefullyAnswersWhatItAcceptedAndLosesNothing() throws Exception {
        scenario("stopped (server stop)", () -> Faults.stopServer(VICTIM), true);
    }

    private static void scenario(String how, Runnable takeDown, boolean graceful) throws Exception {
        WriteLoad load = new WriteLoad(3);
        load.start();
        long killedAt;
        long restartedAt;
        try {
            load.awaitWarmUp();
            Thread.sleep(4_000);
            killedAt = load.now();
            takeDown.run();
            Thread.sleep(2_000);
            Faults.startServer(VICTIM); // returns once the server is ready
            restartedAt = load.now();
            long settle = restartedAt + 6_000;
            while (load.now() < settle || load.firstSuccessAfter(restartedAt) < 0 && load.now() < restartedAt + 60_000) {
                Thread.sleep(250);
            }
        } finally {
            load.stop();
        }
        long end = load.now();
        List<Attempt> books = load.attempts().stream().filter(a -> a.kind().equals("book")).toList();
        List<Attempt> authors = load.attempts().stream().filter(a -> a.kind().equals("author")).toList();
        long firstBook = books.stream().filter(a -> a.status() == WriteLoad.Status.ACKNOWLEDGED
                && a.startMs() >= restartedAt).mapToLong(Attempt::endMs).min().orElse(-1);
        Window authorsMeanwhile = Window.of(authors, killedAt, restartedAt);
        Window booksDown = Window.of(books, killedAt, restartedAt);
        Window booksAfter = Window.of(books, (firstBook < 0 ? restartedAt : firstBook) + 1_000, end);
        String report = String.format(Locale.ROOT, """
                %s %s under load, restarted by scripts/servers.sh:
                  down (until ready again): %d ms; first acknowledged book after it was ready: %d ms
                  book calls in flight when it went down: %s
                  author server meanwhile: %s
                  book writes while it was down: %s
                  book writes after: %s
                """, VICTIM, how, restartedAt - killedAt, firstBook < 0 ? -1 : firstBook - restartedAt,
                inFlight(books, killedAt),
                authorsMeanwhile.describe(), booksDown.describe(), booksAfter.describe());
        Figures.report(report);

        int committedUnacknowledged = load.verify();
        String integrity = "  integrity after the server was " + how + ": every acknowledged write present, none half-written, "
                + "nothing unattempted; " + committedUnacknowledged + " unacknowledged writes turned out committed";
        Figures.report(integrity);
        load.cleanUp();
        assertTrue(authorsMeanwhile.attempts() > 10 && authorsMeanwhile.errorRate() <= 0.02,
                "the author server is unaffected: " + authorsMeanwhile.describe());
        assertTrue(firstBook >= 0 && firstBook - restartedAt <= 15_000,
                "book writes succeed again soon after the restart");
        assertTrue(booksAfter.attempts() > 10 && booksAfter.errorRate() <= 0.02,
                "book writes succeed after the restart: " + booksAfter.describe());
        long slowest = books.stream().mapToLong(Attempt::millis).max().orElse(0);
        assertTrue(slowest <= 35_000, "no call hangs while the server goes down (slowest " + slowest + " ms)");
        if (graceful) {
            assertTrue(load.readinessWentDown(killedAt, restartedAt), "readiness reports the stopped server");
        }
    }

    /** How the book calls that had started before the server went down ended. */
    private static String inFlight(List<Attempt> books, long downAt) {
        java.util.Map<String, Long> outcomes = new java.util.TreeMap<>();
        books.stream().filter(a -> a.startMs() < downAt && a.endMs() >= downAt)
                .forEach(a -> outcomes.merge(a.status().toString().toLowerCase(Locale.ROOT), 1L, Long::sum));
        return outcomes.isEmpty() ? "none" : outcomes.toString();
    }
}
