package org.coprogram.proposal.proposal;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.UUID;

import org.coprogram.testing.EventPublisher;

import io.cloudevents.CloudEvent;

/** Plans as synthesis-service would publish them on coprogram.plans. */
final class PlanFixture {

    static final String TOPIC = "coprogram.plans";
    static final String CREATED = "org.coprogram.plan.created.v1";
    static final String PHASE_CHANGED = "org.coprogram.plan.phase-changed.v1";

    private PlanFixture() {
    }

    static CloudEvent planEvent(UUID eventId, String type, UUID planId, String region, String phase) {
        String data = """
                {"planId":"%s","region":"%s","title":"Piano di prova","periodStart":"2026-01-01",
                 "periodEnd":"2028-12-31","phase":"%s","previousPhase":null,
                 "themes":[{"code":"poverta","label":"Povertà e inclusione"},{"code":"anziani","label":"Anziani"}],
                 "leps":[]}""".formatted(planId, region, phase);
        return EventPublisher.event(eventId, "/synthesis-service", type, planId.toString(), planId.toString(), data);
    }

    /** Publishes a plan in {@code phase} and waits until this service has applied it. */
    static UUID plan(EventPublisher publisher, String region, String phase) {
        UUID planId = UUID.randomUUID();
        publisher.publish(TOPIC, planEvent(UUID.randomUUID(), CREATED, planId, region, "DRAFT"));
        awaitKnown(planId);
        if (!phase.equals("DRAFT")) {
            publisher.publish(TOPIC, planEvent(UUID.randomUUID(), PHASE_CHANGED, planId, region, phase));
        }
        return planId;
    }

    static void awaitKnown(UUID planId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (given().get("/api/plans/" + planId + "/proposals").statusCode() == 404) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Plan " + planId + " never reached proposal-service");
            }
            sleep();
        }
    }

    static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
