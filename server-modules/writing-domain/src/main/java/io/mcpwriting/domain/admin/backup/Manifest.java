package io.mcpwriting.domain.admin.backup;

import io.mcpwriting.domain.admin.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sidecar {@code <backup>.manifest.json} of a backup: what it holds (type, tables and row counts, schema
 * and/or data, base of an incremental), how it is stored (format, compression, encryption) and its SHA-256.
 * A {@code <backup>.sha256} file in sha256sum format sits beside it for operators.
 */
public final class Manifest {

    public static final String SUFFIX = ".manifest.json";
    public static final String SHA_SUFFIX = ".sha256";

    private final Map<String, Object> fields;

    public Manifest(Map<String, Object> fields) {
        this.fields = new LinkedHashMap<>(fields);
    }

    public static Path pathFor(Path backup) {
        return backup.resolveSibling(backup.getFileName() + SUFFIX);
    }

    public static Manifest read(Path backup) throws IOException {
        Path file = pathFor(backup);
        return new Manifest(Json.object(Files.readString(file, StandardCharsets.UTF_8)));
    }

    public void write(Path backup) throws IOException {
        Path file = pathFor(backup);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, Json.pretty(fields), StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(backup.resolveSibling(backup.getFileName() + SHA_SUFFIX),
                sha256() + "  " + backup.getFileName() + "\n", StandardCharsets.UTF_8);
    }

    public Map<String, Object> fields() {
        return fields;
    }

    public Object get(String key) {
        return fields.get(key);
    }

    public String string(String key) {
        Object v = fields.get(key);
        return v == null ? null : v.toString();
    }

    public boolean flag(String key) {
        return Boolean.TRUE.equals(fields.get(key));
    }

    /** A number the manifest records, as a long; null when it records none. */
    public Long number(String key) {
        return fields.get(key) instanceof Number n ? n.longValue() : null;
    }

    /** A yes or no the manifest records; null when it records none (where {@link #flag} reads false). */
    public Boolean bool(String key) {
        return fields.get(key) instanceof Boolean b ? b : null;
    }

    /** A list the manifest records, as it records it; null when it records none. */
    @SuppressWarnings("unchecked")
    public <T> List<T> list(String key) {
        return fields.get(key) instanceof List<?> l ? (List<T>) l : null;
    }

    /** An object the manifest records, as it records it; null when it records none. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String key) {
        return fields.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    public String type() {
        return string("type");
    }

    public String sha256() {
        return string("sha256");
    }

    public Instant createdAt() {
        return Instant.parse(string("created_at"));
    }

    /** When the data was read: rows changed after this belong to the next incremental backup. */
    public Instant snapshotTime() {
        String s = string("snapshot_time");
        return s == null ? createdAt() : Instant.parse(s);
    }

    /** The tables whose data the backup holds, with their row counts. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> tables() {
        Object t = fields.get("tables");
        return t == null ? List.of() : (List<Map<String, Object>>) t;
    }

    public Manifest with(String key, Object value) {
        fields.put(key, value);
        return this;
    }
}
