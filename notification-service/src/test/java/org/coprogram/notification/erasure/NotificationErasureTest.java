package org.coprogram.notification.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.coprogram.common.personal.ErasureEvents;
import org.coprogram.contracts.Topics;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Jdbc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * notification-service forgets a person on an erasure request (docs/privacy.md, "Cancellazione (art. 17)"): their
 * follows, notifications, preference and mail outbox rows go, in one transaction with the completion it writes (which
 * names no account); another person's rows stay; a replayed request changes nothing twice.
 */
@Tag("service")
@QuarkusTest
class NotificationErasureTest {

    private static final EventPublisher EVENTS = new EventPublisher();
    private static final List<String> TABLES = List.of("follow", "notification", "notification_preference",
            "mail_outbox");

    @Inject
    AgroalDataSource database;

    @AfterAll
    static void close() {
        EVENTS.close();
    }

    @Test
    void anErasureRequestDeletesEveryRowOfThePersonOnlyAndIsAnsweredOnce() {
        String erased = "account-" + UUID.randomUUID();
        String other = "account-" + UUID.randomUUID();
        personWithEverything(erased);
        personWithEverything(other);
        UUID erasureId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();

        EVENTS.publish(Topics.ERASURE, request(eventId, erasureId, erased));
        awaitCompletions(erasureId, 1);

        for (String table : TABLES) {
            assertThat(rows(table, erased)).as(table).isZero();
            assertThat(rows(table, other)).as(table).isGreaterThan(0);
        }
        assertThat(Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE payload LIKE ?", "%" + erased + "%"))
                .isZero();
        assertThat(Jdbc.text(database, "SELECT payload FROM outbox_event WHERE type = ? AND subject = ?",
                ErasureEvents.COMPLETED, erasureId.toString())).contains("notification-service");

        // The same event again, then a probe on the same key: once the probe is answered, the replay was read too.
        personWithEverything(erased);
        EVENTS.publish(Topics.ERASURE, request(eventId, erasureId, erased));
        UUID probe = UUID.randomUUID();
        EVENTS.publish(Topics.ERASURE, EventPublisher.event(UUID.randomUUID(), "/proposal-service",
                ErasureEvents.REQUESTED, erasureId.toString(), "", data(probe, "nessuno-" + probe)));
        awaitCompletions(probe, 1);

        assertThat(completions(erasureId)).isEqualTo(1);
        assertThat(rows("follow", erased)).as("rows written after the erasure, untouched by its replay")
                .isGreaterThan(0);
    }

    @Test
    void aPersonalEventMadeBeforeTheErasureBringsNothingBackWhileTheSameLoginsLaterOnesApply() {
        String erased = "account-" + UUID.randomUUID();
        UUID erasureId = UUID.randomUUID();
        OffsetDateTime beforeErasure = OffsetDateTime.now().minusSeconds(2);
        EVENTS.publish(Topics.ERASURE, request(UUID.randomUUID(), erasureId, erased));
        awaitCompletions(erasureId, 1);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM erased_account WHERE account_key LIKE ?",
                "%" + erased + "%")).as("the tombstone names no account").isZero();

        // In flight: made before the erasure, read after it. Then the person follows something again.
        String inFlight = UUID.randomUUID().toString();
        String later = UUID.randomUUID().toString();
        EVENTS.publish(Topics.PERSONAL, followStarted(erased, inFlight, beforeErasure));
        EVENTS.publish(Topics.PERSONAL, notificationRequested(erased, beforeErasure));
        EVENTS.publish(Topics.PERSONAL, followStarted(erased, later, OffsetDateTime.now().plusSeconds(1)));
        await().atMost(Duration.ofSeconds(60)).until(() -> Jdbc.count(database,
                "SELECT count(*) FROM follow WHERE account_id = ? AND target_id = ?", erased, later) == 1);

