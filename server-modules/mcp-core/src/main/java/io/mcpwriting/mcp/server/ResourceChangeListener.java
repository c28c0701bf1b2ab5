package io.mcpwriting.mcp.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hears which writing:// resources changed, whichever server changed them: the database announces the URIs
 * on the channel {@value #CHANNEL} (migrations V73, V76) and this thread LISTENs on one direct PostgreSQL connection
 * of its own, since PgBouncer's transaction pooling cannot hold a LISTEN. A lost connection is re-made with
 * back-off; changes made while it was down are not replayed.
 */
final class ResourceChangeListener implements AutoCloseable {

    static final String CHANNEL = "writing_resources";
    private static final Logger LOG = Logger.getLogger(ResourceChangeListener.class.getName());
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** How long one wait for notifications lasts before the connection is checked with a query. */
    private static final int WAIT_MILLIS = 10_000;
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final String url;
    private final Properties properties;
    private final Consumer<String> changed;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;

    ResourceChangeListener(String url, Properties properties, Consumer<String> changed) {
        this.url = url;
        this.properties = properties;
        this.changed = changed;
        this.thread = new Thread(this::listen, "mcp-resource-changes");
        thread.setDaemon(true);
    }

    ResourceChangeListener start() {
        thread.start();
        return this;
    }

    private void listen() {
        long backoff = 1_000;
        boolean warned = false;
        while (!closed) {
            try (Connection c = new org.postgresql.Driver().connect(url, properties)) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                LOG.info(() -> "listening for resource changes on " + CHANNEL);
                backoff = 1_000;
                warned = false;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications == null || notifications.length == 0) {
                        try (Statement s = c.createStatement()) {
                            s.execute("SELECT 1"); // a dead link shows itself here
                        }
                        continue;
                    }
                    for (PGNotification n : notifications) {
                        dispatch(n.getParameter());
                    }
                }
            } catch (SQLException e) {
                if (closed) {
                    return;
                }
                if (!warned) {
                    LOG.warning("resource change notifications unavailable (" + e.getMessage() + "); retrying");
                    warned = true;
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "resource change listener failed", e);
                return;
            }
        }
    }

    private void dispatch(String payload) {
        try {
            for (JsonNode uri : JSON.readTree(payload)) {
                changed.accept(uri.asString());
            }
        } catch (JacksonException e) {
            LOG.warning(() -> "ignored a malformed change notification: " + payload);
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.log(Level.FINE, "closing the listener connection", e);
            }
        }
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
