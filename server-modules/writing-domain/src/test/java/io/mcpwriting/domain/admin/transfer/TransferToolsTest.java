package io.mcpwriting.domain.admin.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.mcp.resource.FileLink;
import io.mcpwriting.mcp.resource.WithFiles;
import io.mcpwriting.mcp.tool.ClientChannel;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.ToolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** db_export_csv/json and db_import_csv/json against real PostgreSQL (see {@link TransferDatabase}). */
class TransferToolsTest {

    private static final String TABLE = "transfer_values";
    /** Each row as PostgreSQL prints it: NULL and '' differ; json compared as jsonb (its spacing is not kept). */
    private static final String CONTENT = "SELECT string_agg(r::text, E'\\n' ORDER BY r.id) FROM (SELECT id, label, note, "
            + "tags, doc, plain::jsonb AS plain, amount, happened, flag, score FROM transfer_values) r";

    @TempDir
    static Path exportsDir;
    static TransferDatabase db;

    @BeforeAll
    static void createTheTable() {
        db = new TransferDatabase(exportsDir);
        TransferDatabase.asOwner("DROP VIEW IF EXISTS transfer_labels", "DROP TABLE IF EXISTS " + TABLE,
                "CREATE TABLE " + TABLE + " (id bigserial PRIMARY KEY, label text NOT NULL, note text, tags text[], "
                        + "doc jsonb, plain json, amount numeric(12,3), happened timestamptz, flag boolean, "
                        + "score integer CHECK (score >= 0))",
                "CREATE VIEW transfer_labels AS SELECT label, score FROM " + TABLE,
                "GRANT SELECT, INSERT, UPDATE, DELETE ON " + TABLE + " TO " + TransferDatabase.APP,
                "GRANT SELECT ON transfer_labels TO " + TransferDatabase.APP,
                "GRANT USAGE, SELECT, UPDATE ON SEQUENCE transfer_values_id_seq TO " + TransferDatabase.APP);
        db.catalog.refresh();
    }

    @BeforeEach
    void empty() {
        TransferDatabase.asOwner("TRUNCATE " + TABLE + " RESTART IDENTITY");
    }

    private static void insertTrickyRows() {
        TransferDatabase.asOwner("INSERT INTO " + TABLE + " (label, note, tags, doc, plain, amount, happened, flag, "
                + "score) VALUES "
                + "('null note', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL), "
                + "('empty note', '', '{}', '{}', '[]', 0, '2025-01-31 12:34:56.789+02', false, 0), "
                + "('quotes, commas', 'say \"hi\", then ''leave''', ARRAY['a', 'B c', '', 'x,y', 'q\"uote', NULL], "
                + "'{\"k\": \"v \\\"q\\\" , x\"}', '{\"a\":[true],  \"b\" : 1}', 1234.5, "
                + "'1999-12-31 23:59:59+00', true, 7), "
                + "('lines', E'two\\nlines\\r\\nand\\ta tab', ARRAY[E'new\\nline'], '{\"text\": \"a\\nb\\tc\"}', NULL, "
                + "-0.001, NULL, NULL, NULL), "
                + "('backslashes', E'back\\\\slash \\\\n not a newline \\\\\\\\', ARRAY[E'back\\\\slash', E'\\\\.'], "
                + "'{\"path\": \"C:\\\\\\\\dir\\\\\\\\file\", \"e\": \"\\u00e9\"}', '\"\\\\\\\\\"', 1, NULL, NULL, 1), "
                + "('unicode', 'Zoë — 東京 🐉', ARRAY['ü', '🐉'], '{\"ü\": \"東京\", \"n\": [1, 2.50, null]}', "
                + "NULL, NULL, NULL, NULL, NULL), "
                + "(' padded ', '  ', ARRAY[' '], NULL, NULL, NULL, NULL, NULL, NULL), "
                + "(E'\\\\.', E'\\\\.', NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
    }

    @Test
    void csvRoundTripKeepsNullsEmptyStringsQuotesLineBreaksBackslashesUnicodeArraysAndJson() throws IOException {
        insertTrickyRows();
        String before = TransferDatabase.text(CONTENT);
        Map<String, Object> export = result(db.exports.exportCsv(TABLE, null, null));
        assertEquals(8L, number(export, "record_count"));
        Path file = exportsDir.resolve((String) export.get("exportFile"));
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(sha256(bytes), export.get("sha256"));
        assertEquals((long) bytes.length, number(export, "size_bytes"));
        assertEquals("db_import_csv", export.get("import_with"));
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("id,label,note,tags,doc,plain,amount,happened,flag,score\r\n"), text);
        assertTrue(text.contains("\r\n1,null note,,,,,,,,\r\n"), "NULL is an empty unquoted field: " + text);
        assertTrue(text.contains("\r\n2,empty note,\"\",{},{},[],0.000,"), "the empty string is \"\": " + text);
        assertTrue(text.contains(",\"{a,\"\"B c\"\",\"\"\"\",\"\"x,y\"\",\"\"q\\\"\"uote\"\",NULL}\","),
                "arrays in their text form: " + text);

        TransferDatabase.asOwner("TRUNCATE " + TABLE);
        Map<String, Object> imported = result(db.imports.importCsv(TABLE, file.getFileName().toString(), null, null));
        assertEquals(8L, number(imported, "imported"));
        assertEquals(0L, number(imported, "rejected"));
        assertEquals(before, TransferDatabase.text(CONTENT));
        assertEquals("9", TransferDatabase.text("SELECT nextval('transfer_values_id_seq')::text"),
                "the sequence moved past the imported ids");
    }

