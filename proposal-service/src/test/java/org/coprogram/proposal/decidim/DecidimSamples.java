package org.coprogram.proposal.decidim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Decidim open-data exports written the way Decidim's serializers and its CSV exporter write them
 * (../shared/formats/decidim-open-data.md): semicolon separated, nested keys joined with {@code /}, one column per
 * locale, times as {@code 2017-10-16 07:18:14 UTC}. Three proposal serializer versions (about 0.27, 0.28, 0.30).
 */
public final class DecidimSamples {

    public static final String HOST = "partecipazione.regione.example";
    public static final String SPACE = "https://" + HOST + "/processes/piano-sociale";

    private DecidimSamples() {
    }

    public static String proposalUrl(String id) {
        return SPACE + "/f/12/proposals/" + id;
    }

    /** One proposal: Italian and Catalan texts, Decidim category and scope ids, supports and comments counts. */
    public record P(String id, String category, String scope, String titleIt, String bodyIt, String titleCa,
            String bodyCa, String state, int votes, int comments) {
    }

    /** One comment; {@code onComment} true for a reply to the comment {@code commentable}. */
    public record C(String id, String body, String commentable, boolean onComment, String proposalId, int depth,
            int alignment) {
    }

    public static List<P> proposals() {
        return List.of(
                new P("101", "7", "3", "Trasporto sociale per anziani soli",
                        "Un servizio di trasporto per accompagnare gli anziani alle visite mediche; \"gratuito\" per chi"
                                + " ha un ISEE basso.\nAnche nei comuni più piccoli.",
                        "Transport social per a gent gran", "Un servei de transport per a la gent gran.", "accepted",
                        42, 2),
                new P("102", "8", "4", "Sportello unico per le famiglie con minori",
                        "Uno sportello in ogni ambito che orienti le famiglie tra servizi, bonus e scuole.",
                        "Finestreta única per a famílies", "Una finestreta a cada àmbit.", "", 7, 1),
                new P("103", "7", "3", "=SOMMA(A1:A9) centri diurni per l'Alzheimer",
                        "Centri diurni per le persone con Alzheimer e sollievo per chi le assiste a casa.",
                        "", "", "rejected", 0, 0));
    }

    public static List<C> comments() {
        return List.of(
                new C("9001", "D'accordo, serve soprattutto nei paesi dell'entroterra.", "101", false, "101", 0, 1),
                new C("9002", "Concordo: anche il sabato, per favore.", "9001", true, "101", 1, 1),
                new C("9003", "Meglio integrare con i servizi già esistenti dei comuni.", "102", false, "102", 0, -1));
    }

