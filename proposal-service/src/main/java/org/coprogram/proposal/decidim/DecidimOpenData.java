package org.coprogram.proposal.decidim;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a Decidim open-data export (docs/decidim.md): the zip Decidim's "open data" download produces, or some of its
 * CSVs, into typed rows, or into the list of problems that make it unreadable (file, line, column, Italian message).
 * Pure code: no database, no clock. Columns are matched by name, never by position; translatable fields are read
 * from their {@code <field>/<locale>} columns, the preferred locale first. Sizes are bounded before anything is
 * decompressed beyond them (zip bombs), entry names are checked (path traversal), and the rows that reference each
 * other must all be there (a partial export is refused).
 */
public final class DecidimOpenData {

    /** The resources whose rows become proposals and comments; the others are counted only. */
    public static final String PROPOSALS = "proposals";
    public static final String PROPOSAL_COMMENTS = "proposal_comments";
    static final List<String> RESOURCES = List.of("proposal_comments", "meeting_comments", "result_comments",
            "debate_comments", "project_comments", "post_comments", "budget_comments", "proposals", "meetings",
            "results", "projects", "debates", "budgets", "accountability", "surveys", "posts", "sortitions");
    static final String PROPOSAL_TYPE = "Decidim::Proposals::Proposal";
    static final String COMMENT_TYPE = "Decidim::Comments::Comment";
    static final int MAX_PROBLEMS = 100;
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final Pattern SAFE_NAME = Pattern.compile("[\\p{L}\\p{N}._ -]+(/[\\p{L}\\p{N}._ -]+)*");
    /** Control characters other than tab, line feed and carriage return (PostgreSQL text cannot hold NUL). */
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");
    private static final DateTimeFormatter DECIDIM_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");
    private static final DateTimeFormatter DECIDIM_ZONED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setDelimiter(';').setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(false).get();

    /** Bounds on what one import may hold, checked while reading. */
    public record Limits(long maxFileBytes, long maxTotalBytes, int maxEntries, int maxRows, int maxCellChars) {

        public static final Limits DEFAULT = new Limits(20L << 20, 50L << 20, 64, 50_000, 100_000);
    }

    /** One uploaded part: its name as sent and its bytes. */
    public record Upload(String name, byte[] content) {
    }

    /** Why a file cannot be read: {@code line} 1 is the header, null for the file as a whole; {@code column} by name. */
    public record ImportProblem(String file, Integer line, String column, String message) {
    }

    /** A proposal row, with the columns this importer uses. */
    public record ProposalRow(String file, int line, String id, String categoryId, String scopeId,
            List<String> taxonomyIds, String title, String body, String state, String answer,
            OffsetDateTime answeredAt, int supports, int comments, OffsetDateTime publishedAt, String url,
            boolean withdrawn, String authorId) {
    }

    /** A comment row: on a proposal ({@code commentable_type} Proposal) or a reply to another comment. */
    public record CommentRow(String file, int line, String id, OffsetDateTime createdAt, String body, String locale,
            String authorId, int alignment, int depth, String commentableId, String commentableType,
            String rootCommentableUrl) {
    }

    /**
     * What the export holds: the rows imported, the rows per resource (imported or not), the columns used per file,
     * and the problems; an export with any problem imports nothing.
     */
    public record Parsed(List<ProposalRow> proposals, List<CommentRow> comments, Map<String, Integer> rows,
            Map<String, List<String>> columnsUsed, List<String> ignoredFiles, List<ImportProblem> problems,
            int problemCount) {

        public boolean readable() {
            return problemCount == 0;
        }
    }

    private final Limits limits;
    private final String locale;
    private final List<ImportProblem> problems = new ArrayList<>();
    private int problemCount;
    private final List<ProposalRow> proposals = new ArrayList<>();
    private final List<CommentRow> comments = new ArrayList<>();
    private final Map<String, Integer> rows = new TreeMap<>();
    private final Map<String, List<String>> columnsUsed = new LinkedHashMap<>();
    private final List<String> ignored = new ArrayList<>();
    private final Set<String> seenResources = new HashSet<>();
    private long totalBytes;
    private int totalRows;