    @Test
    void jsonRoundTripKeepsTheSameValues() throws IOException {
        insertTrickyRows();
        String before = TransferDatabase.text(CONTENT);
        Map<String, Object> export = result(db.exports.exportJson(TABLE, null, null));
        Path file = exportsDir.resolve((String) export.get("exportFile"));
        Map<String, Object> document = Json.object(Files.readString(file));
        assertEquals(TABLE, document.get("table"));
        assertEquals(8, ((List<?>) document.get("records")).size());
        assertEquals(8, ((Number) document.get("count")).intValue());
        assertNotNull(document.get("exported_at"));
        Map<?, ?> backslashes = (Map<?, ?>) ((List<?>) document.get("records")).get(4);
        assertEquals("back\\slash \\n not a newline \\\\", backslashes.get("note"), "COPY's escapes are undone");
        assertEquals(Map.of("path", "C:\\\\dir\\\\file", "e", "é"), backslashes.get("doc"));

        TransferDatabase.asOwner("TRUNCATE " + TABLE);
        String audited = "SELECT count(*)::text FROM audit_logs WHERE table_name = ? AND operation = 'BATCH_INSERT' "
                + "AND (changes->>'imported')::int = 8 AND record_id = '1,2,3,4,5,6,7,8'";
        int auditedBefore = Integer.parseInt(TransferDatabase.text(audited, TABLE));
        Map<String, Object> imported = result(db.imports.importJson(TABLE, file.getFileName().toString(), null));
        assertEquals(8L, number(imported, "imported"));
        assertEquals(before, TransferDatabase.text(CONTENT));
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8"), imported.get("ids"));
        assertEquals(false, imported.get("ids_truncated"));
        assertEquals(auditedBefore + 1, Integer.parseInt(TransferDatabase.text(audited, TABLE)),
                "audited in the import's transaction");
    }

    @Test
    void whereAndLimitChooseTheFirstMatchingRowsInKeyOrder() throws IOException {
        TransferDatabase.asOwner("INSERT INTO " + TABLE + " (label, score) SELECT 'w' || i, i % 5 FROM "
                + "generate_series(1, 40) i");
        List<double[]> progress = new ArrayList<>();
        Map<String, Object> export = result(during(progress, () -> db.exports.exportJson(TABLE,
                Map.of("label", Map.of("$like", "w%"), "score", Map.of("$gte", 3)), 4)));
        assertEquals(4L, number(export, "record_count"));
        assertEquals(List.of(4.0, 4.0), List.of(progress.get(progress.size() - 1)[0], progress.get(progress.size() - 1)[1]),
                "the chosen rows were counted");
        List<?> records = (List<?>) Json.object(Files.readString(exportsDir.resolve((String) export.get("exportFile"))))
                .get("records");
        assertEquals(List.of(3, 4, 8, 9), records.stream().map(r -> ((Number) ((Map<?, ?>) r).get("id")).intValue())
                .toList());

        Map<String, Object> none = result(db.exports.exportCsv(TABLE,
                Map.of("label", "x'); DROP TABLE transfer_values; --"), null));
        assertEquals(0L, number(none, "record_count"));
        assertEquals("40", TransferDatabase.text("SELECT count(*)::text FROM transfer_values"), "a value is bound");

        Map<String, Object> view = result(db.exports.exportCsv("transfer_labels", Map.of("score", 0), 3));
        assertEquals(List.of("label,score", "w10,0", "w15,0", "w20,0"),
                Files.readAllLines(exportsDir.resolve((String) view.get("exportFile"))),
                "without a key: in the order of the first column");

        ToolException e = assertThrows(ToolException.class, () -> db.exports.exportCsv(TABLE, Map.of("nope", 1), null));
        assertTrue(e.getMessage().contains("has no column 'nope'"), e.getMessage());
    }

