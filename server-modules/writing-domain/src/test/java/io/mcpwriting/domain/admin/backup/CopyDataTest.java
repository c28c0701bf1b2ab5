package io.mcpwriting.domain.admin.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyDataTest {

    @Test
    void parsesQuotedNamesInCopyHeaders() throws IOException {
        CopyData.Header h = CopyData.parseHeader("COPY public.audit_logs (id, \"timestamp\", \"odd \"\"name\"\"\") FROM stdin;");
        assertEquals("public", h.schema());
        assertEquals("audit_logs", h.table());
        assertEquals(List.of("id", "timestamp", "odd \"name\""), h.columns());
    }

    @Test
    void countsRowsPerTableAndRejectsATruncatedBlock() throws IOException {
        String data = "SET x = 1;\nCOPY public.a (id) FROM stdin;\n1\n2\n\\.\nCOPY public.b (id, t) FROM stdin;\n"
                + "\\.\nSELECT pg_catalog.setval('public.a_id_seq', 2, true);\n";
        assertEquals(List.of(new CopyData.Block("a", CopyData.Part.WHOLE_TABLE, 2),
                new CopyData.Block("b", CopyData.Part.WHOLE_TABLE, 0)), count(data));
        assertThrows(IOException.class, () -> count("COPY public.a (id) FROM stdin;\n1\n"));
    }

    @Test
    void theMarkerLineBeforeABlockNamesThePartItHolds() throws IOException {
        String data = "-- mcp-incremental: changed_rows\nCOPY public.a (id, t) FROM stdin;\n2\tx\n\\.\n"
                + "-- mcp-incremental: keys\nCOPY public.a (id) FROM stdin;\n1\n2\n\\.\n"
                + "-- mcp-incremental: keys\n-- something else\nCOPY public.b (id) FROM stdin;\n1\n\\.\n";
        assertEquals(List.of(new CopyData.Block("a", CopyData.Part.CHANGED_ROWS, 1),
                new CopyData.Block("a", CopyData.Part.KEYS, 2),
                new CopyData.Block("b", CopyData.Part.WHOLE_TABLE, 1)), count(data));
    }

    private static List<CopyData.Block> count(String data) throws IOException {
        return CopyData.count(new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)));
    }
}
