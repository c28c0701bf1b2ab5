package io.mcpwriting.domain.admin.schema;

import io.mcpwriting.mcp.db.Db;

/** A schema catalog outside the container, reading the catalog of whatever database {@code db} reaches. */
public final class TestCatalogs {

    private TestCatalogs() {
    }

    public static SchemaCatalog over(Db db) {
        SchemaCatalog catalog = new SchemaCatalog();
        catalog.db = db;
        return catalog;
    }
}