    @Test
    void conflictModesDecideWhatExistingKeysDo() throws IOException {
        TransferDatabase.asOwner("INSERT INTO " + TABLE + " (label, score) VALUES ('one', 1), ('two', 2), ('three', 3)");
        String file = (String) result(db.exports.exportJson(TABLE, null, null)).get("exportFile");

        Map<String, Object> refused = result(db.imports.importJson(TABLE, file, null));
        assertEquals(0L, number(refused, "imported"));
        assertEquals(3L, number(refused, "rejected"));
        assertEquals(Map.of("row", 2L, "reason", "Already exists: id = 2."), rejectedRows(refused).get(1));

        TransferDatabase.asOwner("UPDATE " + TABLE + " SET label = 'changed' WHERE id = 2");
        assertEquals(3L, number(result(db.imports.importJson(TABLE, file, "skip")), "skipped"));
        assertEquals("changed", TransferDatabase.text("SELECT label FROM transfer_values WHERE id = 2"));
        Map<String, Object> updated = result(db.imports.importJson(TABLE, file, "update"));
        assertEquals(3L, number(updated, "updated"));
        assertEquals("two", TransferDatabase.text("SELECT label FROM transfer_values WHERE id = 2"));
    }

    @Test
    void refusedRowsAreReportedWithTheirReasonWhileTheOthersAreImported() throws IOException {
        TransferDatabase.asOwner("INSERT INTO " + TABLE + " (label) VALUES ('existing')");
        Files.writeString(exportsDir.resolve("mixed.json"), """
                {"records": [
                  {"label": "good"},
                  {"label": "negative", "score": -1},
                  {"id": 1, "label": "taken"},
                  {"label": "odd", "colour": "red"},
                  "not a row",
                  {"label": "word", "score": "five"},
                  {"note": "no label"},
                  {"label": "also good", "tags": ["x", "y"]},
                  {"id": 50, "label": "twice"},
                  {"id": 50, "label": "twice again"}
                ], "count": 10}
                """);
        Map<String, Object> report = result(db.imports.importJson(TABLE, "mixed.json", null));
        assertEquals(10L, number(report, "total_rows"));
        assertEquals(3L, number(report, "imported"));
        assertEquals(7L, number(report, "rejected"));
        List<Map<String, Object>> rows = rejectedRows(report);
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L, 10L), rows.stream().map(r -> r.get("row")).toList());
        assertTrue(reason(rows, 2).contains("stored-data rule (transfer_values_score_check)"), reason(rows, 2));
        assertEquals("Already exists: id = 1.", reason(rows, 3));
        assertEquals("unknown column 'colour'", reason(rows, 4));
        assertEquals("not an object of column values", reason(rows, 5));
        assertTrue(reason(rows, 6).contains("malformed"), reason(rows, 6));
        assertEquals("missing required column label", reason(rows, 7));
        assertTrue(reason(rows, 10).startsWith("Already exists: id = 50"), reason(rows, 10));
        assertEquals("{x,y}", TransferDatabase.text("SELECT tags::text FROM transfer_values WHERE label = 'also good'"));
    }

    @Test
    void aCsvImportUpdatesByKeyAndAMalformedFileChangesNothing() throws IOException {
        TransferDatabase.asOwner("INSERT INTO " + TABLE + " (label, score) VALUES ('one', 1), ('two', 2)");
        Files.writeString(exportsDir.resolve("update.csv"), "id,label,note\r\n2,deux,\"\"\r\n3,trois,\r\n");
        Map<String, Object> report = result(db.imports.importCsv(TABLE, "update.csv", true, "update"));
        assertEquals(1L, number(report, "updated"));
        assertEquals(1L, number(report, "imported"));
        assertEquals("(2,deux,\"\",2)|(3,trois,,)", TransferDatabase.text("SELECT string_agg(r::text, '|' ORDER BY id) "
                + "FROM (SELECT id, label, note, score FROM transfer_values WHERE id > 1) r"));

        Files.writeString(exportsDir.resolve("broken.csv"), "label\r\nfine\r\n\"unclosed\r\n");
        ToolException e = assertThrows(ToolException.class, () -> db.imports.importCsv(TABLE, "broken.csv", null, null));
        assertTrue(e.getMessage().startsWith("Invalid argument 'csvFile': broken.csv is not readable CSV"), e.getMessage());
        assertEquals("3", TransferDatabase.text("SELECT count(*)::text FROM transfer_values"), "all or nothing");
        assertTrue(db.auditedFailures.contains(e), "the failure is audited");
        ToolException missing = assertThrows(ToolException.class, () -> db.imports.importCsv(TABLE, "none.csv", null,
                null));
        assertTrue(missing.getMessage().contains("'none.csv' in " + exportsDir), missing.getMessage());
    }

    @Test
    void manyRowsStreamWithProgressAndTheResultBoundsItsIds() throws IOException {
        TransferDatabase.asOwner("INSERT INTO " + TABLE + " (label, note, score) SELECT 'row ' || i, repeat('x', i % 50), "
                + "i FROM generate_series(1, 2500) i", "ANALYZE " + TABLE);
        db.catalog.refresh();
        List<double[]> progress = new ArrayList<>();
        Map<String, Object> export = result(during(progress, () -> db.exports.exportCsv(TABLE, null, null)));
        assertEquals(2500L, number(export, "record_count"));
        assertEquals(2500.0, progress.get(progress.size() - 1)[0]);
        assertEquals(2500.0, progress.get(progress.size() - 1)[1], "counted first: the catalog estimates few rows");

        TransferDatabase.asOwner("TRUNCATE " + TABLE);
        progress.clear();
        Map<String, Object> imported = result(during(progress, () -> db.imports.importCsv(TABLE,
                (String) export.get("exportFile"), null, null)));
        assertEquals(2500L, number(imported, "imported"));
        assertEquals(Importer.IDS_KEPT, ((List<?>) imported.get("ids")).size());
        assertEquals(true, imported.get("ids_truncated"));
        double[] last = progress.get(progress.size() - 1);
        assertEquals(5000.0, last[0], "2500 rows read, then 2500 written");
        assertEquals(5000.0, last[1]);
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i)[0] >= progress.get(i - 1)[0], "progress only grows");
        }
    }

    private static <T> T during(List<double[]> progress, Supplier<T> call) {
        ClientChannel recording = new ClientChannel.Silent() {
            @Override
            public void progress(double done, Double total, String message) {
                progress.add(new double[] {done, total == null ? -1 : total});
            }
        };
        return ClientChannel.during(recording, call);
    }

    private static Map<String, Object> result(WithFiles withFiles) {
        FileLink link = withFiles.files().get(0);
        assertTrue(link.uri().startsWith("writing://admin/exports/export-"), link.uri());
        return result((JsonText) withFiles.value());
    }

    private static Map<String, Object> result(JsonText text) {
        return Json.object(text.json());
    }

    private static long number(Map<String, Object> result, String key) {
        return ((Number) result.get(key)).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rejectedRows(Map<String, Object> result) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object r : (List<?>) result.get("rejected_rows")) {
            Map<String, Object> row = new java.util.LinkedHashMap<>((Map<String, Object>) r);
            row.put("row", ((Number) row.get("row")).longValue());
            rows.add(row);
        }
        return rows;
    }

    private static String reason(List<Map<String, Object>> rows, long row) {
        return (String) rows.stream().filter(r -> r.get("row").equals(row)).findFirst().orElseThrow().get("reason");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
