package org.coprogram.synthesis.synthesis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.coprogram.synthesis.plan.Plans;
import org.coprogram.synthesis.report.PdfUa;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@Tag("service")
@QuarkusTest
class AdoptedPlanDocumentTest {

    /** The consultation plan with LEPs, a timeline and a theme label with the euro sign. */
    static final String PLAN = SynthesisReadModelTest.PLAN
            .replace("\"leps\":[]", "\"leps\":[\"pronto-intervento-sociale\",\"supervisione-personale\","
                    + "\"dimissioni-protette\"],\"timeline\":[{\"phase\":\"CONSULTATION\","
                    + "\"plannedStart\":\"2026-01-15\",\"plannedEnd\":\"2026-03-31\"},{\"phase\":\"SYNTHESIS\","
                    + "\"plannedStart\":\"2026-04-01\",\"plannedEnd\":\"2026-04-30\"}]")
            .replace("\"label\":\"Abitare\"", "\"label\":\"Abitare (fondo di 2.500.000 €)\"");

    /** The version the plan is adopted with: two measures, resources from two sources. */
    static final String DOCUMENT = """
            {"revision":0,"document":{"sections":[{"key":"PRIORITIES","text":"La casa prima di tutto."}],"measures":[
              {"code":"ABI.1","title":"Agenzia sociale per la casa","theme":"abitare","priority":"HIGH",
               "scope":{"level":"REGION","codes":[]},"resources":[{"source":"FNPS","year":2026,"amount":1250000.50},
               {"source":"FONDI-REGIONALI","year":2027,"amount":300000}]},
              {"code":"ANZ.2","title":"Dimissioni protette in ogni ambito","theme":"anziani","priority":"MEDIUM",
               "scope":{"level":"REGION","codes":[]},"resources":[{"source":"FNPS","year":2027,"amount":0.50}]}]}}""";

    private static String adoptedPlanWithItsConsultation() {
        String planId = given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body(PLAN)
                .post("/api/plans").then().statusCode(201).extract().path("id");
        ConsultationEvents consultation = new ConsultationEvents(UUID.fromString(planId));
        try (EventPublisher publisher = new EventPublisher()) {
            consultation.events.forEach(e -> publisher.publish(e.topic(), e.event()));
        }
        await("the consultation counted").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/api/plans/" + planId + "/synthesis").then().extract().jsonPath()
                        .getLong("totals.contributions") > 0);
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body("{\"phase\":\"SYNTHESIS\"}")
                .post("/api/plans/" + planId + "/phase").then().statusCode(200);
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body(DOCUMENT)
                .put("/api/plans/" + planId + "/document/draft").then().statusCode(200);
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body("{}")
                .post("/api/plans/" + planId + "/document/versions").then().statusCode(201);
        Plans.adopt("regione", planId, Plans.DGR).statusCode(200);
        return planId;
    }

    @Test
    void theAdoptedPlanPdfIsPdfUa1CompliantAndSaysWhatWasAdopted() throws Exception {
        String plan = adoptedPlanWithItsConsultation();
        byte[] pdf = given().get("/api/plans/" + plan + "/document?format=pdf").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        assertThat(PdfUa.failures(pdf)).isEmpty();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("it-IT");
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("VI Piano Regionale delle Politiche Sociali 2026-2028", "DGR 1234/2026",
                    "10 marzo 2026", "Abitare (fondo di 2.500.000 €)", "pronto-intervento-sociale",
                    "Grafico a barre: Contributi della consultazione per area di intervento",
                    "Agenzia sociale per la casa", "1.550.000,50 €", "Dimissioni protette in ogni ambito", "0,50 €",
                    "Fondo Nazionale Politiche Sociali 1.250.001,00 €", "Fondi regionali 300.000,00 €",
                    "in tutto 1.550.001,00 €");
        }
        given().get("/api/plans/" + plan + "/document").then().statusCode(200).contentType("text/html")
                .header("Content-Security-Policy", org.hamcrest.Matchers.startsWith("default-src 'none'"))
                .body(org.hamcrest.Matchers.containsString("<html lang=\"it-IT\""));
    }

    @Test
    void aPlanNotYetAdoptedHasNoDocumentAndABadFormatIsRefused() {
        String plan = Plans.pugliaIn("SYNTHESIS");
        given().get("/api/plans/" + plan + "/document?format=pdf").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("Il piano non è ancora stato adottato"));
        given().get("/api/plans/" + plan + "/document?format=docx").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("format"));
    }
}
