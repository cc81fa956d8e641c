package org.coprogram.common.territory;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.coprogram.common.problem.FileError;
import org.coprogram.contracts.Regions;

/**
 * The one reading of the territory files a region supplies (docs/territories.md): a district composition, with or
 * without its sources, and a population file. The files shipped on the classpath and the files region staff upload
 * go through the same checks, which find every fault (up to {@link #MAX_ERRORS}) with its line and reason; a caller
 * uses a file only when there is none. Reasons are in Italian, because region staff read them.
 */
public final class TerritoryFiles {

    /** The composition columns the loader has always read. */
    public static final String COMPOSITION_HEADER = "istat_code,district_code,district_name";
    /** The same, with the capofila and the public source of each row (the sourced demo composition has them). */
    public static final String SOURCED_COMPOSITION_HEADER = COMPOSITION_HEADER + ",lead_municipality,source";
    /** A population file: the resident population of every municipality of the region. */
    public static final String POPULATION_HEADER = "istat_code,name,population";
    /** Faults listed at most; the count goes on. */
    public static final int MAX_ERRORS = 100;
    /** Lines read at most: a region has a few hundred municipalities. */
    public static final int MAX_LINES = 2_000;

    static final int MAX_NAME = 200;
    static final int MAX_SOURCE = 1_000;
    static final int MAX_POPULATION = 10_000_000;
    private static final Pattern ISTAT = Pattern.compile("[0-9]{6}");
    private static final Pattern DISTRICT_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");
    private static final Pattern COUNT = Pattern.compile("[0-9]{1,9}");

    /** What a file is, by its first line. */
    public enum Kind {
        COMPOSITION, POPULATION, UNKNOWN
    }

    /** One row of a composition: the municipality, its district and, when given, the capofila and the source. */
    public record CompositionRow(int line, String istatCode, String districtCode, String districtName,
            String leadMunicipality, String source) {
    }

    /** One row of a population file. */
    public record PopulationRow(int line, String istatCode, int population) {
    }

    /** The rows of a file when {@link #ok()}, otherwise its faults (at most {@link #MAX_ERRORS}) and their count. */
    public record Checked<T>(List<T> rows, List<FileError> errors, int errorCount) {

        public boolean ok() {
            return errorCount == 0;
        }

        /** The first fault, as start-up names it: {@code file riga N: reason}, with how many others there are. */
        public String summary(String file) {
            FileError first = errors.get(0);
            String where = first.line() == null ? file : file + " riga " + first.line();
            String more = errorCount > 1 ? " (e altri " + (errorCount - 1) + " errori)" : "";
            return where + ": " + first.reason() + more;
        }
    }

    private TerritoryFiles() {
    }

    /** {@link Kind#COMPOSITION} or {@link Kind#POPULATION} by the header; anything else, unreadable included, is unknown. */
    public static Kind kindOf(byte[] file) {
        Errors errors = new Errors();
        List<String> lines = decode(file, errors);
        if (lines.isEmpty()) {
            return Kind.UNKNOWN;
        }
        String header = lines.get(0).strip();
        if (header.equals(COMPOSITION_HEADER) || header.equals(SOURCED_COMPOSITION_HEADER)) {
            return Kind.COMPOSITION;
        }
        return header.equals(POPULATION_HEADER) ? Kind.POPULATION : Kind.UNKNOWN;
    }

