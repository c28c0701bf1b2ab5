package io.mcpwriting.mcp.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mcpwriting.mcp.observe.ServerStats;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A write whose connection fails before COMMIT runs once more; a failed COMMIT is never repeated. */
class DbWriteRetryTest {

    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger commits = new AtomicInteger();
    private boolean commitFails;

    private Db db() {
        Db db = new Db();
        db.stats = new ServerStats() {
            @Override
            public void databaseConnectionFailed() {
                // counted in production; nothing to count here
            }
        };
        db.dataSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (p, m, a) -> {
                    if (!m.getName().equals("getConnection")) {
                        throw new UnsupportedOperationException(m.getName());
                    }
                    connections.incrementAndGet();
                    return connection();
                });
        return db;
    }

    private Connection connection() {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (p, m, a) -> switch (m.getName()) {
                    case "commit" -> {
                        commits.incrementAndGet();
                        if (commitFails) {
                            throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
                        }
                        yield null;
                    }
                    default -> null;
                });
    }

    @Test
    void aConnectionLostBeforeCommitIsRetriedOnceOnAFreshConnection() {
        AtomicInteger runs = new AtomicInteger();
        String result = db().write(sql -> {
            if (runs.incrementAndGet() == 1) {
                throw new SQLException("FATAL: terminating connection due to administrator command", "57P01");
            }
            return "written";
        });
        assertEquals("written", result);
        assertEquals(2, runs.get());
        assertEquals(2, connections.get());
        assertEquals(1, commits.get());
    }

    /** Runs a write whose every run fails with the given error; returns how many times it ran. */
    private int runsOfAWriteThatKeepsFailing(SQLException failure) {
        AtomicInteger runs = new AtomicInteger();
        assertThrows(DatabaseUnavailableException.class, () -> db().write(sql -> {
            runs.incrementAndGet();
            throw failure;
        }));
        assertEquals(0, commits.get());
        return runs.get();
    }

    @Test
    void aSecondFailureIsDatabaseUnavailable() {
        assertEquals(2, runsOfAWriteThatKeepsFailing(new SQLException("server conn crashed?", "08P01")));
    }

    @Test
    void pgBouncerGivingUpOnPostgresIsNotWaitedForTwice() {
        assertEquals(1, runsOfAWriteThatKeepsFailing(new SQLException("FATAL: query_wait_timeout", "08P01")));
    }

    @Test
    void aFailedCommitIsNeverRepeated() {
        commitFails = true;
        AtomicInteger runs = new AtomicInteger();
        assertThrows(DatabaseUnavailableException.class, () -> db().write(sql -> runs.incrementAndGet()));
        assertEquals(1, runs.get(), "the write may have been committed: running it again could duplicate it");
        assertEquals(1, commits.get());
    }

    @Test
    void ordinaryErrorsAreNotRetried() {
        AtomicInteger runs = new AtomicInteger();
        assertThrows(RuntimeException.class, () -> db().write(sql -> {
            runs.incrementAndGet();
            throw new SQLException("duplicate key value violates unique constraint", "23505");
        }));
        assertEquals(1, runs.get());
    }
}
