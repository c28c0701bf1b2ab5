package io.mcpwriting.domain.admin.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void writesAndReadsBackNullsEmptyStringsQuotesAndLineBreaks() throws IOException {
        List<String> fields = Arrays.asList("1", null, "", "a,b", "say \"hi\"", "two\nlines", " padded ", "{A,\"B c\"}");
        StringWriter out = new StringWriter();
        Csv.writeRow(out, fields);
        Csv.writeRow(out, Arrays.asList("2", "x", null, null, null, null, null, null));
        List<Csv.Row> rows = readAll(out.toString());
        assertEquals(2, rows.size());
        assertEquals(fields, rows.get(0).fields());
        assertEquals(1, rows.get(0).line());
        assertEquals(3, rows.get(1).line(), "the quoted line break counts");
        assertEquals(Arrays.asList("2", "x", null, null, null, null, null, null), rows.get(1).fields());
    }

    @Test
    void refusesUnclosedQuotes() {
        assertThrows(IOException.class, () -> readAll("a,\"b\n"));
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstHeader() throws IOException {
        List<Csv.Row> rows = readAll("\uFEFFname,bio\r\nAda,x\r\n");
        assertEquals(List.of("name", "bio"), rows.get(0).fields());
    }

    @Test
    void aLoneCarriageReturnEndsARecord() throws IOException {
        List<Csv.Row> rows = readAll("a,b\rc,d\re,f");
        assertEquals(3, rows.size());
        assertEquals(List.of("c", "d"), rows.get(1).fields());
        assertEquals(3, rows.get(2).line());
    }

    @Test
    void textAfterAClosingQuoteIsRefusedNotGluedOn() {
        IOException e = assertThrows(IOException.class, () -> readAll("x\n\"abc\"def\n"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void nullAndTheEmptyStringStayApart() throws IOException {
        List<Csv.Row> rows = readAll("1,,\"\"\n");
        assertEquals(Arrays.asList("1", null, ""), rows.get(0).fields());
    }

    @Test
    void linesAreCountedAcrossTheReadersBuffers() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            text.append(i % 2 == 0 ? "\"two\r\nlines\"," + i + "\r\n" : "one," + i + "\r");
        }
        List<Csv.Row> rows = readAll(text.toString());
        assertEquals(5000, rows.size());
        assertEquals(7500, rows.get(4999).line(), "after 2500 records of two lines and 2499 of one");
        assertEquals(List.of("two\r\nlines", "4998"), rows.get(4998).fields());
    }

    private static List<Csv.Row> readAll(String text) throws IOException {
        List<Csv.Row> rows = new ArrayList<>();
        try (Csv.RowReader reader = Csv.reader(new StringReader(text))) {
            for (Csv.Row row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }
}