    /**
     * Checks a composition of {@code region}: every municipality known to the ISTAT list, of the region and listed at
     * most once; every district with a code, one name (and one capofila) and a code no other region uses. A file of
     * the header alone is a composition that places nobody, as the shipped files always could be.
     *
     * @param municipalities the ISTAT list, every region's
     * @param otherRegionsDistricts district code → region, for the codes other regions already use
     */
    public static Checked<CompositionRow> composition(byte[] file, String region,
            Function<String, Optional<Municipality>> municipalities, Map<String, String> otherRegionsDistricts) {
        Errors errors = new Errors();
        List<String> lines = decode(file, errors);
        if (errors.count > 0) {
            return errors.result();
        }
        String header = header(lines, errors, COMPOSITION_HEADER, SOURCED_COMPOSITION_HEADER);
        if (header == null) {
            return errors.result();
        }
        int columns = header.split(",").length;
        List<CompositionRow> rows = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        Map<String, CompositionRow> firstOfDistrict = new HashMap<>();
        for (int index = 1; index < lines.size(); index++) {
            int line = index + 1;
            List<String> cells = cells(lines.get(index), line, columns, header, errors);
            if (cells == null) {
                continue;
            }
            String code = cells.get(0);
            String district = cells.get(1);
            String name = cells.get(2);
            String lead = columns == 5 ? blankToNull(cells.get(3)) : null;
            String source = columns == 5 ? blankToNull(cells.get(4)) : null;
            boolean usable = municipality(code, line, region, municipalities, firstLine, errors) != null;
            if (district.isEmpty()) {
                errors.add(line, "district_code", "codice dell'ambito mancante");
                usable = false;
            } else if (!DISTRICT_CODE.matcher(district).matches()) {
                errors.add(line, "district_code", "codice dell'ambito non valido: " + shown(district)
                        + " (lettere, cifre, trattini e trattini bassi, al massimo 40 caratteri)");
                usable = false;
            } else if (otherRegionsDistricts.containsKey(district)
                    && !otherRegionsDistricts.get(district).equals(region)) {
                errors.add(line, "district_code", "il codice d'ambito " + district + " è già usato in "
                        + Regions.displayName(otherRegionsDistricts.get(district)));
                usable = false;
            }
            if (name.isEmpty()) {
                errors.add(line, "district_name", "nome dell'ambito mancante");
                usable = false;
            }
            usable &= length(line, "district_name", name, MAX_NAME, errors);
            usable &= length(line, "lead_municipality", lead, MAX_NAME, errors);
            usable &= length(line, "source", source, MAX_SOURCE, errors);
            if (!usable) {
                continue;
            }
            CompositionRow row = new CompositionRow(line, code, district, name, lead, source);
            CompositionRow first = firstOfDistrict.putIfAbsent(district, row);
            if (first != null && !first.districtName().equals(name)) {
                errors.add(line, "district_name", "l'ambito " + district + " ha già il nome «" + first.districtName()
                        + "» alla riga " + first.line());
                continue;
            }
            if (first != null && lead != null && first.leadMunicipality() != null
                    && !first.leadMunicipality().equals(lead)) {
                errors.add(line, "lead_municipality", "l'ambito " + district + " ha già il capofila «"
                        + first.leadMunicipality() + "» alla riga " + first.line());
                continue;
            }
            rows.add(row);
        }
        return errors.count > 0 ? errors.result() : new Checked<>(List.copyOf(rows), List.of(), 0);
    }

    /**
     * Checks a population file of {@code region}: every municipality of the region exactly once, under its ISTAT
     * name, with a whole number of residents.
     *
     * @param regionMunicipalities the region's municipalities in the ISTAT list, in the order missing ones are named
     */
    public static Checked<PopulationRow> population(byte[] file, String region,
            Function<String, Optional<Municipality>> municipalities, List<Municipality> regionMunicipalities) {
        Errors errors = new Errors();
        List<String> lines = decode(file, errors);
        if (errors.count > 0) {
            return errors.result();
        }
        if (header(lines, errors, POPULATION_HEADER) == null) {
            return errors.result();
        }
        List<PopulationRow> rows = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (int index = 1; index < lines.size(); index++) {
            int line = index + 1;
            List<String> cells = cells(lines.get(index), line, 3, POPULATION_HEADER, errors);
            if (cells == null) {
                continue;
            }
            Municipality municipality = municipality(cells.get(0), line, region, municipalities, firstLine, errors);
            boolean usable = municipality != null;
            if (municipality != null && !sameName(municipality.name(), cells.get(1))) {
                errors.add(line, "name", "il nome " + shown(cells.get(1)) + " non è quello del comune "
                        + municipality.istatCode() + " nell'elenco ISTAT (" + municipality.name() + ")");
                usable = false;
            }
            if (!COUNT.matcher(cells.get(2)).matches() || Long.parseLong(cells.get(2)) > MAX_POPULATION) {
                errors.add(line, "population", "popolazione non valida: " + shown(cells.get(2))
                        + " (un numero intero di residenti, senza separatori)");
                usable = false;
            }
            if (usable) {
                rows.add(new PopulationRow(line, municipality.istatCode(), Integer.parseInt(cells.get(2))));
            }
        }
        for (Municipality m : regionMunicipalities) {
            if (!firstLine.containsKey(m.istatCode())) {
                errors.add(null, "istat_code", "manca il comune " + m.istatCode() + " (" + m.name() + ")");
            }
        }
        return errors.count > 0 ? errors.result() : new Checked<>(List.copyOf(rows), List.of(), 0);
    }

