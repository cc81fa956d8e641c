package org.coprogram.common.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvWriterTest {

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://x\",\"y\")", "+1", "-2+3", "@SUM(A1)", "=1+1", "\t=1+1", "\r=1+1",
            "\tanything", "\ranything", "   =1+1", "\n=1+1", "\u00A0@SUM(A1)", "\uFEFF=1+1", "\uFF1D1+1",
            "-", "=cmd|' /C calc'!A0"})
    void aTextThatASpreadsheetWouldRunIsWrittenQuotedBehindAnApostrophe(String hostile) throws IOException {
        String csv = CsvWriter.line("before", hostile, "after");

        assertThat(csv).startsWith("\"before\",\"'").endsWith(",\"after\"\r\n");
        assertThat(parse(csv)).containsExactly(List.of("before", "'" + hostile, "after"));
    }

    @Test
    void controlCharactersAreDroppedBeforeLookingForAFormula() throws IOException {
        assertThat(parse(CsvWriter.line("\u0000=1+1", "a\u0000b\u001Bc\u007Fd\u0085e\u009Bf")))
                .containsExactly(List.of("'=1+1", "abcdef"));
    }

    @Test
    void quotesCommasLineBreaksAndTabsInsideATextRoundTrip() throws IOException {
        List<String> texts = List.of("Il \"nido\", subito", "riga uno\r\nriga due\nriga tre\rquattro", "a\tb",
                "x;y", "'già un apostrofo", "\"=1+1\"", "a=b", "1+1", "", " ");
        String csv = CsvWriter.line(texts.toArray());

        assertThat(parse(csv)).containsExactly(texts);
        assertThat(csv).startsWith("\"Il \"\"nido\"\", subito\",");
    }

    @Test
    void unicodeTextIsWrittenUnchanged() throws IOException {
        List<String> texts = List.of("Più asili nido – città", "Ελληνικά", "العربية", "中文", "🚸 sicurezza",
                "ﬁ ligature");
        assertThat(parse(CsvWriter.line(texts.toArray()))).containsExactly(texts);
    }

    @Test
    void numbersThePlatformComputesStayBareNumbersEvenWhenNegative() {
        assertThat(CsvWriter.line(-3, -3L, 61.9, -0.5, new BigDecimal("1E+3"), new BigDecimal("-2.50"), 0, 1.0E-4,
                (short) 7, 2.5f)).isEqualTo("-3,-3,61.9,-0.5,1000,-2.50,0,0.00010,7,2.5\r\n");
    }

    @Test
    void aNumberWrittenAsTextIsTextAndNeutralised() {
        assertThat(CsvWriter.line("-3", "071024", "+39 080 123")).isEqualTo("\"'-3\",\"071024\",\"'+39 080 123\"\r\n");
    }

    @Test
    void aNonFiniteNumberIsTextNotABareFormula() {
        assertThat(CsvWriter.line(Double.NEGATIVE_INFINITY, Double.NaN)).isEqualTo("\"'-Infinity\",\"NaN\"\r\n");
    }

    @Test
    void nullIsAMissingValueAndOtherValuesAreText() {
        assertThat(CsvWriter.line("a", null, "", true, java.util.UUID.fromString(
                "00000000-0000-0000-0000-000000000001")))
                .isEqualTo("\"a\",,\"\",\"true\",\"00000000-0000-0000-0000-000000000001\"\r\n");
    }

    @Test
    void eachRowReachesTheOutputAsItIsWritten() {
        StringBuilder out = new StringBuilder();
        CsvWriter csv = CsvWriter.to(out).row(List.of("id", "valore"));
        assertThat(out).hasToString("\"id\",\"valore\"\r\n");
        csv.row(Arrays.asList("x", -1));
        assertThat(out).hasToString("\"id\",\"valore\"\r\n\"x\",-1\r\n");
    }

    private static List<List<String>> parse(String csv) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (CSVRecord record : CSVFormat.RFC4180.parse(new StringReader(csv))) {
            rows.add(record.toList());
        }
        return rows;
    }
}
