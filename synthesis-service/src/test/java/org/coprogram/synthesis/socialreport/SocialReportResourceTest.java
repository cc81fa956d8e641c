package org.coprogram.synthesis.socialreport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coprogram.synthesis.plan.Plans;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@Tag("service")
@QuarkusTest
class SocialReportResourceTest {

    static final String REPORT = """
            {"resultsAchieved":[{"theme":"anziani","text":"Attivato il servizio di assistenza domiciliare integrata in tutti i municipi."}],
             "effectivePractices":[{"theme":"poverta","title":"Emporio solidale","description":"Distribuzione di beni di prima necessità con tessera a punti.",
                                    "transferability":"HIGH","transferabilityNotes":"Richiede una rete di associazioni attiva."}],
             "criticalIssues":[{"text":"Carenza di assistenti sociali rispetto al LEPS di 1 ogni 5.000 abitanti."}],
             "unmetNeeds":[{"theme":"anziani","text":"Posti in centri diurni per persone con demenza."}],
             "attachments":[{"title":"Relazione completa","url":"https://example.org/relazione-bari.pdf"}]}""";

    static ValidatableResponse put(String user, String planId, String district, String body) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON).body(body)
                .put("/api/plans/" + planId + "/social-reports/" + district).then();
    }

    static ValidatableResponse post(String user, String planId, String path) {
        return given().auth().oauth2(Tokens.of(user)).post("/api/plans/" + planId + "/social-reports/" + path).then();
    }

    static ValidatableResponse get(String user, String planId, String district) {
        var request = user == null ? given() : given().auth().oauth2(Tokens.of(user));
        return request.get("/api/plans/" + planId + "/social-reports/" + district).then();
    }

    @Test
    void districtOperatorWritesSubmitsAndRegionReopens() {
        String plan = Plans.pugliaIn("SOCIAL_REPORT");
        put("ambito", plan, "BA-BARI", REPORT).statusCode(200).body("status", equalTo("DRAFT"))
                .body("districtName", equalTo("Ambito Territoriale Sociale di Bari"))
                .body("content.effectivePractices[0].transferability", equalTo("HIGH"));
        get("ambito", plan, "BA-BARI").statusCode(200).body("content.unmetNeeds[0].theme", equalTo("anziani"));
        get("regione", plan, "BA-BARI").statusCode(200);

        try (TopicReader restricted = TopicReader.fromNow(SocialReportEvents.RESTRICTED_TOPIC);
                TopicReader partnerVisible = TopicReader.fromNow(SocialReportEvents.TOPIC)) {
            post("ambito", plan, "BA-BARI/submit").statusCode(200).body("status", equalTo("SUBMITTED"));
            List<ConsumerRecord<String, String>> events = restricted.await(
                    r -> SocialReportEvents.SUBMITTED.equals(TopicReader.header(r, "ce_type"))
                            && plan.equals(TopicReader.header(r, "ce_planid")),
                    1, Duration.ofSeconds(15), Duration.ofSeconds(1));
            assertThat(events).hasSize(1);
            // Restricted, and still without the content: only this service reads it, for the reserved view.
            assertThat(events.get(0).value()).contains("\"districtCode\":\"BA-BARI\"", "\"published\":false")
                    .doesNotContain("Emporio solidale", "content", "ambito@");
            // Which district filed is not public before publication (the public API does not even count it), so
            // the partner-visible topic says nothing about it.
            assertThat(partnerVisible.drain()).as("records of this plan on the partner-visible topic")
                    .noneMatch(r -> plan.equals(TopicReader.header(r, "ce_planid")));
        }
        put("ambito", plan, "BA-BARI", REPORT).statusCode(409).contentType("application/problem+json");
        post("ambito", plan, "BA-BARI/submit").statusCode(409);
        post("ambito", plan, "BA-BARI/reopen").statusCode(403);
        try (TopicReader restricted = TopicReader.fromNow(SocialReportEvents.RESTRICTED_TOPIC);
                TopicReader partnerVisible = TopicReader.fromNow(SocialReportEvents.TOPIC)) {
            post("regione", plan, "BA-BARI/reopen").statusCode(200).body("status", equalTo("DRAFT"));
            assertThat(restricted.await(r -> SocialReportEvents.REOPENED.equals(TopicReader.header(r, "ce_type"))
                    && plan.equals(TopicReader.header(r, "ce_planid")), 1, Duration.ofSeconds(15),
                    Duration.ofSeconds(1))).hasSize(1);
            assertThat(partnerVisible.drain()).noneMatch(r -> plan.equals(TopicReader.header(r, "ce_planid")));
        }
        put("ambito", plan, "BA-BARI", REPORT.replace("Emporio solidale", "Emporio di comunità")).statusCode(200)
                .body("content.effectivePractices[0].title", equalTo("Emporio di comunità"));
    }

    @Test
    void districtOperatorCannotReadOrWriteAnotherDistrictsReport() {
        String plan = Plans.pugliaIn("SOCIAL_REPORT");
        put("ambito-foggia", plan, "FG-FOGGIA", REPORT).statusCode(200);
        put("ambito", plan, "FG-FOGGIA", REPORT).statusCode(403).contentType("application/problem+json");
        post("ambito", plan, "FG-FOGGIA/submit").statusCode(403);
        get("ambito", plan, "FG-FOGGIA").statusCode(403);
        get("cittadino", plan, "FG-FOGGIA").statusCode(403);
        get(null, plan, "FG-FOGGIA").statusCode(401);
        put("regione", plan, "FG-FOGGIA", REPORT).statusCode(403);
        put("cittadino", plan, "BA-BARI", REPORT).statusCode(403);
        get("ambito-foggia", plan, "FG-FOGGIA").statusCode(200)
                .body("content.resultsAchieved[0].text", equalTo(
                        "Attivato il servizio di assistenza domiciliare integrata in tutti i municipi."));
    }

    @Test
    void noWritesOutsideTheSocialReportPhase() {
        String draft = Plans.pugliaIn("DRAFT");
        put("ambito", draft, "BA-BARI", REPORT).statusCode(409);
        String consultation = Plans.pugliaIn("CONSULTATION");
        put("ambito", consultation, "BA-BARI", REPORT).statusCode(409).contentType("application/problem+json");
        get("ambito", consultation, "BA-BARI").statusCode(404);
    }

    @Test
    void invalidReportIsRefusedNamingTheField() {
        String plan = Plans.pugliaIn("SOCIAL_REPORT");
        put("ambito", plan, "BA-BARI",
                REPORT.replace("\"theme\":\"anziani\",\"text\":\"Posti", "\"theme\":\"sport\",\"text\":\"Posti"))
                .statusCode(422).body("violations[0].field", equalTo("unmetNeeds[0].theme"));
        put("ambito", plan, "BA-BARI", REPORT.replace("\"HIGH\"", "\"TOTAL\"")).statusCode(400)
                .body("violations.field", hasItem("effectivePractices[0].transferability"));
        put("ambito", plan, "BA-BARI", REPORT.replace("https://example.org/relazione-bari.pdf", "javascript:alert(1)"))
                .statusCode(400).body("violations.field", hasItem("attachments[0].url"));
        put("ambito", plan, "XX-NESSUNO", REPORT).statusCode(404);
        put("ambito", plan, "BA-BARI", "{}").statusCode(200);
        post("ambito", plan, "BA-BARI/submit").statusCode(422);
        get("ambito", plan, "BA-BARI").body("status", equalTo("DRAFT"));
    }

    @Test
    void coverageCountsMatchTheDistrictsOfTheRegion() {
        String plan = Plans.pugliaIn("SOCIAL_REPORT");
        put("ambito", plan, "BA-BARI", REPORT).statusCode(200);
        post("ambito", plan, "BA-BARI/submit").statusCode(200);
        put("ambito-foggia", plan, "FG-FOGGIA", REPORT).statusCode(200);

        given().auth().oauth2(Tokens.of("regione")).get("/api/plans/" + plan + "/social-reports/coverage")
                .then().statusCode(200)
                // The shipped composition: 39 of Puglia's 45 districts have a placed member.
                .body("districts", equalTo(39))
                .body("submitted", equalTo(1))
                .body("draft", equalTo(1))
                .body("notStarted", equalTo(37))
                .body("territoryVersion", equalTo(1))
                .body("unplacedMunicipalities", equalTo(105))
                .body("byDistrict.find { it.code == 'BA-BARI' }.state", equalTo("SUBMITTED"))
                .body("byDistrict.find { it.code == 'FG-FOGGIA' }.state", equalTo("DRAFT"))
                .body("byDistrict.find { it.code == 'TA-06' }.state", equalTo("NOT_STARTED"));
        given().auth().oauth2(Tokens.of("ambito")).get("/api/plans/" + plan + "/social-reports/coverage")
                .then().statusCode(403);
        given().auth().oauth2(Tokens.of("regione-abruzzo")).get("/api/plans/" + plan + "/social-reports/coverage")
                .then().statusCode(403);
    }

    @Test
    void publishedReportsAreReadableByEveryone() {
        String plan = Plans.pugliaIn("SOCIAL_REPORT");
        put("ambito", plan, "BA-BARI", REPORT).statusCode(200);
        post("ambito", plan, "BA-BARI/submit").statusCode(200);
        get(null, plan, "BA-BARI").statusCode(401);
        try (TopicReader partnerVisible = TopicReader.fromNow(SocialReportEvents.TOPIC)) {
            post("regione", plan, "publish").statusCode(200).body("published", equalTo(1));
            // The id the public reads is the one its comments go under (proposal-service learns it from the event).
            String id = get(null, plan, "BA-BARI").statusCode(200).body("published", equalTo(true)).extract()
                    .path("id");
            List<ConsumerRecord<String, String>> events = partnerVisible.await(
                    r -> SocialReportEvents.PUBLISHED.equals(TopicReader.header(r, "ce_type"))
                            && plan.equals(TopicReader.header(r, "ce_planid")),
                    1, Duration.ofSeconds(15), Duration.ofSeconds(1));
            assertThat(events).hasSize(1);
            assertThat(events.get(0).value()).contains("\"reportId\":\"" + id + "\"");
        }
    }
}
