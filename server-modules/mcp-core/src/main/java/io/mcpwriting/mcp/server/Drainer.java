package io.mcpwriting.mcp.server;

import io.modelcontextprotocol.spec.McpSession;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.ObjectName;

/**
 * Takes a server out of service without dropping work: on {@link #drain()} (from JMX, or on stop) readiness
 * goes DOWN and new sessions are refused, the tool calls in progress finish within the drain timeout, then the
 * open sessions are closed, so that clients start new ones elsewhere.
 */
final class Drainer implements DrainerMXBean, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Drainer.class.getName());
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final String server;
    private final Lifecycle lifecycle;
    private final Duration timeout;
    private final List<Map<String, ? extends McpSession>> sessionMaps = new ArrayList<>();
    private ObjectName name;

    Drainer(String server, Lifecycle lifecycle, Duration timeout) {
        this.server = server;
        this.lifecycle = lifecycle;
        this.timeout = timeout;
    }

    Drainer closing(Map<String, ? extends McpSession> sessions) {
        sessionMaps.add(sessions);
        return this;
    }

    Drainer register() {
        try {
            name = new ObjectName("io.mcpwriting:type=McpServerControl,name=" + ObjectName.quote(server));
            ManagementFactory.getPlatformMBeanServer().registerMBean(this, name);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "could not register the drain MBean", e);
            name = null;
        }
        return this;
    }

    @Override
    public boolean isDraining() {
        return lifecycle.draining();
    }

    @Override
    public int getCallsInProgress() {
        return lifecycle.callsInProgress();
    }

    @Override
    public synchronized String drain() {
        long start = System.nanoTime();
        lifecycle.drain();
        int unfinished;
        try {
            unfinished = lifecycle.awaitNoCalls(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unfinished = lifecycle.callsInProgress();
        }
        // A call on an open session may have arrived after the wait: from here such calls are refused (404), and
        // the ones already past that check are counted, so one more short wait lets them finish before the close.
        lifecycle.closeSessions();
        try {
            unfinished = lifecycle.awaitNoCalls(CLOSE_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int closed = closeSessions();
        String outcome = String.format("%s drained in %d ms: %d session(s) closed, %s", server,
                (System.nanoTime() - start) / 1_000_000, closed, unfinished == 0 ? "no call in progress"
                        : unfinished + " call(s) still running after " + timeout.toSeconds() + " s");
        LOG.info(outcome);
        return outcome;
    }

    private int closeSessions() {
        int closed = 0;
        for (Map<String, ? extends McpSession> sessions : sessionMaps) {
            for (Map.Entry<String, ? extends McpSession> entry : List.copyOf(sessions.entrySet())) {
                if (sessions.remove(entry.getKey(), entry.getValue())) {
                    closed++;
                    try {
                        entry.getValue().closeGracefully().block(CLOSE_TIMEOUT);
                    } catch (RuntimeException e) {
                        LOG.log(Level.FINE, "closing session " + entry.getKey(), e);
                    }
                }
            }
        }
        return closed;
    }

    @Override
    public void resume() {
        lifecycle.resume();
        LOG.info(() -> server + " resumed");
    }

    @Override
    public void close() {
        if (name != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            } catch (Exception e) {
                LOG.log(Level.FINE, "drain MBean already gone", e);
            }
        }
    }
}