    private DecidimOpenData(Limits limits, String locale) {
        this.limits = limits;
        this.locale = locale == null || locale.isBlank() ? "it" : locale.strip();
    }

    /** Reads the uploads; {@code locale} is the preferred one for translatable fields ({@code it} when null). */
    public static Parsed read(List<Upload> uploads, String locale, Limits limits) {
        DecidimOpenData reader = new DecidimOpenData(limits, locale);
        if (uploads.isEmpty()) {
            reader.problem(null, null, null, "nessun file: allega lo zip dei dati aperti di Decidim o i suoi CSV");
        }
        for (Upload upload : uploads) {
            reader.upload(upload);
        }
        reader.crossCheck();
        return new Parsed(List.copyOf(reader.proposals), List.copyOf(reader.comments), Map.copyOf(reader.rows),
                reader.columnsUsed, List.copyOf(reader.ignored), List.copyOf(reader.problems), reader.problemCount);
    }

    private void upload(Upload upload) {
        String name = displayName(upload.name());
        if (upload.content().length > limits.maxFileBytes()) {
            problem(name, null, null, "file troppo grande: al massimo " + mib(limits.maxFileBytes()) + " MiB");
            return;
        }
        if (startsWith(upload.content(), ZIP_MAGIC)) {
            zip(name, upload.content());
        } else if (name.toLowerCase().endsWith(".csv")) {
            account(name, upload.content().length);
            csv(name, upload.content());
        } else {
            problem(name, null, null, "né uno zip né un CSV: allega lo zip dei dati aperti di Decidim o i suoi CSV");
        }
    }

