package it.io.mcpwriting.resilience;

import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.resilience.WriteLoad.Window;
import it.io.mcpwriting.support.Faults;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Losing PostgreSQL or PgBouncer under write load never loses or half-writes data, the servers fail fast
 * while it is gone (the circuit breaker's "database unavailable, retry later"), and they recover by
 * themselves. Six MCP clients write for the whole run; the dependency is stopped for a few seconds after a
 * warm-up and then started again. Figures go to stdout and to target/resilience-figures.txt.
 */
class FaultsUnderLoadIT {

    private static final long WARM_UP_MS = 5_000;
    private static final long OUTAGE_MS = Long.getLong("fault.outage.millis", 5_000);
    private static final long SETTLE_MS = 8_000;
    private static final long RECOVERY_LIMIT_MS = 30_000;

    @AfterEach
    void dependenciesAreBack() throws InterruptedException {
        // whatever happened, leave PostgreSQL and PgBouncer running for the tests after this one
        Faults.ensurePostgresRunning();
        Faults.pgbouncer("start");
        Faults.awaitDatabase(30_000);
    }

    @Test
    void postgresqlStoppedAndStartedUnderLoad() throws Exception {
        scenario("PostgreSQL", () -> Faults.postgres("stop"), () -> Faults.postgres("start"));
    }

    @Test
    void pgbouncerStoppedAndStartedUnderLoad() throws Exception {
        scenario("PgBouncer", () -> Faults.pgbouncer("stop"), () -> Faults.pgbouncer("start"));
    }

    private static void scenario(String dependency, Runnable breakIt, Runnable mendIt) throws Exception {
        WriteLoad load = new WriteLoad(3);
        load.start();
        long faultStart;
        long faultEnd;
        try {
            load.awaitWarmUp();
            Thread.sleep(WARM_UP_MS);
            faultStart = load.now();
            try {
                breakIt.run();
                Thread.sleep(OUTAGE_MS);
            } finally {
                mendIt.run();
            }
            faultEnd = load.now();
            // carry on until both servers are ready and writes succeed again, then a while longer
            while (load.now() < faultEnd + RECOVERY_LIMIT_MS + SETTLE_MS) {
                long up = load.readinessUpAfter(faultEnd);
                long success = load.firstSuccessAfter(faultEnd);
                if (up >= 0 && success >= 0 && load.now() > Math.max(up, success) + SETTLE_MS) {
                    break;
                }
                Thread.sleep(250);
            }
        } finally {
            load.stop();
        }
        long end = load.now();
        long firstSuccess = load.firstSuccessAfter(faultEnd);
        long readyAgain = load.readinessUpAfter(faultEnd);
        long recovered = Math.max(firstSuccess, readyAgain);
        Window warmUp = Window.of(load.attempts(), load.warmUpStart(), faultStart);
        Window outage = Window.of(load.attempts(), faultStart, faultEnd);
        Window duringFault = Window.of(load.attempts(), faultStart, recovered < 0 ? end : recovered);
        Window afterRecovery = Window.of(load.attempts(), (recovered < 0 ? end : recovered) + 2_000, end);
        Window whole = Window.of(load.attempts(), 0, end);
        long acknowledgedDuringFault = duringFault.attempts() - duringFault.errors();

        String report = String.format(Locale.ROOT, """
                %s stopped for %d ms under load (3 author + 3 book writers):
                  warm-up:        %s
                  outage:         %s
                  fault window:   %s (until recovery; %d writes acknowledged in it)
                  after recovery: %s
                  whole run:      %s
                  recovery after %s came back: first acknowledged write %d ms, readiness UP on both servers %d ms
                  errors during the fault: %s
                  errors outside the fault: %s
                  timeline (per second from the fault, acknowledged/failed): %s
                """, dependency, faultEnd - faultStart, warmUp.describe(), outage.describe(), duringFault.describe(),
                acknowledgedDuringFault, afterRecovery.describe(), whole.describe(), dependency,
                firstSuccess < 0 ? -1 : firstSuccess - faultEnd, readyAgain < 0 ? -1 : readyAgain - faultEnd,
                load.errorKinds(faultStart, recovered < 0 ? end : recovered), outside(load, faultStart, recovered, end),
                load.timeline(faultStart - 1_000, end));
        Figures.report(report);

        int committedUnacknowledged = load.verify();
        String integrity = "  integrity after " + dependency + " outage: every acknowledged write present, none "
                + "half-written, nothing unattempted; " + committedUnacknowledged
                + " unacknowledged writes turned out committed";
        Figures.report(integrity);
        load.cleanUp();

        assertTrue(warmUp.attempts() > 20 && warmUp.errorRate() <= 0.05, "healthy warm-up: " + warmUp.describe());
        assertTrue(firstSuccess >= 0 && firstSuccess - faultEnd <= RECOVERY_LIMIT_MS,
                "writes succeed again within " + RECOVERY_LIMIT_MS + " ms of " + dependency + " returning");
        assertTrue(readyAgain >= 0 && readyAgain - faultEnd <= RECOVERY_LIMIT_MS,
                "readiness is UP again within " + RECOVERY_LIMIT_MS + " ms of " + dependency + " returning");
        assertTrue(load.readinessWentDown(faultStart, faultEnd + 2_000), "readiness went DOWN while " + dependency
                + " was gone");
        assertTrue(outage.errors() > 0, "writes failed while " + dependency + " was gone (else nothing was tested)");
        assertTrue(outage.slowestErrorMs() <= 20_000 && outage.medianErrorMs() <= 6_000,
                "calls fail fast while " + dependency + " is gone, not hang: " + outage.describe());
        assertTrue(afterRecovery.attempts() > 20 && afterRecovery.errorRate() <= 0.02,
                "after recovery writes succeed: " + afterRecovery.describe());
        assertTrue(whole.errorRate() <= 0.6, "error rate over the whole run is bounded: " + whole.describe());
    }

    private static String outside(WriteLoad load, long faultStart, long recovered, long end) {
        java.util.Map<String, Long> kinds = new java.util.TreeMap<>(load.errorKinds(0, faultStart));
        if (recovered >= 0) {
            load.errorKinds(recovered, end).forEach((k, v) -> kinds.merge(k, v, Long::sum));
        }
        return kinds.toString();
    }
}
