package org.coprogram.synthesis.traceability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.coprogram.contracts.MeasureIds;
import org.coprogram.synthesis.plan.Plans;
import org.coprogram.synthesis.report.PdfUa;
import org.coprogram.synthesis.synthesis.ConsultationEvents;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/**
 * Uptake equity in the synthesis report (docs/synthesis.md, "The report"): on the fixed 215-contribution consultation,
 * with 30 proposals linked to a published measure, the HTML, the PDF and the CSV hold exactly the uptake figures of
 * the synthesis view: every group of every table, in the view's order.
 */
@Tag("service")
@QuarkusTest
class UptakeReportTest {

    static final int LINKED = 30;
    static final Pattern ROW = Pattern.compile("<tr( class=\"below\")?>(.*?)</tr>", Pattern.DOTALL);
    static final Pattern CELL = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL);
    static final List<String[]> TABLES = List.of(
            new String[]{"provinces", "Contributi ascoltati per provincia", "ascolto_provincia"},
            new String[]{"districts", "Contributi ascoltati per ambito territoriale", "ascolto_ambito"},
            new String[]{"categories", "Contributi ascoltati per categoria di portatori di interesse",
                    "ascolto_categoria"});

    @Test
    void theReportsHtmlPdfAndCsvHoldTheViewsUptakeFigures() throws Exception {
        String plan = publishedConsultation();
        // Rendered once before the links: a link changes the uptake, not the read model's version, and the report
        // rendered then must not be served again.
        assertThat(given().accept("text/html").get("/api/plans/" + plan + "/synthesis/report").then().statusCode(200)
                .extract().asString()).contains("Ascoltati 0 contributi su");
        link(plan);
        // Shares read as doubles, as the service wrote them (JsonPath would read them as floats).
        JsonPath view = new JsonPath(given().get("/api/plans/" + plan + "/synthesis").then().statusCode(200).extract()
                .asString()).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        assertThat(view.getLong("uptake.linked")).isEqualTo(LINKED);
        assertThat(view.getList("uptake.provinces")).isNotEmpty();

        // CSV: the view's figures as they are, row for row.
        String csv = given().get("/api/plans/" + plan + "/synthesis/report?format=csv").then().statusCode(200)
                .extract().asString();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        CSVRecord total = rows.stream().filter(r -> r.get("sezione").equals("ascolto_totale")).findFirst()
                .orElseThrow();
        assertThat(Long.parseLong(total.get("contributi"))).isEqualTo(view.getLong("uptake.contributions"));
        assertThat(Long.parseLong(total.get("collegati_interventi"))).isEqualTo(LINKED);
        assertThat(Long.parseLong(total.get("ascoltati"))).isEqualTo(view.getLong("uptake.heard"));
        assertThat(Double.parseDouble(total.get("quota_ascoltati"))).isEqualTo(view.getDouble("uptake.share"));
        for (String[] table : TABLES) {
            List<Map<String, Object>> groups = view.getList("uptake." + table[0]);
            List<CSVRecord> section = rows.stream().filter(r -> r.get("sezione").equals(table[2])).toList();
            assertThat(section).as(table[2]).hasSize(groups.size());
            for (int i = 0; i < groups.size(); i++) {
                Map<String, Object> g = groups.get(i);
                CSVRecord r = section.get(i);
                assertThat(r.get("codice")).isEqualTo(g.get("code"));
                assertThat(r.get("etichetta")).isEqualTo(g.get("name"));
                assertThat(Long.parseLong(r.get("contributi"))).isEqualTo(number(g, "contributions"));
                assertThat(Long.parseLong(r.get("risposte_ufficiali"))).isEqualTo(number(g, "answered"));
                assertThat(Long.parseLong(r.get("collegati_interventi"))).isEqualTo(number(g, "linked"));
                assertThat(Long.parseLong(r.get("ascoltati"))).isEqualTo(number(g, "heard"));
                assertThat(Double.parseDouble(r.get("quota_ascoltati")))
                        .isEqualTo(((Number) g.get("share")).doubleValue());
                assertThat(r.get("abitanti")).isEqualTo(cell(g.get("population")));
                assertThat(r.get("partecipanti")).isEqualTo(cell(g.get("participants")));
                assertThat(r.get("partecipanti_per_1000").isEmpty()).isEqualTo(g.get("participantsPer1000") == null);
                if (g.get("participantsPer1000") != null) {
                    assertThat(Double.parseDouble(r.get("partecipanti_per_1000")))
                            .isEqualTo(((Number) g.get("participantsPer1000")).doubleValue());
                }
                assertThat(r.get("ascoltati_meno")).isEqualTo(Boolean.TRUE.equals(g.get("heardLess")) ? "si" : "no");
            }
        }

        // HTML: each table's rows, cell by cell, as the view's groups in its order.
        String html = given().accept("text/html").get("/api/plans/" + plan + "/synthesis/report").then()
                .statusCode(200).extract().asString();
        assertThat(html).contains("<h2>Abbiamo ascoltato tutti? Equità dell'ascolto</h2>");
        String summary = "Ascoltati " + view.getLong("uptake.heard") + " contributi su "
                + view.getLong("uptake.contributions") + " (" + percent(view.getDouble("uptake.share")) + ")";
        assertThat(html).contains(summary);
        for (String[] table : TABLES) {
            List<Map<String, Object>> groups = view.getList("uptake." + table[0]);
            assertThat(htmlRows(html, table[1])).as(table[1]).isEqualTo(groups.stream()
                    .map(g -> expectedRow(g, !table[0].equals("categories"))).toList());
        }

        // PDF: still PDF/UA-1, and its text holds the section's heading, the tables' captions and the figures.
        byte[] pdf = given().accept("application/pdf").get("/api/plans/" + plan + "/synthesis/report").then()
                .statusCode(200).contentType("application/pdf").extract().asByteArray();
        assertThat(PdfUa.failures(pdf)).isEmpty();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("Abbiamo ascoltato tutti? Equità dell'ascolto",
                    "Contributi ascoltati per provincia", "Contributi ascoltati per ambito territoriale",
                    summary);
            Map<String, Object> first = view.<Map<String, Object>>getList("uptake.provinces").get(0);
            assertThat(text).contains(String.join(" ", expectedRow(first, true)));
        }
    }

    /** The cells the report's row of a group must have, computed here from the view's JSON. */
    private static List<String> expectedRow(Map<String, Object> g, boolean territory) {
        List<String> cells = new ArrayList<>(List.of(
                g.get("name") + (Boolean.TRUE.equals(g.get("heardLess")) ? " (ascoltato meno)" : ""),
                String.valueOf(number(g, "contributions")), String.valueOf(number(g, "answered")),
                String.valueOf(number(g, "linked")), String.valueOf(number(g, "heard")),
                percent(((Number) g.get("share")).doubleValue())));
        if (territory) {
            cells.add(g.get("population") == null ? "–" : String.valueOf(number(g, "population")));
            cells.add(g.get("participants") == null ? "–" : String.valueOf(number(g, "participants")));
            cells.add(g.get("participantsPer1000") == null
                    ? "–"
                    : new BigDecimal(g.get("participantsPer1000").toString()).setScale(2, RoundingMode.HALF_UP)
                            .toPlainString().replace('.', ','));
        }
        return cells;
    }

    /** The rows of the uptake table with this caption, each as its cells' text. */
    private static List<List<String>> htmlRows(String html, String caption) {
        int start = html.indexOf("<caption>" + caption + "</caption>");
        assertThat(start).as("table " + caption).isPositive();
        String table = html.substring(html.indexOf("<tbody>", start), html.indexOf("</tbody>", start));
        List<List<String>> rows = new ArrayList<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            Matcher cell = CELL.matcher(row.group(2));
            List<String> cells = new ArrayList<>();
            while (cell.find()) {
                cells.add(cell.group(1).replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&"));
            }
            rows.add(cells);
        }
        return rows;
    }

    /** A share as the report prints it: a percentage with one decimal, rounded half up, Italian style. */
    private static String percent(double share) {
        return new BigDecimal(Double.toString(share)).multiply(BigDecimal.valueOf(100))
                .setScale(1, RoundingMode.HALF_UP).toPlainString().replace('.', ',') + " %";
    }

    private static long number(Map<String, Object> group, String field) {
        return ((Number) group.get(field)).longValue();
    }

    private static String cell(Object value) {
        return value == null ? "" : value.toString();
    }

    /** The fixed consultation and a published measure. */
    private static String publishedConsultation() {
        String plan = Plans.pugliaIn("CONSULTATION");
        ConsultationEvents c = new ConsultationEvents(UUID.fromString(plan));
        try (EventPublisher publisher = new EventPublisher()) {
            c.events.forEach(e -> publisher.publish(e.topic(), e.event()));
        }
        await("the synthesis counts " + MeasureLinksTest.COUNTED + " contributions").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> given().get("/api/plans/" + plan + "/synthesis").then().extract().jsonPath()
                        .getLong("totals.contributions") == MeasureLinksTest.COUNTED);
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body("""
                {"revision":0,"document":{"sections":[],"measures":[{"code":"M1","title":"Assistenza domiciliare",
                 "theme":"anziani","priority":"HIGH","scope":{"level":"REGION","codes":[]},
                 "resources":[{"source":"FNA","year":2026,"amount":1000}]}]}}""")
                .put("/api/plans/" + plan + "/document/draft").then().statusCode(200);
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body("{}")
                .post("/api/plans/" + plan + "/document/versions").then().statusCode(201);
        return plan;
    }

    /** {@link #LINKED} proposals, spread over the corpus so that groups are heard unevenly, linked in bulk to M1. */
    private static void link(String plan) {
        ConsultationEvents c = new ConsultationEvents(UUID.fromString(plan));
        List<Map<String, String>> refs = IntStream.range(0, LINKED).map(i -> i * 5)
                .mapToObj(i -> Map.of("kind", "PROPOSAL", "id", c.id(c.corpus.entries().get(i)).toString()))
                .toList();
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                .body(Map.of("contributions", refs, "outcome", "INCORPORATED", "reason", "Ripreso nell'intervento"))
                .post("/api/measures/" + MeasureIds.of(UUID.fromString(plan), "M1") + "/links/bulk").then()
                .statusCode(201);
    }
}
