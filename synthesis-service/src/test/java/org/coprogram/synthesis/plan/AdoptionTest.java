package org.coprogram.synthesis.plan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coprogram.testing.MovableClock;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@Tag("service")
@QuarkusTest
class AdoptionTest {

    @Test
    void adoptionMovesThePlanThroughAdoptionToMonitoringWithEvents() {
        String plan = Plans.pugliaIn("SYNTHESIS");
        try (TopicReader topic = TopicReader.fromNow(PlanEvents.TOPIC)) {
            Plans.adopt("regione", plan, Plans.DGR).statusCode(200).body("phase", equalTo("MONITORING"))
                    .body("adoption.resolutionNumber", equalTo("DGR 1234/2026"))
                    .body("adoption.resolutionDate", equalTo("2026-03-10"));
            // The plan's creation and move to SYNTHESIS may be relayed after the reader opened; they are not under test.
            List<ConsumerRecord<String, String>> events = topic.await(r -> plan.equals(r.key())
                    && (PlanEvents.ADOPTED.equals(TopicReader.header(r, "ce_type"))
                            || r.value().contains("\"phase\":\"ADOPTION\"")
                            || r.value().contains("\"phase\":\"MONITORING\"")),
                    3,
                    Duration.ofSeconds(15), Duration.ofSeconds(1));
            assertThat(events).extracting(r -> TopicReader.header(r, "ce_type")).containsExactly(
                    PlanEvents.PHASE_CHANGED, PlanEvents.ADOPTED, PlanEvents.PHASE_CHANGED);
            assertThat(events.get(0).value()).contains("\"phase\":\"ADOPTION\"");
            assertThat(events.get(2).value()).contains("\"phase\":\"MONITORING\"", "\"previousPhase\":\"ADOPTION\"");
        }
        Plans.adopt("regione", plan, Plans.DGR).statusCode(409);
        given().get("/api/plans/" + plan).then().body("phase", equalTo("MONITORING"))
                .body("adoption.documentUrl", equalTo("https://example.org/dgr-1234.pdf"));
    }

    @Test
    void adoptionIsRefusedOutOfPhaseOrRoleOrWithBadData() {
        Plans.adopt("regione", Plans.pugliaIn("CONSULTATION"), Plans.DGR).statusCode(409)
                .contentType("application/problem+json");
        String plan = Plans.pugliaIn("SYNTHESIS");
        Plans.adopt("cittadino", plan, Plans.DGR).statusCode(403);
        Plans.adopt("regione-abruzzo", plan, Plans.DGR).statusCode(403);
        Plans.adopt("regione", plan, Plans.DGR.replace("2026-03-10", LocalDate.now().plusDays(3).toString()))
                .statusCode(422)
                .body("violations[0].field", equalTo("resolutionDate"));
        Plans.adopt("regione", plan, "{\"resolutionDate\":\"2026-03-10\"}").statusCode(400)
                .body("violations[0].field", equalTo("resolutionNumber"));
        given().get("/api/plans/" + plan).then().body("phase", equalTo("SYNTHESIS")).body("adoption", equalTo(null));
    }

    @Test
    void anAdoptionDatedAfterTodayIsRefusedUntilTheServiceClockReachesThatDate() {
        String plan = Plans.pugliaIn("SYNTHESIS");
        LocalDate inThreeDays = LocalDate.ofInstant(MovableClock.INSTANCE.instant(), ZoneId.of("Europe/Rome"))
                .plusDays(3);
        String dated = Plans.DGR.replace("2026-03-10", inThreeDays.toString());
        Plans.adopt("regione", plan, dated).statusCode(422).body("violations[0].field", equalTo("resolutionDate"))
                .body("violations[0].message", equalTo("la data della delibera non può essere futura"));

        MovableClock.INSTANCE.advance(Duration.ofDays(4));

        Plans.adopt("regione", plan, dated).statusCode(200).body("phase", equalTo("MONITORING"))
                .body("adoption.resolutionDate", equalTo(inThreeDays.toString()));
    }

    @AfterEach
    void resetClock() {
        MovableClock.INSTANCE.reset();
    }

    @Test
    void timelineIsStoredWithPlannedDates() {
        String body = Plans.PUGLIA.replace("\"leps\":[]", "\"leps\":[],\"timeline\":[{\"phase\":\"SOCIAL_REPORT\","
                + "\"plannedStart\":\"2026-01-15\",\"plannedEnd\":\"2026-03-31\"},{\"phase\":\"CONSULTATION\","
                + "\"plannedStart\":\"2026-04-01\",\"plannedEnd\":\"2026-06-30\"}]");
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON).body(body).post("/api/plans")
                .then().statusCode(201).body("timeline[1].phase", equalTo("CONSULTATION"))
                .body("timeline[1].plannedEnd", equalTo("2026-06-30"));
        given().auth().oauth2(Tokens.of("regione")).contentType(ContentType.JSON)
                .body(body.replace("2026-03-31", "2026-01-01")).post("/api/plans")
                .then().statusCode(422).body("violations[0].field", equalTo("timeline[0].plannedEnd"));
    }
}
