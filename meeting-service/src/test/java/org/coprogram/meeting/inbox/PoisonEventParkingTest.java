package org.coprogram.meeting.inbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.coprogram.common.inbox.ParkedEvents;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.PlanFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@Tag("service")
@QuarkusTest
@QuarkusTestResource(PoisonProbeTopic.class)
class PoisonEventParkingTest {

    private static final EventPublisher PUBLISHER = new EventPublisher();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    DataSource database;

    @Inject
    MeterRegistry registry;

    @Inject
    ParkedEvents parkedEvents;

    @AfterAll
    static void close() {
        PUBLISHER.close();
    }

    @Test
    void aPoisonEventIsParkedTheEventsAfterItApplyAndAReplayAfterTheFixAppliesItOnce() {
        UUID unknownPlan = UUID.randomUUID();
        UUID knownPlan = plan();
        String key = UUID.randomUUID().toString();
        UUID poison = UUID.randomUUID();
        UUID next = UUID.randomUUID();
        double parkedBefore = parkedCount();

        publishProbe(poison, key, unknownPlan);
        publishProbe(next, key, knownPlan);

        await().atMost(PATIENCE).until(() -> applied(next) == 1);
        assertThat(Jdbc.count(database, "SELECT attempts FROM parked_event WHERE event_id = ?", poison))
                .as("parked after max-attempts (3 in tests) deterministic failures").isEqualTo(3);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM parked_event WHERE event_id = ? AND topic = ?"
                + " AND kafka_offset >= 0 AND error_class = ? AND error_message LIKE ? AND replayed_at IS NULL",
                poison, PoisonProbe.TOPIC, IllegalStateException.class.getName(), "%" + unknownPlan + "%"))
                .isEqualTo(1);
        assertThat(applied(poison)).isZero();
        assertThat(parkedCount()).isEqualTo(parkedBefore + 1);
        given().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'parked-events' }.status", org.hamcrest.Matchers.is("DOWN"))
                .body("checks.name", hasItem("parked-events"));
        given().get("/q/health/ready").then().body("checks.name", org.hamcrest.Matchers.not(hasItem("parked-events")));

        long parkedId = Jdbc.count(database, "SELECT id FROM parked_event WHERE event_id = ?", poison);
        requestReplay(parkedId);
        await().atMost(PATIENCE).until(() -> replayError(parkedId) > 0);
        assertThat(applied(poison)).as("a replay before the fix fails again and applies nothing").isZero();

        publishPlan(unknownPlan);
        requestReplay(parkedId);
        await().atMost(PATIENCE).until(() -> replayed(parkedId));
        assertThat(applied(poison)).isEqualTo(1);

        // A second request on a replayed row is refused by the row itself; forcing one through (replayed_at cleared)
        // still applies nothing, since the inbox has the event's id.
        assertThat(requestReplay(parkedId)).isZero();
        assertThat(parkedEvents.replay(parkedId).await().atMost(PATIENCE)).isEqualTo(ParkedEvents.Replay.NOT_PARKED);
        Jdbc.update(database, "UPDATE parked_event SET replayed_at = NULL, replay_requested_at = now() WHERE id = ?",
                parkedId);
        await().atMost(PATIENCE).until(() -> replayed(parkedId));
        assertThat(applied(poison)).isEqualTo(1);
    }

    @Test
    void aPoisonEventInABatchIsParkedAndTheRestOfTheBatchApplies() {
        UUID unknownPlan = UUID.randomUUID();
        UUID knownPlan = plan();
        String key = UUID.randomUUID().toString();
        UUID before = UUID.randomUUID();
        UUID poison = UUID.randomUUID();
        UUID after = UUID.randomUUID();

        PUBLISHER.publishAll(PoisonProbe.BATCH_TOPIC, java.util.List.of(probe(before, key, knownPlan),
                probe(poison, key, unknownPlan), probe(after, key, knownPlan)));

        await().atMost(PATIENCE).until(() -> applied(after) == 1);
        assertThat(applied(before)).isEqualTo(1);
        assertThat(applied(poison)).isZero();
        assertThat(Jdbc.count(database, "SELECT count(*) FROM parked_event WHERE event_id = ? AND channel = ?"
                + " AND attempts = 3", poison, PoisonProbe.BATCH_CHANNEL)).isEqualTo(1);
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() {
        UUID plan = plan();
        String key = UUID.randomUUID().toString();
        UUID event = UUID.randomUUID();
        UUID sentinel = UUID.randomUUID();

        publishProbe(event, key, plan);
        publishProbe(event, key, plan);
        publishProbe(sentinel, key, plan);

        await().atMost(PATIENCE).until(() -> applied(sentinel) == 1);
        assertThat(applied(event)).isEqualTo(1);
    }

    private UUID plan() {
        UUID plan = UUID.randomUUID();
        publishPlan(plan);
        return plan;
    }

    private void publishPlan(UUID plan) {
        PUBLISHER.publish(PlanFixture.TOPIC, PlanFixture.planEvent(UUID.randomUUID(), PlanFixture.CREATED, plan,
                "lombardia", "CONSULTATION"));
        await().atMost(PATIENCE)
                .until(() -> Jdbc.count(database, "SELECT count(*) FROM plan_view WHERE id = ?", plan) == 1);
    }

    private static void publishProbe(UUID id, String key, UUID plan) {
        PUBLISHER.publish(PoisonProbe.TOPIC, probe(id, key, plan));
    }

    private static io.cloudevents.CloudEvent probe(UUID id, String key, UUID plan) {
        return EventPublisher.event(id, "/meeting-service-test", PoisonProbe.TYPE, key, plan.toString(),
                PoisonProbe.data(plan));
    }

    /** What scripts/parked-events replay does. */
    private int requestReplay(long id) {
        return Jdbc.update(database, "UPDATE parked_event SET replay_requested_at = now() WHERE id = ?"
                + " AND replayed_at IS NULL", id);
    }

    private boolean replayed(long id) {
        return Jdbc.count(database, "SELECT count(*) FROM parked_event WHERE id = ? AND replayed_at IS NOT NULL",
                id) == 1;
    }

    private long replayError(long id) {
        return Jdbc.count(database, "SELECT count(*) FROM parked_event WHERE id = ? AND replay_error IS NOT NULL"
                + " AND replay_requested_at IS NULL", id);
    }

    private long applied(UUID event) {
        return Jdbc.count(database, "SELECT count(*) FROM audit_entry WHERE target_type = ? AND target_id = ?",
                PoisonProbe.AUDIT_TYPE, event.toString());
    }

    private double parkedCount() {
        Counter counter = registry.find("coprogram.inbox.parked").tags("consumer", "meeting-service", "type",
                PoisonProbe.TYPE).counter();
        return counter == null ? 0 : counter.count();
    }
}
