package org.coprogram.synthesis.synthesis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.coprogram.synthesis.report.PdfUa;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@Tag("service")
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SynthesisReportTest {

    static final String HOSTILE_TITLE = "<script>alert('x')</script> Più asili nido";

    private ConsultationEvents consultation;
    private String base;

    @BeforeEach
    void publishTheConsultationOnce() {
        if (consultation != null) {
            return;
        }
        String planId = given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                .body(SynthesisReadModelTest.PLAN).post("/api/plans").then().statusCode(201).extract().path("id");
        consultation = new ConsultationEvents(UUID.fromString(planId));
        base = "/api/plans/" + planId + "/synthesis";
        UUID hostile = UUID.randomUUID();
        try (EventPublisher publisher = new EventPublisher()) {
            consultation.events.forEach(e -> publisher.publish(e.topic(), e.event()));
            ConsultationEvents.Topic submitted = consultation.event("coprogram.proposals",
                    "org.coprogram.proposal.submitted.v1", hostile, ConsultationEvents.data("proposalId", hostile,
                            "planId", consultation.planId, "kind", "PROPOSAL", "title", HOSTILE_TITLE, "body",
                            "Un testo con <b>markup</b> & caratteri.", "theme", "famiglie-minori", "municipality",
                            "072006", "district", "BA-BARI", "province", "BA", "category", "CITIZEN", "status",
                            "SUBMITTED", "author", "someone", "createdAt", OffsetDateTime.now()));
            ConsultationEvents.Topic supported = consultation.event("coprogram.proposals",
                    "org.coprogram.proposal.supported.v1", hostile, ConsultationEvents.data("proposalId", hostile,
                            "planId", consultation.planId, "supporter", "fan-0", "supports", 999, "occurredAt",
                            OffsetDateTime.now()));
            publisher.publish(submitted.topic(), submitted.event());
            publisher.publish(supported.topic(), supported.event());
        }
        await("the hostile proposal's supports counted").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> given().get(base).then().extract().jsonPath().getLong("totals.supports") == 466 + 999);
    }

    @Test
    void thePdfIsAPdfUa1DocumentNamingThePlanAndItsThemes() throws IOException {
        byte[] pdf = given().accept("application/pdf").get(base + "/report").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        // veraPDF's PDF/UA-1 profile on the report of a whole consultation: tables, charts, clusters, hostile text.
        assertThat(PdfUa.failures(pdf)).isEmpty();

        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("VI Piano Regionale delle Politiche Sociali 2026-2028",
                    "Sintesi della consultazione",
                    "Anziani e non autosufficienza", "Famiglie e minori", "Disabilità", "Violenza di genere",
                    "Povertà e inclusione", "Abitare", "Immigrazione", "Dipendenze", "Welfare d'accesso",
                    "Gruppi di contributi simili");
        }
    }

    @Test
    void theHtmlReportEscapesWhatPeopleWrote() {
        String html = given().accept("text/html").get(base + "/report").then().statusCode(200)
                .contentType("text/html").extract().asString();

        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Più asili nido")
                .doesNotContain("<script>").contains("<html lang=\"it-IT\"");
    }

    @Test
    void openDataCsvCarriesTheSameFiguresAsTheJson() throws IOException {
        var json = given().get(base + "?level=province&code=BA").then().statusCode(200).extract().jsonPath();
        String csv = given().get(base + "/report?format=csv&level=province&code=BA").then().statusCode(200)
                .contentType("text/csv")
                .header("Content-Disposition", "attachment; filename=\"sintesi-province-ba.csv\"")
                .extract().asString();

        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        CSVRecord total = rows.get(0);
        assertThat(total.get("sezione")).isEqualTo("totale");
        assertThat(Long.parseLong(total.get("contributi"))).isEqualTo(json.getLong("totals.contributions"));
        assertThat(Long.parseLong(total.get("adesioni"))).isEqualTo(json.getLong("totals.supports"));
        CSVRecord elderly = rows.stream().filter(r -> r.get("sezione").equals("area") && r.get("codice")
                .equals("anziani")).findFirst().orElseThrow();
        assertThat(Long.parseLong(elderly.get("contributi")))
                .isEqualTo(json.getLong("byTheme.find { it.code == 'anziani' }.contributions"));
        assertThat(rows).anySatisfy(r -> assertThat(r.get("sezione")).isEqualTo("partecipazione_comune"));
    }

    @Test
    void openDataJsonHoldsTheSynthesisAndTheClusters() {
        given().accept("application/json").get(base + "/report").then().statusCode(200)
                .body("synthesis.planTitle", equalTo("VI Piano Regionale delle Politiche Sociali 2026-2028"))
                .body("clusters.clusters.size()", org.hamcrest.Matchers.greaterThan(5));
    }

    @Test
    void anUnknownFormatIsAProblem() {
        given().get(base + "/report?format=docx").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("format"));
    }
}