        assertThat(Jdbc.count(database, "SELECT count(*) FROM follow WHERE account_id = ? AND target_id = ?", erased,
                inFlight)).as("the follow of an event made before the erasure").isZero();
        assertThat(rows("notification", erased)).as("the notification of an event made before the erasure").isZero();
    }

    private static io.cloudevents.CloudEvent followStarted(String account, String planId, OffsetDateTime at) {
        return io.cloudevents.core.builder.CloudEventBuilder.v1(EventPublisher.event(UUID.randomUUID(),
                "/proposal-service", org.coprogram.contracts.EventTypes.PERSON_FOLLOW_STARTED, account, planId, """
                        {"accountId":"%s","targetType":"PLAN","targetId":"%s","reason":"MANUAL"}"""
                        .formatted(account, planId)))
                .withTime(at).build();
    }

    private static io.cloudevents.CloudEvent notificationRequested(String account, OffsetDateTime at) {
        return io.cloudevents.core.builder.CloudEventBuilder.v1(EventPublisher.event(UUID.randomUUID(),
                "/meeting-service", org.coprogram.contracts.EventTypes.PERSON_NOTIFICATION_REQUESTED, account,
                UUID.randomUUID().toString(), """
                        {"notificationKey":"%s","accountId":"%s","kind":"REGISTRATION_CONFIRMED",
                         "subject":{"type":"MEETING","id":"m-1","title":"Un incontro","url":"/piani/p/incontri"},
                         "planId":"p","region":"puglia","data":{"code":"AB12CD"},"attachments":[],
                         "occurredAt":"2026-12-06T10:00:00Z"}""".formatted(UUID.randomUUID(), account)))
                .withTime(at).build();
    }

    private void awaitCompletions(UUID erasureId, long expected) {
        await().atMost(Duration.ofSeconds(60)).until(() -> completions(erasureId) == expected);
    }

    private long completions(UUID erasureId) {
        return Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE type = ? AND subject = ?",
                ErasureEvents.COMPLETED, erasureId.toString());
    }

    private long rows(String table, String account) {
        return Jdbc.count(database, "SELECT count(*) FROM " + table + " WHERE account_id = ?", account);
    }

    private void personWithEverything(String account) {
        UUID notification = UUID.randomUUID();
        Jdbc.update(database, """
                INSERT INTO follow (account_id, target_type, target_id, reason, created_at)
                VALUES (?, 'PLAN', ?, 'MANUAL', now())""", account, UUID.randomUUID().toString());
        Jdbc.update(database, """
                INSERT INTO notification_preference (account_id, mode, updated_at) VALUES (?, 'IMMEDIATE', now())
                ON CONFLICT (account_id) DO NOTHING""", account);
        Jdbc.update(database, """
                INSERT INTO notification (id, notification_key, account_id, kind, subject_type, subject_id, title,
                                          delivery, created_at)
                VALUES (?, ?, ?, 'PROPOSAL_ANSWERED', 'PROPOSAL', ?, 'Una proposta', 'EMAIL', now())""",
                notification, "key-" + notification, account, UUID.randomUUID().toString());
        Jdbc.update(database, """
                INSERT INTO mail_outbox (id, dedupe_key, account_id, channel, notification_id, status,
                                         next_attempt_at, created_at, sent_at)
                VALUES (?, ?, ?, 'EMAIL', ?, 'SENT', now(), now(), now())""", UUID.randomUUID(),
                "mail-" + notification, account, notification);
    }

    private static io.cloudevents.CloudEvent request(UUID eventId, UUID erasureId, String account) {
        return EventPublisher.event(eventId, "/proposal-service", ErasureEvents.REQUESTED, erasureId.toString(), "",
                data(erasureId, account));
    }

    private static String data(UUID erasureId, String account) {
        return """
                {"erasureId":"%s","accountId":"%s","contributions":"PSEUDONYMOUS","requestedAt":"%s"}"""
                .formatted(erasureId, account, OffsetDateTime.now());
    }
}
