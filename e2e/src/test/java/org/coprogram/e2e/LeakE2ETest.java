package org.coprogram.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coprogram.e2e.Consultation.expect;
import static org.coprogram.e2e.Consultation.json;
import static org.coprogram.e2e.Consultation.send;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.awaitility.Awaitility;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A district's Relazione Sociale is restricted until the region publishes it. This test submits one carrying a unique
 * word and looks for that word everywhere a person without the right, or a partner, can look: every public view of
 * the synthesis (each scope, clusters, the report as HTML, PDF, CSV and JSON), the proposal search, the report itself,
 * and every record of every topic a partner may read. Only after publication may it appear, and on the topics only
 * in the publication event.
 */
@Tag("e2e")
class LeakE2ETest {

    private static final List<String> PARTNER_TOPICS = List.of("coprogram.plans", "coprogram.proposals",
            "coprogram.surveys", "coprogram.meetings", "coprogram.synthesis");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void anUnpublishedSocialReportReachesNoPublicOrPartnerOutputUntilTheRegionPublishesIt() throws Exception {
        // One unusual word: its first letters survive the Italian stemmer, so a leaked keyword is found too.
        String marker = "zefirantemarcatore" + letters(8);
        String probe = marker.substring(0, 14);
        String staff = Tokens.of("regione");
        String district = Tokens.of("ambito");
        List<TopicReader> readers = PARTNER_TOPICS.stream().map(TopicReader::fromNow).toList();
        try {
            String plan = json(expected(send("POST", "/api/plans", PolicyFixture.plan(PolicyFixture.Region.PUGLIA),
                    staff), 201)).path("id").asText();
            expect(send("POST", "/api/plans/" + plan + "/phase", "{\"phase\":\"SOCIAL_REPORT\"}", staff), 200);
            String report = "/api/plans/" + plan + "/social-reports/BA-BARI";
            expect(send("PUT", report,
                    """
                            {"resultsAchieved":[{"theme":"anziani","text":"Il servizio %s ha raggiunto tutti gli anziani soli."}],
                             "effectivePractices":[],"criticalIssues":[{"theme":"anziani","text":"Mancano operatori %s."}],
                             "unmetNeeds":[],"attachments":[]}"""
                            .formatted(marker, marker),
                    district), 200);
            expect(send("POST", report + "/submit", null, district), 200);

            // The region's own reserved view has it: the synthesis has taken the submission in.
            awaitBody("/api/plans/" + plan + "/synthesis/clusters?include=unpublished", staff, probe);
            assertThat(json(send("GET", "/api/plans/" + plan + "/synthesis?include=unpublished", null, staff))
                    .path("totals").path("socialReports").asLong()).isEqualTo(1);

            List<String> before = leaks(plan, probe);
            assertThat(before).as("public outputs showing the unpublished report").isEmpty();
            assertThat(json(send("GET", "/api/plans/" + plan + "/synthesis", null, null)).path("totals")
                    .path("socialReports").asLong()).as("unpublished reports counted in public").isZero();
            assertThat(recordsWith(readers, probe)).as("partner-visible records with the unpublished text")
                    .isEmpty();
            // Not even which district filed: coprogram.synthesis has no record of this plan before publication.
            assertThat(readers.get(PARTNER_TOPICS.indexOf("coprogram.synthesis")).drain())
                    .as("partner-visible social-report records of the plan before publication")
                    .noneMatch(record -> plan.equals(TopicReader.header(record, "ce_planid")));

            expect(send("POST", "/api/plans/" + plan + "/social-reports/publish", null, staff), 200);
            awaitBody("/api/plans/" + plan + "/synthesis/clusters", null, probe);
            assertThat(
                    body(get("/api/plans/" + plan + "/synthesis/report", null, "text/html")).toLowerCase(Locale.ROOT))
                    .contains(probe);
            assertThat(pdfText(get("/api/plans/" + plan + "/synthesis/report?format=pdf", null, "application/pdf")))
                    .contains(probe);
            assertThat(json(send("GET", "/api/plans/" + plan + "/synthesis", null, null)).path("totals")
                    .path("socialReports").asLong()).isEqualTo(1);
            assertThat(recordsWith(readers, probe)).as("records with the published text").isNotEmpty()
                    .allSatisfy(record -> assertThat(TopicReader.header(record, "ce_type"))
                            .isEqualTo("org.coprogram.social-report.published.v1"));
        } finally {
            readers.forEach(TopicReader::close);
        }
    }

