package io.mcpwriting.domain.structure;

/** How much a finding matters, in rising order. */
public enum Severity {
    INFO, WARNING, ERROR;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
