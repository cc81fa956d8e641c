package org.coprogram.meeting.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.coprogram.common.outbox.OutboxRepository;
import org.coprogram.common.retention.EventRetention;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.MovableClock;
import org.coprogram.testing.PlanFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@Tag("service")
@QuarkusTest
@QuarkusTestResource(PoisonProbeTopic.class)
class EventRetentionTest {

    private static final EventPublisher PUBLISHER = new EventPublisher();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    DataSource database;

    @Inject
    EventRetention retention;

    @AfterEach
    void resetClock() {
        MovableClock.INSTANCE.reset();
    }

    @AfterAll
    static void close() {
        PUBLISHER.close();
    }

    @Test
    void publishedOutboxRowsArePrunedPastTheirHorizonAndUnpublishedOnesNever() throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection relayHeldOff = database.getConnection()) {
            lock(relayHeldOff);
            UUID published = outboxRow(now.minusHours(1), now.minusHours(1));
            UUID unpublished = outboxRow(now.minusDays(60), null);
            try {
                retention.pruneOnce().await().atMost(PATIENCE);
                assertThat(outboxRows(published, unpublished)).as("within 7 days").isEqualTo(2);

                MovableClock.INSTANCE.advance(Duration.ofDays(7));
                retention.pruneOnce().await().atMost(PATIENCE);
                assertThat(outboxRows(published)).as("published 7 days and an hour ago").isZero();
                assertThat(outboxRows(unpublished)).as("never published").isEqualTo(1);
            } finally {
                Jdbc.update(database, "DELETE FROM outbox_event WHERE id = ?", unpublished);
                unlock(relayHeldOff);
            }
        }
    }

    @Test
    void processedIdsArePrunedPastTheInboxHorizonAndWithinItStillDedupe() {
        UUID plan = UUID.randomUUID();
        PUBLISHER.publish(PlanFixture.TOPIC, PlanFixture.planEvent(UUID.randomUUID(), PlanFixture.CREATED, plan,
                "lombardia", "CONSULTATION"));
        await().atMost(PATIENCE)
                .until(() -> Jdbc.count(database, "SELECT count(*) FROM plan_view WHERE id = ?", plan) == 1);
        String key = UUID.randomUUID().toString();
        UUID event = UUID.randomUUID();
        publishProbe(event, key, plan);
        await().atMost(PATIENCE).until(() -> applied(event) == 1);

        MovableClock.INSTANCE.advance(Duration.ofDays(29));
        retention.pruneOnce().await().atMost(PATIENCE);
        assertThat(processed(event)).as("29 days old, within the 30-day horizon").isEqualTo(1);
        UUID sentinel = UUID.randomUUID();
        publishProbe(event, key, plan);
        publishProbe(sentinel, key, plan);
        await().atMost(PATIENCE).until(() -> applied(sentinel) == 1);
        assertThat(applied(event)).as("a redelivery within the horizon is still recognised").isEqualTo(1);

        MovableClock.INSTANCE.advance(Duration.ofDays(2));
        retention.pruneOnce().await().atMost(PATIENCE);
        assertThat(processed(event)).as("31 days old").isZero();
    }

    private UUID outboxRow(OffsetDateTime occurredAt, OffsetDateTime publishedAt) {
        UUID id = UUID.randomUUID();
        Jdbc.update(database, "INSERT INTO outbox_event (id, topic, type, subject, payload, occurred_at, published_at)"
                + " VALUES (?, 'coprogram-test.retention', 'org.coprogram.test.retention.v1', ?, '{}', ?, ?)", id,
                id.toString(), occurredAt, publishedAt);
        return id;
    }

    private long outboxRows(UUID... ids) {
        long rows = 0;
        for (UUID id : ids) {
            rows += Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE id = ?", id);
        }
        return rows;
    }

    private long processed(UUID event) {
        return Jdbc.count(database, "SELECT count(*) FROM processed_event WHERE event_id = ?", event);
    }

    private long applied(UUID event) {
        return Jdbc.count(database, "SELECT count(*) FROM audit_entry WHERE target_type = ? AND target_id = ?",
                PoisonProbe.AUDIT_TYPE, event.toString());
    }

    private static void publishProbe(UUID id, String key, UUID plan) {
        PUBLISHER.publish(PoisonProbe.TOPIC, EventPublisher.event(id, "/meeting-service-test", PoisonProbe.TYPE, key,
                plan.toString(), PoisonProbe.data(plan)));
    }

    private static void lock(Connection connection) throws SQLException {
        advisory(connection, "SELECT pg_advisory_lock(?)");
    }

    /** A session lock outlives close(): the pool keeps the connection. */
    private static void unlock(Connection connection) throws SQLException {
        advisory(connection, "SELECT pg_advisory_unlock(?)");
    }

    private static void advisory(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, OutboxRepository.RELAY_LOCK);
            statement.execute();
        }
    }
}
