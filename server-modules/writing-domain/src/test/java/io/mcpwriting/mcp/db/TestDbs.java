package io.mcpwriting.mcp.db;

import io.mcpwriting.mcp.observe.ServerStats;
import javax.sql.DataSource;

/**
 * A {@link Db} outside the container, over any DataSource: the same read and write code the servers run (one
 * transaction per write, errors translated the same way), without Liberty's pool and fault-tolerance interceptors.
 * In mcp-core's package because the container injects Db's fields.
 */
public final class TestDbs {

    private TestDbs() {
    }

    public static Db over(DataSource dataSource) {
        Db db = new Db();
        db.dataSource = dataSource;
        db.stats = new ServerStats() {
            @Override
            public void databaseConnectionFailed() {
                // counted by a server's metrics; a test sees the failure itself
            }
        };
        return db;
    }
}
