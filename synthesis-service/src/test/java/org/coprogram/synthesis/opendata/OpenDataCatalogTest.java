package org.coprogram.synthesis.opendata;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import org.coprogram.synthesis.plan.Plans;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@Tag("service")
@QuarkusTest
class OpenDataCatalogTest {

    private static String catalogue(String region) {
        return given().get("/api/open-data/catalog/" + region).then().statusCode(200)
                .contentType("application/ld+json").header("Link", equalTo(
                        "<https://creativecommons.org/licenses/by/4.0/>; rel=\"license\""))
                .extract().asString();
    }

    /** survey.published as survey-service sends it; {@code key} is the Kafka key, so two events can share a partition. */
    private static void published(EventPublisher publisher, UUID survey, String plan, String title, UUID key) {
        publisher.publish("coprogram.surveys", EventPublisher.event(UUID.randomUUID(), "/test",
                "org.coprogram.survey.published.v1", key.toString(), plan,
                "{\"id\":\"" + survey + "\",\"planId\":\"" + plan + "\",\"title\":\"" + title
                        + "\",\"anonymous\":false,"
                        + "\"status\":\"PUBLISHED\",\"version\":1,\"questions\":[{\"id\":\"q1\",\"type\":\"SINGLE_CHOICE\","
                        + "\"label\":\"Priorità\"}]}"));
    }

    @Test
    void theCatalogueListsOnlyPublishedDataAndConformsToTheDcatApItShapes() {
        String open = Plans.pugliaIn("CONSULTATION");
        String draft = Plans.pugliaIn("DRAFT");
        String gathering = Plans.pugliaIn("SOCIAL_REPORT");
        UUID listed = UUID.randomUUID();
        UUID ofDraft = UUID.randomUUID();
        try (EventPublisher publisher = new EventPublisher()) {
            // Same key, so the same partition: once the listed survey is read, the draft plan's one has been too.
            published(publisher, ofDraft, draft, "Questionario di un piano in bozza", listed);
            published(publisher, listed, open, "Questionario sugli anziani", listed);
        }
        await("the published survey projected").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> catalogue("puglia").contains(listed.toString()));

        String catalogue = catalogue("puglia");
        assertThat(DcatShapes.violations(catalogue)).isEmpty();
        assertThat(catalogue).contains("/api/plans/" + open + "/synthesis/report?format=csv",
                "/api/plans/" + open + "/synthesis/report?format=json", "/api/surveys/" + listed + "/results.csv",
                "r_puglia:sintesi-" + open, "https://creativecommons.org/licenses/by/4.0/");
        // A draft plan, a plan still gathering social reports, and a survey of a draft plan are not open data.
        assertThat(catalogue).doesNotContain(draft, gathering, ofDraft.toString(), "Questionario di un piano in bozza");
        // Another region's catalogue names none of Puglia's data.
        String abruzzo = catalogue("abruzzo");
        assertThat(DcatShapes.violations(abruzzo)).isEmpty();
        assertThat(abruzzo).doesNotContain(open, listed.toString()).contains("r_abruzz", "Regione Abruzzo");
    }

    @Test
    void theCatalogueIsPublicAndTheSameForEveryCallerAndAnUnknownRegionIs404() {
        Plans.pugliaIn("CONSULTATION");
        String anonymous = catalogue("puglia");
        String staff = given().auth().oauth2(Tokens.of("regione")).get("/api/open-data/catalog/puglia").then()
                .statusCode(200).extract().asString();
        // Nothing but the day the catalogue was built may differ, and that is the same day.
        assertThat(staff).isEqualTo(anonymous);
        given().get("/api/open-data/catalog/lombardia").then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("Regione non trovata"));
        given().get("/api/open-data/catalog/..%2Fplans").then().statusCode(404);
    }
}