    /**
     * A file whose header is none of the territory files': its decoding faults, else one fault at line 1 naming every
     * header accepted.
     */
    public static <T> Checked<T> unrecognised(byte[] file) {
        Errors errors = new Errors();
        List<String> lines = decode(file, errors);
        if (errors.count == 0 && header(lines, errors, COMPOSITION_HEADER, SOURCED_COMPOSITION_HEADER,
                POPULATION_HEADER) != null) {
            errors.add(1, null, "file non riconosciuto");
        }
        return errors.result();
    }

    /** The municipality of a row's first cell, or null after recording why it cannot be used. */
    private static Municipality municipality(String code, int line, String region,
            Function<String, Optional<Municipality>> municipalities, Map<String, Integer> firstLine, Errors errors) {
        if (!ISTAT.matcher(code).matches()) {
            errors.add(line, "istat_code", "codice ISTAT non valido: " + shown(code) + " (6 cifre)");
            return null;
        }
        Municipality municipality = municipalities.apply(code).orElse(null);
        if (municipality == null) {
            errors.add(line, "istat_code", "codice ISTAT sconosciuto: " + code);
            return null;
        }
        if (!municipality.region().equals(region)) {
            errors.add(line, "istat_code", "il comune " + code + " (" + municipality.name() + ") è in "
                    + Regions.displayName(municipality.region()) + ", non in " + Regions.displayName(region));
            return null;
        }
        Integer first = firstLine.putIfAbsent(code, line);
        if (first != null) {
            errors.add(line, "istat_code", "il comune " + code + " (" + municipality.name()
                    + ") è già alla riga " + first);
            return null;
        }
        return municipality;
    }

    /** The header the file has among {@code accepted}, or null after recording the fault. */
    private static String header(List<String> lines, Errors errors, String... accepted) {
        if (lines.isEmpty() || lines.stream().allMatch(String::isBlank)) {
            errors.add(1, null, "il file è vuoto");
            return null;
        }
        String first = lines.get(0).strip();
        for (String header : accepted) {
            if (first.equals(header)) {
                return header;
            }
        }
        String hint = first.contains(";") || first.contains("\t")
                ? " (il separatore delle colonne è la virgola)"
                : "";
        errors.add(1, null, "intestazione attesa: " + String.join(" oppure ", accepted) + hint);
        return null;
    }

