package org.coprogram.meeting.meeting;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.PlanFixture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The districts a meeting is placed in, and that its district's operators organise it in, are those of the plan's
 * territory version (docs/territories.md): the shipped composition until synthesis-service announces another.
 */
@Tag("service")
@QuarkusTest
class MeetingTerritoryTest {

    static final String MODUGNO = "072027";

    @Test
    void districtsFollowThePlansTerritoryVersionAndItsMoves() {
        try (EventPublisher publisher = new EventPublisher()) {
            UUID plan = Meetings.plan(publisher);
            // Version 1: Modugno is in BA-08, so Bari's operators do not organise there.
            Meetings.schedule("ambito", plan, Meetings.body(30, MODUGNO, null)).statusCode(403);
            String byRegion = Meetings.schedule("regione", plan, Meetings.body(30, MODUGNO, null)).statusCode(201)
                    .body("district", equalTo("BA-08")).extract().path("id");

            publisher.publish(PlanFixture.TOPIC, PlanFixture.territoryEvent(plan, "puglia", 5,
                    Map.of("BA-BARI", List.of(Meetings.BARI, MODUGNO))));
            await("the plan's meetings placed by version 5").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).until(() -> "BA-BARI"
                            .equals(given().get("/api/meetings/" + byRegion).then().extract().path("district")));
            Meetings.schedule("ambito", plan, Meetings.body(30, MODUGNO, null)).statusCode(201)
                    .body("district", equalTo("BA-BARI"));
            Meetings.schedule("regione", plan, Meetings.body(30, MODUGNO, "BA-08")).statusCode(422);
        }
    }
}
