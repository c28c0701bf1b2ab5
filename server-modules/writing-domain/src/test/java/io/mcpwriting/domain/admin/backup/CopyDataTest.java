package io.mcpwriting.domain.admin.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
        List<String> tables = new ArrayList<>();
        List<long[]> counts = CopyData.count(new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)), tables);
        assertEquals(List.of("a", "b"), tables);
        assertEquals(2, counts.get(0)[0]);
        assertEquals(0, counts.get(1)[0]);
        assertThrows(IOException.class, () -> CopyData.count(new ByteArrayInputStream(
                "COPY public.a (id) FROM stdin;\n1\n".getBytes(StandardCharsets.UTF_8)), new ArrayList<>()));
    }
}
