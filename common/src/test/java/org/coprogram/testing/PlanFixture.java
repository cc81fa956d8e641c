package org.coprogram.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.Topics;

import io.cloudevents.CloudEvent;

/**
 * Plans as synthesis-service would publish them on coprogram.plans, for the tests of services that keep a plan view.
 * {@code probe} is a public path of the service under test, with %s for the plan id, that answers 404 until the
 * service knows the plan.
 */
public final class PlanFixture {

    public static final String TOPIC = Topics.PLANS;
    public static final String CREATED = EventTypes.PLAN_CREATED;
    public static final String PHASE_CHANGED = EventTypes.PLAN_PHASE_CHANGED;
    public static final String TERRITORY_CHANGED = EventTypes.PLAN_TERRITORY_CHANGED;

    private PlanFixture() {
    }

    public static CloudEvent planEvent(UUID eventId, String type, UUID planId, String region, String phase) {
        String data = """
                {"planId":"%s","region":"%s","title":"Piano di prova","periodStart":"2026-01-01",
                 "periodEnd":"2028-12-31","phase":"%s","previousPhase":null,
                 "themes":[{"code":"poverta","label":"Povertà e inclusione"},{"code":"anziani","label":"Anziani"}],
                 "leps":[]}""".formatted(planId, region, phase);
        return EventPublisher.event(eventId, "/synthesis-service", type, planId.toString(), planId.toString(), data);
    }

    /**
     * The plan now uses territory {@code version}, whose districts are {@code districts} (code → ISTAT codes; each
     * district named after its code), as synthesis-service announces a move.
     */
    public static CloudEvent territoryEvent(UUID planId, String region, int version,
            Map<String, List<String>> districts) {
        String list = districts
                .entrySet().stream().map(d -> "{\"code\":\"%s\",\"name\":\"Ambito %s\",\"municipalities\":[%s]}"
                        .formatted(d.getKey(), d.getKey(), d.getValue().stream().map(m -> "\"" + m + "\"")
                                .collect(Collectors.joining(","))))
                .collect(Collectors.joining(","));
        String data = """
                {"planId":"%s","region":"%s","territoryVersion":%d,"previousTerritoryVersion":null,
                 "effectiveFrom":"2026-01-01","note":"Composizione di prova","populationSource":"ISTAT, censimento 2011",
                 "districts":[%s],"unplacedMunicipalities":0,"changedAt":"2026-06-01T10:00:00Z"}"""
                .formatted(planId, region, version, list);
        return EventPublisher.event(UUID.randomUUID(), "/synthesis-service", TERRITORY_CHANGED, planId.toString(),
                planId.toString(), data);
    }

    /** Publishes a plan in {@code phase} and waits until the service has applied its creation. */
    public static UUID plan(EventPublisher publisher, String region, String phase, String probe) {
        UUID planId = UUID.randomUUID();
        publisher.publish(TOPIC, planEvent(UUID.randomUUID(), CREATED, planId, region, "DRAFT"));
        awaitKnown(planId, probe);
        if (!phase.equals("DRAFT")) {
            publisher.publish(TOPIC, planEvent(UUID.randomUUID(), PHASE_CHANGED, planId, region, phase));
        }
        return planId;
    }

    public static void awaitKnown(UUID planId, String probe) {
        await("plan " + planId + " known to the service").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> given().get(probe.formatted(planId)).statusCode() != 404);
    }
}