    /**
     * The partner-visible topic keeps, forever, records of the types withdrawn from partners: {@code v1} events that
     * carried an unpublished report's text, {@code v2} ones saying which district filed before publication. The
     * partner bridge, whose new groups start from the first record, relays none of them; what follows them is relayed.
     */
    @Test
    void theBridgeNeverRelaysTheWithdrawnSocialReportTypesThatTheTopicStillKeeps() throws Exception {
        String marker = "zefirantelegacy" + letters(8);
        String plan = UUID.randomUUID().toString(); // a plan no service knows: the services ignore these records
        String report = UUID.randomUUID().toString();
        String data = """
                {"reportId":"%s","planId":"%s","region":"puglia","districtCode":"BA-BARI","status":"SUBMITTED",                "published":false,"submittedAt":"2026-09-30T12:00:00+02:00","content":{"resultsAchieved":                [{"theme":"anziani","text":"Bozza %s"}],"effectivePractices":[],"criticalIssues":[],                "unmetNeeds":[],"attachments":[]}}"""
                .formatted(report, plan, marker);
        List<String> withdrawn = List.of("org.coprogram.social-report.submitted.v1",
                "org.coprogram.social-report.reopened.v1", "org.coprogram.social-report.submitted.v2",
                "org.coprogram.social-report.reopened.v2");
        List<String> withdrawnIds = new ArrayList<>();
        UUID sentinel = UUID.randomUUID();
        try (EventPublisher publisher = new EventPublisher()) {
            for (String type : withdrawn) {
                UUID id = UUID.randomUUID();
                withdrawnIds.add(id.toString());
                publisher.publish("coprogram.synthesis", EventPublisher.event(id, "/e2e/leak", type, report, plan,
                        data));
            }
            publisher.publish("coprogram.synthesis", EventPublisher.event(sentinel, "/e2e/leak",
                    "org.coprogram.social-report.published.v1", report, plan, data.replace(marker, "pubblicata")));
        }

        String partner = Tokens.ofClient("partner-demo", "partner-demo-secret");
        List<PartnerEventStreamE2ETest.Sse> relayed = PartnerEventStreamE2ETest.read(HTTP, partner,
                "coprogram.synthesis&group=leak-" + System.currentTimeMillis(),
                events -> events.stream().anyMatch(e -> sentinel.toString().equals(e.id())), Duration.ofSeconds(120));

        assertThat(relayed).as("the record after the withdrawn ones is relayed")
                .anySatisfy(e -> assertThat(e.id()).isEqualTo(sentinel.toString()));
        assertThat(relayed).extracting(PartnerEventStreamE2ETest.Sse::event).as("withdrawn types relayed")
                .doesNotContainAnyElementsOf(withdrawn);
        assertThat(relayed).extracting(PartnerEventStreamE2ETest.Sse::id).doesNotContainAnyElementsOf(withdrawnIds);
        assertThat(relayed).allSatisfy(e -> assertThat(e.data().toString()).doesNotContain(marker));
    }

    /** Every public output, as an anonymous visitor, a partner and another region's staff, that shows {@code probe}. */
    private static List<String> leaks(String plan, String probe) throws Exception {
        List<String> paths = new ArrayList<>();
        for (String scope : List.of("", "?level=province&code=BA", "?level=district&code=BA-BARI")) {
            String base = "/api/plans/" + plan + "/synthesis";
            paths.add(base + scope);
            paths.add(base + "/clusters" + scope);
            String query = scope.isEmpty() ? "?" : scope + "&";
            for (String format : List.of("html", "csv", "json", "pdf")) {
                paths.add(base + "/report" + query + "format=" + format);
            }
        }
        paths.add("/api/plans/" + plan + "/proposals?q=" + probe);
        paths.add("/api/plans/" + plan + "/social-reports/BA-BARI");
        paths.add("/api/plans");

        List<String> leaks = new ArrayList<>();
        List<String> callers = new ArrayList<>();
        callers.add(null);
        callers.add(Tokens.ofClient("partner-demo", "partner-demo-secret"));
        callers.add(Tokens.of("regione-abruzzo"));
        callers.add(Tokens.of("cittadino"));
        for (String token : callers) {
            for (String path : paths) {
                HttpResponse<byte[]> answer = get(path, token, "*/*");
                assertThat(answer.statusCode()).as(path).isLessThan(500);
                String text = path.endsWith("format=pdf") && answer.statusCode() == 200
                        ? pdfText(answer)
                        : body(answer);
                if (text.toLowerCase(Locale.ROOT).contains(probe)) {
                    leaks.add(path + " (" + (token == null ? "anonymous" : "authenticated") + ")");
                }
            }
        }
        return leaks;
    }

    private static List<ConsumerRecord<String, String>> recordsWith(List<TopicReader> readers, String probe) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        for (TopicReader reader : readers) {
            for (ConsumerRecord<String, String> record : reader.drain()) {
                StringBuilder all = new StringBuilder(String.valueOf(record.key())).append(record.value());
                for (Header header : record.headers()) {
                    all.append(new String(header.value(), StandardCharsets.UTF_8));
                }
                if (all.toString().toLowerCase(Locale.ROOT).contains(probe)) {
                    found.add(record);
                }
            }
        }
        return found;
    }

    private static void awaitBody(String path, String token, String probe) {
        Awaitility.await(path + " shows " + probe).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> body(get(path, token, "application/json")).toLowerCase(Locale.ROOT).contains(probe));
    }

    private static HttpResponse<byte[]> get(String path, String token, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Consultation.GATEWAY + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", accept);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String pdfText(HttpResponse<byte[]> response) throws IOException {
        assertThat(response.statusCode()).isEqualTo(200);
        try (PDDocument document = Loader.loadPDF(response.body())) {
            return new PDFTextStripper().getText(document).toLowerCase(Locale.ROOT);
        }
    }

    private static HttpResponse<String> expected(HttpResponse<String> response, int status) {
        expect(response, status);
        return response;
    }

    private static String letters(int count) {
        Random random = new Random(UUID.randomUUID().getMostSignificantBits());
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < count; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        return letters.toString();
    }
}
