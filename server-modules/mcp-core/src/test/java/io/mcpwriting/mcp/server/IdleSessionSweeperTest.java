package io.mcpwriting.mcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdleSessionSweeperTest {

    private static final Duration IDLE = Duration.ofSeconds(20);

    private final ConcurrentHashMap<String, McpStreamableServerSession> sessions = new ConcurrentHashMap<>();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final IdleSessionSweeper sweeper = new IdleSessionSweeper(sessions, IDLE, clock::get);

    @Test
    void aSessionCreatedJustBeforeASweepSurvivesIt() {
        open("old");
        sweeper.sweep();
        advance(IDLE.plusSeconds(1));
        open("new"); // initialized a moment before this sweep, never used yet

        assertEquals(1, sweeper.sweep());
        assertTrue(sessions.containsKey("new"), "the new session stays");
        assertFalse(sessions.containsKey("old"), "the idle one goes");
    }

    @Test
    void aSessionInUseIsKeptAndOneIdleForAWholeIntervalIsClosed() {
        open("busy");
        open("quiet");
        sweeper.sweep();
        advance(IDLE.minusSeconds(5));
        call("busy");
        advance(Duration.ofSeconds(6));

        assertEquals(1, sweeper.sweep());
        assertTrue(sessions.containsKey("busy"));
        assertFalse(sessions.containsKey("quiet"));
    }

    @Test
    void theSessionsItClosesAreReportedSoTheirRatesGoToo() {
        List<String> closed = new ArrayList<>();
        sweeper.whenClosed(closed::add);
        open("busy");
        open("quiet");
        sweeper.sweep();
        advance(IDLE.plusSeconds(1));
        call("busy");

        sweeper.sweep();
        assertEquals(List.of("quiet"), closed);
    }

    @Test
    void aSessionWithALongRequestInProgressIsNeverClosed() {
        open("slow");
        sweeper.sweep();
        sweeper.requestStarted("slow");
        advance(IDLE.multipliedBy(3));

        assertEquals(0, sweeper.sweep());
        sweeper.requestEnded("slow");
        advance(IDLE.plusSeconds(1));
        assertEquals(1, sweeper.sweep());
        assertTrue(sessions.isEmpty());
    }

    @Test
    void requestsForUnknownSessionsLeaveNothingBehind() {
        for (int i = 0; i < 1_000; i++) {
            call("no-such-session-" + i);
        }
        open("real");
        call("real");
        sweeper.sweep();
        sessions.remove("real"); // deleted by its client
        sweeper.sweep();
        sweeper.requestStarted("never-opened");
        assertEquals(0, sweeper.tracked());
    }

    @Test
    void sessionsOpenedAndUsedWhileSweepsRunAreNeverLost() throws Exception {
        // the SDK's sweeper evicted sessions opened during a sweep; here thousands are opened and used while
        // another thread sweeps with no pause, and the clock never makes a session look idle
        Thread sweeping = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                sweeper.sweep();
            }
        });
        sweeping.start();
        try {
            for (int i = 0; i < 5_000; i++) {
                String id = "s" + i;
                open(id);
                call(id);
                assertTrue(sessions.containsKey(id), "session " + id + " is still there after its call");
                sessions.remove(id);
            }
        } finally {
            sweeping.interrupt();
            sweeping.join();
        }
    }

    private void open(String id) {
        sessions.put(id, new McpStreamableServerSession(id, McpSchema.ClientCapabilities.builder().build(),
                new McpSchema.Implementation("test", "1"), Duration.ofSeconds(5), Map.of(), Map.of()));
    }

    private void call(String id) {
        sweeper.requestStarted(id);
        sweeper.requestEnded(id);
    }

    private void advance(Duration d) {
        clock.addAndGet(d.toNanos());
    }
}
