package org.coprogram.proposal.decidim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.coprogram.proposal.decidim.DecidimImportRepository.CommentRow;
import org.coprogram.proposal.decidim.DecidimImportRepository.ExportedProposal;

/**
 * A plan's public data as a Decidim open-data zip (docs/decidim.md, "Export"): {@code proposals} in the columns of
 * Decidim 0.28's proposal serializer and {@code proposal_comments} in those of the comment serializer, semicolon
 * separated, UTF-8, texts under {@code /it}. The plan's themes are the categories and its municipalities the scopes,
 * by code, so that re-importing the export needs no mapping. No account id, name or other personal data: the author
 * columns stay empty. A text a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection);
 * our importer reads it back as the text.
 */
public final class DecidimExport {

    static final List<String> PROPOSAL_COLUMNS = List.of("id", "category/id", "category/name/it", "scope/id",
            "scope/name/it", "participatory_space/id", "participatory_space/url", "component/id", "title/it",
            "body/it", "address", "latitude", "longitude", "state", "reference", "answer/it", "answered_at", "votes",
            "endorsements/total_count", "endorsements/user_endorsements", "comments", "attachments", "followers",
            "published_at", "url", "meeting_urls", "related_proposals", "is_amend", "original_proposal/title/it",
            "original_proposal/url", "withdrawn", "withdrawn_at");
    static final List<String> COMMENT_COLUMNS = List.of("id", "created_at", "body/it", "locale", "author/id",
            "author/name", "alignment", "depth", "user_group/id", "user_group/name", "commentable_id",
            "commentable_type", "root_commentable_url");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setDelimiter(';')
            .setQuoteMode(QuoteMode.MINIMAL).setRecordSeparator("\n").get();
    private static final String FORMULA_STARTS = "=+-@\uFF1D\uFF0B\uFF0D\uFF20\t\r";
    private static final java.util.regex.Pattern INTEGER = java.util.regex.Pattern.compile("-?\\d{1,9}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private DecidimExport() {
    }

    /**
     * The zip: {@code <prefix>-open-data-proposals.csv} and {@code <prefix>-open-data-proposal_comments.csv}.
     *
     * @param proposalUrl our public address of a proposal that did not come from elsewhere
     * @param municipalityName the municipality's name for {@code scope/name/it}
     */
    public static byte[] zip(String prefix, UUID planId, String planUrl, List<ExportedProposal> proposals,
            List<CommentRow> comments, Function<UUID, String> proposalUrl, Function<String, String> municipalityName) {
        Map<UUID, String> urls = new HashMap<>();
        List<List<String>> proposalRows = new ArrayList<>();
        for (ExportedProposal p : proposals) {
            String url = p.originalUrl() != null ? p.originalUrl() : proposalUrl.apply(p.id());
            urls.put(p.id(), url);
            String state = switch (p.status()) {
                case "ACCEPTED", "PARTIALLY_ACCEPTED" -> "accepted";
                case "NOT_ACCEPTED", "MERGED" -> "rejected";
                case "WITHDRAWN" -> "withdrawn";
                default -> "";
            };
            boolean answered = p.answeredAt() != null && !p.status().equals("WITHDRAWN");
            proposalRows.add(Arrays.asList(p.id().toString(), p.theme(), p.theme(), p.municipality(),
                    municipalityName.apply(p.municipality()), planId.toString(), planUrl, "", p.title(), p.body(),
                    "", "", "", state, "", answered ? p.answerText() : "", answered ? time(p.answeredAt()) : "",
                    String.valueOf(p.supports()), "0", "", String.valueOf(p.comments()), "0", "0",
                    time(p.createdAt()), url, "", "", "false", "", "", String.valueOf(p.withdrawnAt() != null),
                    time(p.withdrawnAt())));
        }
        List<List<String>> commentRows = new ArrayList<>();
        for (CommentRow c : comments) {
            if (!urls.containsKey(c.proposalId())) {
                continue;
            }
            boolean reply = c.parentId() != null;
            commentRows.add(Arrays.asList(c.id().toString(), time(c.createdAt()), c.body(),
                    c.locale() == null ? "it" : c.locale(), "", "", String.valueOf(c.alignment()),
                    String.valueOf(c.depth()), "", "", reply ? c.parentId().toString() : c.proposalId().toString(),
                    reply ? DecidimOpenData.COMMENT_TYPE : DecidimOpenData.PROPOSAL_TYPE, urls.get(c.proposalId())));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            entry(zip, prefix + "-open-data-proposals.csv", PROPOSAL_COLUMNS, proposalRows);
            entry(zip, prefix + "-open-data-proposal_comments.csv", COMMENT_COLUMNS, commentRows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, List<String> header, List<List<String>> rows)
            throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        Writer writer = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, FORMAT);
        printer.printRecord(header);
        for (List<String> row : rows) {
            printer.printRecord(row.stream().map(DecidimExport::safe).toList());
        }
        printer.flush();
        zip.closeEntry();
    }

    /** A cell a spreadsheet would take for a formula gets a leading apostrophe; nulls are empty. */
    static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (INTEGER.matcher(value).matches()) {
            return value;
        }
        String trimmed = value.stripLeading();
        boolean formula = !trimmed.isEmpty() && FORMULA_STARTS.indexOf(trimmed.charAt(0)) >= 0
                || value.length() > trimmed.length() && (value.indexOf('\t') >= 0 && value.indexOf('\t') < value
                        .length() - trimmed.length());
        return formula ? "'" + value : value;
    }

    static String time(OffsetDateTime at) {
        return at == null ? "" : TIME.format(at.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
