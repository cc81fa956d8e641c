package org.coprogram.common.csv;

import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * The platform's one CSV writer, for every file people download and open in a spreadsheet. RFC 4180 (Apache Commons
 * CSV: CRLF records, double quotes doubled) with two kinds of cell, told apart by the Java type of the value:
 * <ul>
 * <li><b>number</b>: an {@link Integer}, {@link Long}, {@link Short}, {@link Byte}, {@link BigInteger},
 * {@link BigDecimal}, or a finite {@link Double} or {@link Float}. Written bare, in plain notation ({@code -3},
 * {@code 61.9}, never {@code 1E+3}), so spreadsheets read a number. Only figures the platform computes are numbers.
 * <li><b>text</b>: anything else (strings, codes, dates, booleans, and what people wrote, even if it reads like a
 * number: {@code "-3"} from a respondent is text). Always quoted. Control characters other than tab, line feed and
 * carriage return are dropped. A text that a spreadsheet would take for a formula (OWASP "CSV injection": its first
 * character, or the first after leading white space, is {@code = + - @} or their full-width forms, or the leading
 * white space holds a tab or a carriage return) gets a leading apostrophe, so it shows as text and never runs.
 * </ul>
 * {@code null} is a missing value: an empty, unquoted cell. Writes go straight to the {@link Appendable} given, row by
 * row, so a caller that streams keeps streaming. I/O failures surface as {@link UncheckedIOException}.
 */
public final class CsvWriter implements Flushable {

    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.NON_NUMERIC).get();
    private static final String FORMULA_STARTS = "=+-@\uFF1D\uFF0B\uFF0D\uFF20";

    private final CSVPrinter printer;

    private CsvWriter(Appendable out) {
        try {
            this.printer = new CSVPrinter(out, FORMAT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A writer appending to {@code out}; the caller owns {@code out} and closes it. */
    public static CsvWriter to(Appendable out) {
        return new CsvWriter(out);
    }

    /** One record as a string, for callers that build their file piece by piece. */
    public static String line(Object... cells) {
        StringBuilder out = new StringBuilder();
        to(out).row(cells);
        return out.toString();
    }

    public CsvWriter row(Object... cells) {
        return row(Arrays.asList(cells));
    }

    public CsvWriter row(Iterable<?> cells) {
        try {
            for (Object cell : cells) {
                printer.print(cell(cell));
            }
            printer.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @Override
    public void flush() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What Commons CSV is given for a value: a {@link Number} is printed bare, anything else quoted. */
    static Object cell(Object value) {
        if (value == null) {
            return null;
        }
        String number = plainNumber(value);
        return number != null ? new Numeral(number) : text(String.valueOf(value));
    }

    /** The plain notation of a number the platform computed, or null if {@code value} is not one. */
    static String plainNumber(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Double d && Double.isFinite(d)) {
            return BigDecimal.valueOf(d).toPlainString();
        }
        if (value instanceof Float f && Float.isFinite(f)) {
            return new BigDecimal(Float.toString(f)).toPlainString();
        }
        return null;
    }

    /** A text cell's content: no control characters but tab and line breaks, and never a live formula. */
    static String text(String value) {
        StringBuilder clean = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean dropped = Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r';
            if (dropped && clean == null) {
                clean = new StringBuilder(value.length()).append(value, 0, i);
            } else if (!dropped && clean != null) {
                clean.append(c);
            }
        }
        String text = clean == null ? value : clean.toString();
        return looksLikeFormula(text) ? "'" + text : text;
    }

    static boolean looksLikeFormula(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t' || c == '\r') {
                return true;
            }
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != '\uFEFF') {
                return FORMULA_STARTS.indexOf(c) >= 0;
            }
        }
        return false;
    }

    /** A number already rendered in plain notation; a {@link Number} so that Commons CSV leaves it unquoted. */
    private static final class Numeral extends Number {

        private static final long serialVersionUID = 1L;
        private final String text;

        Numeral(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }

        @Override
        public int intValue() {
            return new BigDecimal(text).intValue();
        }

        @Override
        public long longValue() {
            return new BigDecimal(text).longValue();
        }

        @Override
        public float floatValue() {
            return Float.parseFloat(text);
        }

        @Override
        public double doubleValue() {
            return Double.parseDouble(text);
        }
    }
}
