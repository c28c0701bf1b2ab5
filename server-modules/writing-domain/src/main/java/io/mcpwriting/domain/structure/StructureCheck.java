package io.mcpwriting.domain.structure;

/**
 * One check an analysis tool runs over a book. Its SQL reads the common expressions of {@link BookAnalysis}
 * ({@code book}, {@code all_ch}, {@code ch}, {@code sc}, {@code pres}, {@code appear}, and any the tool adds) and
 * returns one row per finding: chapter id, scene id, character id (each may be null) and a message.
 */
public record StructureCheck(String name, Severity severity, String description, String sql) {
}
