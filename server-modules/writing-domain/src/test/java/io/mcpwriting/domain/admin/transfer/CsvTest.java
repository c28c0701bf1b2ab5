package io.mcpwriting.domain.admin.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
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
        List<Csv.Row> rows = Csv.read(new StringReader(out.toString()), 10);
        assertEquals(2, rows.size());
        assertEquals(fields, rows.get(0).fields());
        assertEquals(1, rows.get(0).line());
        assertEquals(3, rows.get(1).line(), "the quoted line break counts");
        assertEquals(Arrays.asList("2", "x", null, null, null, null, null, null), rows.get(1).fields());
    }

    @Test
    void refusesUnclosedQuotesAndTooManyRows() {
        assertThrows(IOException.class, () -> Csv.read(new StringReader("a,\"b\n"), 10));
        assertThrows(IOException.class, () -> Csv.read(new StringReader("1\n2\n3\n"), 2));
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstHeader() throws IOException {
        List<Csv.Row> rows = Csv.read(new StringReader("\uFEFFname,bio\r\nAda,x\r\n"), 10);
        assertEquals(List.of("name", "bio"), rows.get(0).fields());
    }

    @Test
    void aLoneCarriageReturnEndsARecord() throws IOException {
        List<Csv.Row> rows = Csv.read(new StringReader("a,b\rc,d\re,f"), 10);
        assertEquals(3, rows.size());
        assertEquals(List.of("c", "d"), rows.get(1).fields());
        assertEquals(3, rows.get(2).line());
    }

    @Test
    void textAfterAClosingQuoteIsRefusedNotGluedOn() {
        IOException e = assertThrows(IOException.class, () -> Csv.read(new StringReader("x\n\"abc\"def\n"), 10));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void nullAndTheEmptyStringStayApart() throws IOException {
        List<Csv.Row> rows = Csv.read(new StringReader("1,,\"\"\n"), 10);
        assertEquals(Arrays.asList("1", null, ""), rows.get(0).fields());
    }
}