    private void zip(String zipName, byte[] content) {
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String entryName = entry.getName();
                String where = zipName + "!" + displayName(entryName);
                if (++entries > limits.maxEntries()) {
                    problem(zipName, null, null, "troppi file nello zip: al massimo " + limits.maxEntries());
                    return;
                }
                if (!SAFE_NAME.matcher(entryName.endsWith("/")
                        ? entryName.substring(0, entryName.length() - 1)
                        : entryName).matches() || entryName.contains("..")) {
                    problem(where, null, null, "nome di file non ammesso nello zip (percorsi assoluti, \"..\" e"
                            + " caratteri speciali non sono accettati)");
                    continue;
                }
                if (entry.isDirectory()) {
                    continue;
                }
                if (!entryName.toLowerCase().endsWith(".csv")) {
                    ignored.add(where);
                    continue;
                }
                byte[] bytes = bounded(zip, where);
                if (bytes == null) {
                    return;
                }
                csv(where, bytes);
            }
            if (entries == 0) {
                problem(zipName, null, null, "lo zip è vuoto");
            }
        } catch (ZipException e) {
            problem(zipName, null, null, "zip non leggibile: " + e.getMessage());
        } catch (IOException e) {
            problem(zipName, null, null, "zip non leggibile: " + e.getMessage());
        }
    }

    /** The entry's bytes, never more than the bounds: null (and a problem) beyond them. */
    private byte[] bounded(InputStream in, String where) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        long read = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            read += n;
            if (read > limits.maxFileBytes()) {
                problem(where, null, null,
                        "file troppo grande una volta decompresso: al massimo " + mib(limits.maxFileBytes()) + " MiB");
                return null;
            }
            if (!account(where, n)) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private boolean account(String where, long bytes) {
        totalBytes += bytes;
        if (totalBytes > limits.maxTotalBytes()) {
            problem(where, null, null, "importazione troppo grande: al massimo " + mib(limits.maxTotalBytes())
                    + " MiB di CSV in tutto");
            return false;
        }
        return true;
    }

    private void csv(String file, byte[] bytes) {
        String resource = resourceOf(file);
        if (resource == null) {
            ignored.add(file);
            return;
        }
        if (!seenResources.add(resource)) {
            problem(file, null, null, "la risorsa " + resource + " compare in più di un file");
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problem(file, lineAt(bytes), null, "il file non è in UTF-8");
            return;
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Line> records = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(FORMAT).get()) {
            long before = 0;
            for (CSVRecord record : parser) {
                records.add(new Line((int) before + 1, record.values()));
                before = parser.getCurrentLineNumber();
                if (++totalRows > limits.maxRows()) {
                    problem(file, (int) before, null, "troppe righe: al massimo " + limits.maxRows() + " in tutto");
                    return;
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            Syntax.Fault fault = Syntax.locate(text);
            problem(file, fault.line(), fault.field() == null ? null : columnName(text, fault.field()),
                    "CSV non valido: " + fault.message());
            return;
        }
        if (records.isEmpty()) {
            problem(file, 1, null, "il file è vuoto: manca la riga di intestazione");
            return;
        }
        Header header = new Header(file, records.get(0).cells());
        if (!header.valid(this)) {
            return;
        }
        List<Line> body = records.subList(1, records.size());
        rows.merge(resource, body.size(), Integer::sum);
        switch (resource) {
            case PROPOSALS -> proposals(header, body);
            case PROPOSAL_COMMENTS -> comments(header, body);
            default -> ignored.add(file + " (" + resource + ": " + body.size() + " righe contate, non importate)");
        }
    }

    private record Line(int number, String[] cells) {
    }

    /** The header row: column names to positions, the localised ones grouped by field. */
    private static final class Header {

        final String file;
        final String[] names;
        final Map<String, Integer> index = new LinkedHashMap<>();

        Header(String file, String[] names) {
            this.file = file;
            this.names = names;
            for (int i = 0; i < names.length; i++) {
                index.putIfAbsent(names[i].strip(), i);
            }
        }

        boolean valid(DecidimOpenData reader) {
            boolean ok = true;
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < names.length; i++) {
                String name = names[i].strip();
                if (name.isEmpty()) {
                    reader.problem(file, 1, "#" + (i + 1), "intestazione di colonna vuota");
                    ok = false;
                } else if (!seen.add(name)) {
                    reader.problem(file, 1, name, "colonna ripetuta nell'intestazione");
                    ok = false;
                }
            }
            return ok;
        }

        boolean has(String column) {
            return index.containsKey(column);
        }

        /** Columns {@code field/<locale>}, in file order. */
        List<String> localised(String field) {
            return index.keySet().stream().filter(n -> n.startsWith(field + "/") && n.indexOf('/', field.length()
                    + 1) < 0).toList();
        }

        /** The column name of position {@code i}, or its number when the row has more cells than the header. */
        String nameOf(int i) {
            return i < names.length ? names[i].strip() : "#" + (i + 1);
        }
    }

    /** One data row being read: cell access by column name, each fault recorded against that column. */
    private final class Row {

        final Header header;
        final Line line;
        final Set<String> failed = new HashSet<>();
        boolean ok = true;

        Row(Header header, Line line) {
            this.header = header;
            this.line = line;
        }

        String cell(String column) {
            Integer i = header.index.get(column);
            if (i == null || i >= line.cells().length) {
                return null;
            }
            String value = line.cells()[i];
            if (value.length() > limits.maxCellChars()) {
                fail(column, "testo troppo lungo: al massimo " + limits.maxCellChars() + " caratteri");
                return null;
            }
            if (CONTROL.matcher(value).find()) {
                fail(column, "caratteri di controllo non ammessi nel testo");
                return null;
            }
            return unneutralised(value.strip());
        }

        String required(String column) {
            String value = cell(column);
            if (value == null || value.isEmpty()) {
                fail(column, "valore obbligatorio mancante");
                return null;
            }
            return value;
        }

        /** The text in the preferred locale, else the first non-empty one in column order; {@code bare} too. */
        String localised(String field) {
            List<String> columns = header.localised(field);
            String preferred = cell(field + "/" + locale);
            if (preferred != null && !preferred.isEmpty()) {
                return preferred;
            }
            for (String column : columns) {
                String value = cell(column);
                if (value != null && !value.isEmpty()) {
                    return value;
                }
            }
            String bare = cell(field);
            return bare == null || bare.isEmpty() ? null : bare;
        }

        int count(String... columns) {
            for (String column : columns) {
                if (header.has(column)) {
                    String value = cell(column);
                    if (value == null || value.isEmpty()) {
                        return 0;
                    }
                    try {
                        int n = Integer.parseInt(value);
                        if (n < 0) {
                            fail(column, "numero negativo: " + value);
                            return 0;
                        }
                        return n;
                    } catch (NumberFormatException e) {
                        fail(column, "non è un numero intero: " + shorten(value));
                        return 0;
                    }
                }
            }
            return 0;
        }

        int integer(String column, int min, int max, int otherwise) {
            String value = cell(column);
            if (value == null || value.isEmpty()) {
                return otherwise;
            }
            try {
                int n = Integer.parseInt(value);
                if (n < min || n > max) {
                    fail(column, "valore fuori intervallo (" + min + ".." + max + "): " + value);
                }
                return n;
            } catch (NumberFormatException e) {
                fail(column, "non è un numero intero: " + shorten(value));
                return otherwise;
            }
        }

        OffsetDateTime time(String column) {
            String value = cell(column);
            if (value == null || value.isEmpty()) {
                return null;
            }
            OffsetDateTime parsed = parseTime(value);
            if (parsed == null) {
                fail(column, "data e ora non riconosciute (atteso ad es. 2017-10-16 07:18:14 UTC): " + shorten(value));
            }
            return parsed;
        }

        String url(String column) {
            String value = required(column);
            if (value != null && !(value.startsWith("https://") || value.startsWith("http://"))) {
                fail(column, "non è un indirizzo http(s): " + shorten(value));
                return null;
            }
            if (value != null && value.length() > 2000) {
                fail(column, "indirizzo troppo lungo");
                return null;
            }
            return value;
        }

        boolean flag(String column) {
            String value = cell(column);
            return value != null && (value.equalsIgnoreCase("true") || value.equals("1")
                    || value.equalsIgnoreCase("yes"));
        }

        /** One problem per cell: a cell read twice (a fallback locale) is not told twice. */
        void fail(String column, String message) {
            ok = false;
            if (failed.add(column)) {
                problem(header.file, line.number(), column, message);
            }
        }

        boolean shaped() {
            int width = header.names.length;
            if (line.cells().length < width) {
                fail(header.nameOf(line.cells().length),
                        "riga incompleta: " + line.cells().length + " celle, l'intestazione"
                                + " ne ha " + width);
                return false;
            }
            if (line.cells().length > width) {
                fail(header.nameOf(width), "riga con " + line.cells().length + " celle, l'intestazione ne ha " + width);
                return false;
            }
            return true;
        }
    }

    private void proposals(Header header, List<Line> lines) {
        if (!requireColumns(header, List.of("id", "url"), List.of("title", "body"))) {
            return;
        }
        List<String> used = new ArrayList<>();
        for (String column : List.of("id", "category/id", "scope/id", "state", "answered_at", "supports", "votes",
                "comments", "published_at", "url", "withdrawn", "withdrawn_at", "author/id")) {
            if (header.has(column)) {
                used.add(column);
            }
        }
        List<String> taxonomyColumns = header.index.keySet().stream()
                .filter(n -> n.startsWith("taxonomies/") && (n.endsWith("/id") || n.endsWith("/ids")
                        || n.equals("taxonomies/ids")))
                .toList();
        used.addAll(taxonomyColumns);
        used.addAll(header.localised("title"));
        used.addAll(header.localised("body"));
        used.addAll(header.localised("answer"));
        columnsUsed.put(header.file, used);
        Set<String> ids = new HashSet<>();
        Set<String> urls = new HashSet<>();
        for (Line line : lines) {
            Row row = new Row(header, line);
            if (!row.shaped()) {
                continue;
            }
            String id = row.required("id");
            if (id != null && !ids.add(id)) {
                row.fail("id", "id ripetuto: " + shorten(id));
            }
            String title = row.localised("title");
            if (title == null) {
                row.fail(firstOr(header.localised("title"), "title"), "titolo mancante in ogni lingua");
            }
            String body = row.localised("body");
            String state = row.cell("state");
            String answer = row.localised("answer");
            OffsetDateTime answeredAt = row.time("answered_at");
            int supports = row.count("votes", "supports", "proposal_votes_count");
            int commentCount = row.count("comments", "comments_count");
            OffsetDateTime published = row.time("published_at");
            String url = row.url("url");
            if (url != null && !urls.add(url)) {
                row.fail("url", "indirizzo ripetuto: due proposte non possono avere lo stesso url");
            }
            boolean withdrawn = row.flag("withdrawn") || row.time("withdrawn_at") != null
                    || "withdrawn".equalsIgnoreCase(state);
            List<String> taxonomies = new ArrayList<>();
            for (String column : taxonomyColumns) {
                String value = row.cell(column);
                if (value != null) {
                    for (String part : value.replaceAll("[\\[\\]\"]", "").split("[,|\\s]+")) {
                        if (!part.isBlank()) {
                            taxonomies.add(part.strip());
                        }
                    }
                }
            }
            if (row.ok) {
                proposals.add(new ProposalRow(header.file, line.number(), id, emptyToNull(row.cell("category/id")),
                        emptyToNull(row.cell("scope/id")), List.copyOf(taxonomies), title,
                        body == null ? title : body, emptyToNull(state), answer, answeredAt, supports, commentCount,
                        published, url, withdrawn, emptyToNull(row.cell("author/id"))));
            }
        }
    }

    private void comments(Header header, List<Line> lines) {
        if (!requireColumns(header, List.of("id", "commentable_id", "commentable_type"), List.of("body"))) {
            return;
        }
        List<String> used = new ArrayList<>();
        for (String column : List.of("id", "created_at", "body", "locale", "author/id", "alignment", "depth",
                "commentable_id", "commentable_type", "root_commentable_url")) {
            if (header.has(column)) {
                used.add(column);
            }
        }
        used.addAll(header.localised("body"));
        columnsUsed.put(header.file, used);
        Set<String> ids = new HashSet<>();
        for (Line line : lines) {
            Row row = new Row(header, line);
            if (!row.shaped()) {
                continue;
            }
            String id = row.required("id");
            if (id != null && !ids.add(id)) {
                row.fail("id", "id ripetuto: " + shorten(id));
            }
            String body = row.localised("body");
            if (body == null) {
                row.fail(header.has("body") ? "body" : firstOr(header.localised("body"), "body"),
                        "testo del commento mancante");
            }
            String type = row.required("commentable_type");
            if (type != null && !type.equals(PROPOSAL_TYPE) && !type.equals(COMMENT_TYPE)) {
                row.fail("commentable_type", "un commento a una proposta deve avere commentable_type "
                        + PROPOSAL_TYPE + " o " + COMMENT_TYPE + ", non " + shorten(type));
            }
            String commentable = row.required("commentable_id");
            OffsetDateTime created = row.time("created_at");
            int alignment = row.integer("alignment", -1, 1, 0);
            int depth = row.integer("depth", 0, 1000, 0);
            String root = row.cell("root_commentable_url");
            if (root != null && !root.isEmpty() && !(root.startsWith("https://") || root.startsWith("http://"))) {
                row.fail("root_commentable_url", "non è un indirizzo http(s): " + shorten(root));
            }
            if (row.ok) {
                comments.add(new CommentRow(header.file, line.number(), id, created, body,
                        emptyToNull(row.cell("locale")), emptyToNull(row.cell("author/id")), alignment, depth,
                        commentable, type, emptyToNull(root)));
            }
        }
    }

    /** Columns that must be there, and translatable fields that must have at least one locale column. */
    private boolean requireColumns(Header header, List<String> columns, List<String> translatable) {
        boolean ok = true;
        for (String column : columns) {
            if (!header.has(column)) {
                problem(header.file, 1, column, "colonna obbligatoria mancante");
                ok = false;
            }
        }
        for (String field : translatable) {
            if (header.localised(field).isEmpty() && !header.has(field)) {
                problem(header.file, 1, field + "/" + locale, "colonna obbligatoria mancante (" + field
                        + "/<lingua>)");
                ok = false;
            }
        }
        return ok;
    }

    /** Every comment must lead to a proposal of the export: a partial export is refused, not half imported. */
    private void crossCheck() {
        if (problemCount > 0) {
            return;
        }
        Set<String> proposalIds = new HashSet<>();
        proposals.forEach(p -> proposalIds.add(p.id()));
        Map<String, CommentRow> byId = new HashMap<>();
        comments.forEach(c -> byId.put(c.id(), c));
        for (CommentRow comment : comments) {
            Set<String> chain = new LinkedHashSet<>();
            CommentRow current = comment;
            while (current != null && current.commentableType().equals(COMMENT_TYPE)) {
                if (!chain.add(current.id())) {
                    problem(comment.file(), comment.line(), "commentable_id", "risposte in ciclo");
                    current = null;
                    break;
                }
                CommentRow parent = byId.get(current.commentableId());
                if (parent == null) {
                    problem(comment.file(), comment.line(), "commentable_id", "il commento "
                            + shorten(current.commentableId()) + " a cui risponde non è nell'esportazione");
                }
                current = parent;
            }
            if (current != null && !proposalIds.contains(current.commentableId())) {
                problem(comment.file(), comment.line(), "commentable_id", "la proposta "
                        + shorten(current.commentableId()) + " non è nell'esportazione (file delle proposte"
                        + (seenResources.contains(PROPOSALS) ? " incompleto" : " mancante") + ")");
            }
        }
    }

    /** The root proposal's Decidim id of a comment, following replies; the export has passed {@link #crossCheck}. */
    public static String proposalOf(CommentRow comment, Map<String, CommentRow> byId) {
        CommentRow current = comment;
        while (current.commentableType().equals(COMMENT_TYPE)) {
            current = byId.get(current.commentableId());
        }
        return current.commentableId();
    }

    static OffsetDateTime parseTime(String value) {
        try {
            return LocalDateTime.parse(value, DECIDIM_TIME).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // other shapes below
        }
        try {
            return OffsetDateTime.parse(value, DECIDIM_ZONED);
        } catch (DateTimeParseException e) {
            // other shapes below
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            // other shapes below
        }
        try {
            return LocalDate.parse(value).atStartOfDay().atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The resource a file holds, from its name ({@code <host>-open-data-<resource>.csv} or {@code <resource>.csv});
     * null for a file that is none of Decidim's.
     */
    static String resourceOf(String file) {
        String name = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('!')) + 1).toLowerCase();
        if (!name.endsWith(".csv")) {
            return null;
        }
        name = name.substring(0, name.length() - 4);
        for (String resource : RESOURCES) {
            if (name.equals(resource) || name.endsWith("-" + resource) || name.endsWith("_" + resource)
                    && !resource.contains("_")) {
                return resource;
            }
        }
        return null;
    }

    /**
     * A cell an exporter protected against CSV injection ({@code '} before {@code = + - @}, as ours and
     * spreadsheet-safe exporters write) reads as the text it stands for.
     */
    static String unneutralised(String value) {
        if (value.length() >= 2 && value.charAt(0) == '\'' && "=+-@".indexOf(value.charAt(1)) >= 0) {
            return value.substring(1);
        }
        return value;
    }

    /** The header's name of field {@code field} (1-based), or {@code #field} when the header cannot say. */
    private static String columnName(String text, int field) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(first)).setFormat(FORMAT).get()) {
            List<CSVRecord> header = parser.getRecords();
            if (!header.isEmpty() && field <= header.get(0).size()) {
                return header.get(0).get(field - 1).strip();
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // the header itself is broken: the number says where
        }
        return "#" + field;
    }

    private void problem(String file, Integer line, String column, String message) {
        problemCount++;
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new ImportProblem(file, line, column, message));
        }
    }

    private static String displayName(String name) {
        String clean = name == null ? "" : name.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 200 ? clean.substring(0, 200) + "…" : clean;
    }

    private static String shorten(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String firstOr(List<String> values, String otherwise) {
        return values.isEmpty() ? otherwise : values.get(0);
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static Integer lineAt(byte[] bytes) {
        // The line of the first byte that is not UTF-8.
        int line = 1;
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        out.flip();
        for (int i = 0; i < out.length(); i++) {
            if (out.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static long mib(long bytes) {
        return bytes >> 20;
    }
}