    /** The proposals file of a serializer version: {@code 0.27}, {@code 0.28} or {@code 0.30}. */
    public static String proposalsCsv(String version, List<P> proposals) {
        List<String> header = new ArrayList<>(List.of("id"));
        boolean v30 = version.equals("0.30");
        if (v30) {
            header.addAll(List.of("author/id", "author/name", "author/url", "taxonomies/ids"));
        } else {
            header.addAll(List.of("category/id", "category/name/it", "category/name/ca", "scope/id", "scope/name/it"));
        }
        header.addAll(List.of("participatory_space/id", "participatory_space/url", "component/id", "title/ca",
                "title/it", "body/ca", "body/it", "address", "latitude", "longitude", "state", "reference",
                "answer/it"));
        if (!version.equals("0.27")) {
            header.add("answered_at");
        }
        header.add(version.equals("0.27") ? "supports" : "votes");
        header.addAll(v30
                ? List.of("likes/total_count", "likes/user_likes", "comments", "follows_count")
                : List.of("endorsements/total_count", "endorsements/user_endorsements", "comments", "attachments",
                        "followers"));
        header.addAll(List.of("published_at", "url", "meeting_urls", "related_proposals", "is_amend",
                "original_proposal/title/it", "original_proposal/url"));
        if (!version.equals("0.27")) {
            header.addAll(List.of("withdrawn", "withdrawn_at"));
        }
        if (v30) {
            header.addAll(List.of("created_at", "updated_at", "created_in_meeting", "coauthorships_count", "cost"));
        }
        StringBuilder out = new StringBuilder(line(header));
        for (P p : proposals) {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("id", p.id());
            v.put("author/id", "55" + p.id());
            v.put("author/name", "Maria Rossi");
            v.put("author/url", "https://" + HOST + "/profiles/mrossi");
            v.put("taxonomies/ids", "[" + p.category() + ", " + p.scope() + "]");
            v.put("category/id", p.category());
            v.put("category/name/it", "Categoria " + p.category());
            v.put("scope/id", p.scope());
            v.put("scope/name/it", "Ambito " + p.scope());
            v.put("participatory_space/id", "4");
            v.put("participatory_space/url", SPACE);
            v.put("component/id", "12");
            v.put("title/ca", p.titleCa());
            v.put("title/it", p.titleIt());
            v.put("body/ca", p.bodyCa());
            v.put("body/it", p.bodyIt());
            v.put("state", p.state());
            v.put("reference", "PS-PROP-2025-01-" + p.id());
            v.put("answer/it", p.state().isEmpty() ? "" : "Risposta della Regione alla proposta " + p.id());
            v.put("answered_at", p.state().isEmpty() ? "" : "2025-02-01 10:00:00 UTC");
            v.put("supports", String.valueOf(p.votes()));
            v.put("votes", String.valueOf(p.votes()));
            v.put("comments", String.valueOf(p.comments()));
            v.put("published_at", "2025-01-15 09:30:00 UTC");
            v.put("url", proposalUrl(p.id()));
            v.put("is_amend", "false");
            v.put("withdrawn", "false");
            v.put("related_proposals", "[]");
            List<String> row = new ArrayList<>();
            header.forEach(h -> row.add(v.getOrDefault(h, "")));
            out.append(line(row));
        }
        return out.toString();
    }

    public static String commentsCsv(List<C> comments) {
        List<String> header = List.of("id", "created_at", "body", "locale", "author/id", "author/name", "alignment",
                "depth", "user_group/id", "user_group/name/it", "user_group/name/ca", "commentable_id",
                "commentable_type", "root_commentable_url");
        StringBuilder out = new StringBuilder(line(header));
        for (C c : comments) {
            out.append(line(List.of(c.id(), "2025-01-20 18:00:00 UTC", c.body(), "it", "77", "Giuseppe Verdi",
                    String.valueOf(c.alignment()), String.valueOf(c.depth()), "", "", "", c.commentable(),
                    c.onComment() ? "Decidim::Comments::Comment" : "Decidim::Proposals::Proposal",
                    proposalUrl(c.proposalId()))));
        }
        return out.toString();
    }

    public static String meetingsCsv() {
        return line(List.of("id", "category/id", "title/it", "description/it", "start_time", "end_time", "url"))
                + line(List.of("31", "7", "Incontro a Bari", "Presentazione", "2025-01-10 17:00:00 UTC",
                        "2025-01-10 19:00:00 UTC", SPACE + "/f/13/meetings/31"));
    }

    public static String resultsCsv() {
        return line(List.of("id", "category/id", "title/it", "progress", "url"))
                + line(List.of("61", "7", "Trasporto sociale attivato", "50", SPACE + "/f/14/results/61"));
    }

    /** The zip Decidim's open-data download produces, with a README beside the CSVs as newer versions have. */
    public static byte[] zip(Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Map<String, String> export(String version) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("README.md", "# Open data\n");
        files.put(HOST + "-open-data-proposals.csv", proposalsCsv(version, proposals()));
        files.put(HOST + "-open-data-proposal_comments.csv", commentsCsv(comments()));
        files.put(HOST + "-open-data-meetings.csv", meetingsCsv());
        files.put(HOST + "-open-data-results.csv", resultsCsv());
        return files;
    }

    /** A CSV line as Decidim's exporter writes it: {@code ;}, quotes only where needed, doubled inside. */
    static String line(List<String> cells) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(';');
            }
            String cell = cells.get(i) == null ? "" : cells.get(i);
            if (cell.contains(";") || cell.contains("\"") || cell.contains("\n")) {
                out.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                out.append(cell);
            }
        }
        return out.append('\n').toString();
    }
}
