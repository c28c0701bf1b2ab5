package io.mcpwriting.domain.admin.schema;

/**
 * A column of a live table, read from the catalog.
 *
 * @param type      the declared type with its modifier, e.g. {@code character varying(255)}
 * @param baseType  the type without modifier, used for casts, e.g. {@code character varying}
 * @param sequence  the sequence feeding the column's default (serial or identity), schema-qualified, or null
 * @param generated a generated column, which no write may set
 */
public record Column(String name, String type, String baseType, boolean nullable, String defaultExpression,
        int position, boolean array, boolean json, boolean generated, String identity, String sequence,
        String comment) {

    /** {@code json} (not {@code jsonb}) has no equality operator. */
    public boolean plainJson() {
        return "json".equals(baseType);
    }

    public boolean timestamp() {
        return baseType.startsWith("timestamp") || "date".equals(baseType);
    }

    /** Inserting without a value is fine: the column has a default, is generated, or accepts null. */
    public boolean optionalOnInsert() {
        return nullable || defaultExpression != null || generated || identity != null;
    }

    public String quoted() {
        return Identifiers.quote(name);
    }
}
