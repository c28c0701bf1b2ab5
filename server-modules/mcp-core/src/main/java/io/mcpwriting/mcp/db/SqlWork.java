package io.mcpwriting.mcp.db;

import java.sql.SQLException;

/** Work done with one connection, in one transaction when it writes. */
@FunctionalInterface
public interface SqlWork<T> {

    T apply(Sql sql) throws SQLException;
}