    /**
     * The stripped cells of one line (RFC 4180: a cell may be quoted, a quote inside it doubled), or null after
     * recording why the line cannot be read. Blank lines are skipped (null, no fault).
     */
    private static List<String> cells(String text, int line, int columns, String header, Errors errors) {
        if (text.isBlank()) {
            return null;
        }
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        while (true) {
            cell.setLength(0);
            if (i < text.length() && text.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= text.length()) {
                        errors.add(line, null, "virgolette non chiuse (una cella non può andare a capo)");
                        return null;
                    }
                    char c = text.charAt(i++);
                    if (c != '"') {
                        cell.append(c);
                    } else if (i < text.length() && text.charAt(i) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        break;
                    }
                }
                if (i < text.length() && text.charAt(i) != ',') {
                    errors.add(line, columnName(header, cells.size()), "testo dopo le virgolette di chiusura");
                    return null;
                }
            } else {
                while (i < text.length() && text.charAt(i) != ',') {
                    char c = text.charAt(i++);
                    if (c == '"') {
                        errors.add(line, columnName(header, cells.size()),
                                "virgolette dentro una cella senza virgolette (racchiudere la cella tra virgolette"
                                        + " e raddoppiare quelle interne)");
                        return null;
                    }
                    cell.append(c);
                }
            }
            cells.add(cell.toString());
            if (i >= text.length()) {
                break;
            }
            i++;
        }
        if (cells.size() != columns) {
            errors.add(line, null, "attese " + columns + " colonne, trovate " + cells.size());
            return null;
        }
        boolean clean = true;
        for (int c = 0; c < cells.size(); c++) {
            String value = cells.get(c);
            String reason = unsafe(value);
            if (reason != null) {
                errors.add(line, columnName(header, c), reason);
                clean = false;
            }
            cells.set(c, value.strip());
        }
        return clean ? cells : null;
    }

    /**
     * Why a cell cannot be kept: a control or bidirectional-override character, or a first character a spreadsheet
     * runs as a formula when the region exports the composition again (CSV injection).
     */
    private static String unsafe(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069') {
                return "carattere di controllo non ammesso (U+" + String.format("%04X", (int) c) + ")";
            }
        }
        String stripped = value.strip();
        if (!stripped.isEmpty() && "=+-@".indexOf(stripped.charAt(0)) >= 0) {
            return "la cella inizia con «" + stripped.charAt(0)
                    + "»: un foglio di calcolo la eseguirebbe come formula";
        }
        return null;
    }

    private static boolean length(int line, String column, String value, int max, Errors errors) {
        if (value != null && value.length() > max) {
            errors.add(line, column, "testo troppo lungo: " + value.length() + " caratteri, al massimo " + max);
            return false;
        }
        return true;
    }

    /**
     * The file's lines as text: UTF-8, with or without its byte-order mark. A line that is not UTF-8 (a file saved as
     * Windows-1252 or Latin-1) and a UTF-16 file are faults; each bad line is named, so nothing is guessed.
     */
    private static List<String> decode(byte[] file, Errors errors) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        if (file.length >= 2 && (file[0] == (byte) 0xFE && file[1] == (byte) 0xFF
                || file[0] == (byte) 0xFF && file[1] == (byte) 0xFE)) {
            errors.add(1, null, "il file è in UTF-16: salvarlo come «CSV UTF-8»");
            return lines;
        }
        if (file.length >= 3 && file[0] == (byte) 0xEF && file[1] == (byte) 0xBB && file[2] == (byte) 0xBF) {
            start = 3;
        }
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int line = 0;
        while (start <= file.length) {
            int end = start;
            while (end < file.length && file[end] != '\n') {
                end++;
            }
            if (end == file.length && start == end && !lines.isEmpty()) {
                break;
            }
            line++;
            if (line > MAX_LINES) {
                errors.add(line, null, "troppe righe: al massimo " + MAX_LINES);
                return lines;
            }
            int stop = end > start && file[end - 1] == '\r' ? end - 1 : end;
            try {
                lines.add(decoder.decode(ByteBuffer.wrap(file, start, stop - start)).toString());
            } catch (CharacterCodingException e) {
                errors.add(line, null, "la riga non è testo UTF-8 (forse il file è in Windows-1252 o Latin-1:"
                        + " salvarlo come «CSV UTF-8»)");
                lines.add("");
            }
            start = end + 1;
        }
        return lines;
    }

    private static String columnName(String header, int index) {
        String[] names = header.split(",");
        return index < names.length ? names[index] : null;
    }

    private static boolean sameName(String istat, String given) {
        return normal(istat).equals(normal(given));
    }

    private static String normal(String name) {
        return name.replace('’', '\'').replaceAll("\\s+", " ").strip().toLowerCase(Locale.ITALIAN);
    }

    /** A cell as a reason quotes it: short, so a huge cell does not make a huge answer. */
    private static String shown(String value) {
        return "«" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "»";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Faults found so far: the first {@link #MAX_ERRORS} kept, all counted. */
    private static final class Errors {

        private final List<FileError> kept = new ArrayList<>();
        private int count;

        void add(Integer line, String column, String reason) {
            count++;
            if (kept.size() < MAX_ERRORS) {
                kept.add(new FileError(line, column, reason));
            }
        }

        <T> Checked<T> result() {
            return new Checked<>(List.of(), List.copyOf(kept), count);
        }
    }
}
