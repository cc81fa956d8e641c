package org.coprogram.notification.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.Topics;
import org.coprogram.notification.Accounts;
import org.coprogram.notification.digest.DigestJob;
import org.coprogram.notification.mail.Smtp;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The notification service over real Kafka, PostgreSQL, Keycloak (for the addresses) and a real SMTP server: each
 * notification is one e-mail to the right person, with RFC 8058 unsubscribe headers; duplicates and replays send
 * nothing twice; a relay that is down loses nothing; preferences and one-click unsubscribe; nobody sees another
 * person's notifications. Each test has its own marker in the titles, so mail of another test never counts.
 */
@Tag("service")
@QuarkusTest
@QuarkusTestResource(value = Smtp.class, restrictToAnnotatedClass = true)
class NotificationsTest {

    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final EventPublisher EVENTS = new EventPublisher();

    @Inject
    AgroalDataSource database;

    @Inject
    DigestJob digests;

    @AfterAll
    static void close() {
        EVENTS.close();
    }

    @Test
    void aRequestedNotificationIsOneMailWithUnsubscribeHeadersAndItsAttachment() throws Exception {
        prefer("cittadino", "IMMEDIATE");
        String marker = marker();
        requestNotification(UUID.randomUUID(), "cittadino", "key-" + marker, marker, true);

        List<MimeMessage> mails = awaitMails("cittadino", marker, 1);
        MimeMessage mail = mails.get(0);
        assertThat(mail.getSubject()).startsWith("Iscrizione confermata: ");
        String unsubscribe = mail.getHeader("List-Unsubscribe", null);
        assertThat(unsubscribe).startsWith("<http://").contains("/api/notifications/unsubscribe?token=");
        assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        String parts = describe(mail);
        assertThat(parts).contains("multipart/alternative").contains("text/plain").contains("text/html")
                .contains("incontro.ics");
    }

    @Test
    void aReplayedEventOrASecondEventWithTheSameKeySendsNothingTwice() {
        prefer("cittadino", "IMMEDIATE");
        String marker = marker();
        UUID eventId = UUID.randomUUID();
        requestNotification(eventId, "cittadino", "key-" + marker, marker, false);
        awaitMails("cittadino", marker, 1);

        requestNotification(eventId, "cittadino", "key-" + marker, marker, false);
        requestNotification(UUID.randomUUID(), "cittadino", "key-" + marker, marker, false);

        await().during(QUIET).atMost(QUIET.plusSeconds(5))
                .until(() -> Smtp.to(Accounts.email("cittadino"), marker).size() == 1);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM notification WHERE notification_key = ?",
                "key-" + marker)).isEqualTo(1);
    }

    @Test
    void aFollowerIsToldOfThePlansNewPhaseAndAnUnfollowerIsNot() {
        prefer("ets", "IMMEDIATE");
        prefer("ambito", "IMMEDIATE");
        String marker = marker();
        String planId = UUID.randomUUID().toString();
        given().auth().oauth2(Accounts.token("ets")).put("/api/me/follows/plan/" + planId).then().statusCode(204);
        given().auth().oauth2(Accounts.token("ets")).put("/api/me/follows/plan/" + planId).then().statusCode(204);
        given().auth().oauth2(Accounts.token("ambito")).put("/api/me/follows/plan/" + planId).then().statusCode(204);
        given().auth().oauth2(Accounts.token("ambito")).delete("/api/me/follows/plan/" + planId).then()
                .statusCode(204);
        given().auth().oauth2(Accounts.token("ets")).get("/api/me/follows").then().statusCode(200)
                .body("targetId", hasItem(planId));
        given().auth().oauth2(Accounts.token("ambito")).get("/api/me/follows").then().statusCode(200)
                .body("targetId", not(hasItem(planId)));

        EVENTS.publish(Topics.PLANS, EventPublisher.event(UUID.randomUUID(), "/plans", EventTypes.PLAN_PHASE_CHANGED,
                planId, planId,
                """
                        {"planId":"%s","region":"PUGLIA","title":"Piano %s","periodStart":"2027-01-01",
                         "periodEnd":"2029-12-31","phase":"CONSULTATION","previousPhase":"DRAFT","themes":[],"leps":[]}"""
                        .formatted(planId, marker)));

        awaitMails("ets", marker, 1);
        await().during(QUIET).atMost(QUIET.plusSeconds(5))
                .until(() -> Smtp.to(Accounts.email("ambito"), marker).isEmpty()
                        && Smtp.to(Accounts.email("ets"), marker).size() == 1);
    }

    @Test
    void aCommentTellsTheOtherFollowersOnceAndNeverItsAuthorWhoFollowsFromThen() throws Exception {
        prefer("ets", "IMMEDIATE");
        prefer("ambito", "IMMEDIATE");
        prefer("cittadino", "IMMEDIATE");
        String proposalId = UUID.randomUUID().toString();
        given().auth().oauth2(Accounts.token("ets")).put("/api/me/follows/proposal/" + proposalId).then()
                .statusCode(204);
        given().auth().oauth2(Accounts.token("ambito")).put("/api/me/follows/proposal/" + proposalId).then()
                .statusCode(204);
        UUID eventId = UUID.randomUUID();
        commentPosted(eventId, "ambito", proposalId);
        commentPosted(eventId, "ambito", proposalId);

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsAbout("ets", proposalId).size() == 1);
        MimeMessage mail = mailsAbout("ets", proposalId).get(0);
        assertThat(mail.getSubject()).isEqualTo("Nuovo commento: una proposta che segui");
        await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> mailsAbout("ambito", proposalId).isEmpty()
                && mailsAbout("ets", proposalId).size() == 1);

        // A commenter who did not follow the proposal follows it from the comment on, and hears of the next one.
        commentPosted(UUID.randomUUID(), "cittadino", proposalId);
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsAbout("ets", proposalId).size() == 2
                && mailsAbout("ambito", proposalId).size() == 1);
        given().auth().oauth2(Accounts.token("cittadino")).get("/api/me/follows").then().statusCode(200)
                .body("targetId", hasItem(proposalId));
        commentPosted(UUID.randomUUID(), "ets", proposalId);
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsAbout("cittadino", proposalId).size() == 1
                && mailsAbout("ambito", proposalId).size() == 2);
        assertThat(mailsAbout("ets", proposalId)).hasSize(2);
    }

    @Test
    void withTheRelayDownNothingIsLostAndTheMailArrivesWhenItReturns() {
        prefer("regione", "IMMEDIATE");
        String marker = marker();
        Smtp.down();
        try {
            requestNotification(UUID.randomUUID(), "regione", "key-" + marker, marker, false);
            await().atMost(Duration.ofSeconds(30)).until(() -> Jdbc.count(database,
                    "SELECT count(*) FROM mail_outbox WHERE dedupe_key = ? AND attempts >= 2 AND status = 'PENDING'",
                    "key-" + marker) == 1);
        } finally {
            Smtp.up();
        }
        awaitMails("regione", marker, 1);
        await().during(QUIET).atMost(QUIET.plusSeconds(5))
                .until(() -> Smtp.to(Accounts.email("regione"), marker).size() == 1);
    }

    @Test
    void aDailyDigestPersonGetsOneDigestAndNoImmediateMail() {
        prefer("moderatore", "DAILY_DIGEST");
        String marker = marker();
        requestNotification(UUID.randomUUID(), "moderatore", "key-a-" + marker, marker + " A", false);
        requestNotification(UUID.randomUUID(), "moderatore", "key-b-" + marker, marker + " B", false);
        await().atMost(Duration.ofSeconds(30)).until(() -> Jdbc.count(database,
                "SELECT count(*) FROM notification WHERE notification_key LIKE ? AND delivery = 'DIGEST'",
                "%" + marker) == 2);

        LocalDate day = LocalDate.of(2030, 1, 1).plusDays(Math.floorMod(marker.hashCode(), 10_000));
        digests.run(day).await().atMost(Duration.ofSeconds(30));
        digests.run(day).await().atMost(Duration.ofSeconds(30));

        await().atMost(Duration.ofSeconds(30)).until(() -> digestsTo("moderatore", marker) == 1);
        await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> digestsTo("moderatore", marker) == 1
                && Smtp.to(Accounts.email("moderatore"), marker).isEmpty());
    }

    @Test
    void oneClickUnsubscribeStopsTheMailsAndAForgedTokenIsRefused() throws Exception {
        prefer("ambito-foggia", "IMMEDIATE");
        String marker = marker();
        requestNotification(UUID.randomUUID(), "ambito-foggia", "key-" + marker, marker, false);
        MimeMessage mail = awaitMails("ambito-foggia", marker, 1).get(0);
        String link = mail.getHeader("List-Unsubscribe", null).replaceAll("^<|>$", "");
        String token = link.substring(link.indexOf("token=") + "token=".length());

        // Another account's id under this token's signature: refused, nothing changes.
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                (Accounts.id("cittadino") + "\nemail").getBytes(StandardCharsets.UTF_8))
                + token.substring(
                        token.indexOf('.'));
        given().queryParam("token", forged).post("/api/notifications/unsubscribe").then().statusCode(403)
                .contentType("application/problem+json");
        given().queryParam("token", "garbage").get("/api/notifications/unsubscribe").then().statusCode(403);
        given().auth().oauth2(Accounts.token("cittadino")).get("/api/me/notification-preferences").then()
                .statusCode(200).body("email", equalTo("IMMEDIATE"));

        given().queryParam("token", token).get("/api/notifications/unsubscribe").then().statusCode(200)
                .contentType(ContentType.HTML).body(org.hamcrest.Matchers.containsString("Annulla l'iscrizione"));
        given().auth().oauth2(Accounts.token("ambito-foggia")).get("/api/me/notification-preferences").then()
                .body("email", equalTo("IMMEDIATE"));
        given().queryParam("token", token).contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click")
                .post("/api/notifications/unsubscribe").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("Iscrizione annullata"));
        given().auth().oauth2(Accounts.token("ambito-foggia")).get("/api/me/notification-preferences").then()
                .body("email", equalTo("NONE"));

        requestNotification(UUID.randomUUID(), "ambito-foggia", "key-2-" + marker, marker, false);
        await().atMost(Duration.ofSeconds(30)).until(() -> Jdbc.count(database,
                "SELECT count(*) FROM notification WHERE notification_key = ? AND delivery = 'NONE'",
                "key-2-" + marker) == 1);
        await().during(QUIET).atMost(QUIET.plusSeconds(5))
                .until(() -> Smtp.to(Accounts.email("ambito-foggia"), marker).size() == 1);
    }

    @Test
    void nobodySeesOrReadsAnotherPersonsNotifications() {
        String marker = marker();
        requestNotification(UUID.randomUUID(), "ambito-pescara", "key-" + marker, marker, false);
        await().atMost(Duration.ofSeconds(30)).until(() -> Jdbc.count(database,
                "SELECT count(*) FROM notification WHERE notification_key = ?", "key-" + marker) == 1);
        String id = Jdbc.text(database, "SELECT id::text FROM notification WHERE notification_key = ?",
                "key-" + marker);

        given().auth().oauth2(Accounts.token("ambito-pescara")).get("/api/me/notifications").then().statusCode(200)
                .body("items.id", hasItem(id));
        for (String other : List.of("cittadino", "regione-abruzzo", "moderatore-abruzzo")) {
            given().auth().oauth2(Accounts.token(other)).get("/api/me/notifications?size=100").then()
                    .statusCode(200).body("items.id", not(hasItem(id)));
            given().auth().oauth2(Accounts.token(other)).post("/api/me/notifications/" + id + "/read").then()
                    .statusCode(404);
        }
        given().get("/api/me/notifications").then().statusCode(401);
        given().post("/api/me/notifications/" + id + "/read").then().statusCode(401);
        given().put("/api/me/follows/plan/" + UUID.randomUUID()).then().statusCode(401);
        String partner = Tokens.ofClient("partner-demo", "partner-demo-secret");
        given().auth().oauth2(partner).get("/api/me/notifications").then().statusCode(403);
        given().auth().oauth2(partner).put("/api/me/follows/plan/" + UUID.randomUUID()).then().statusCode(403);
        assertThat(Jdbc.text(database, "SELECT read_at::text FROM notification WHERE id = ?", id)).isNull();

        given().auth().oauth2(Accounts.token("ambito-pescara")).post("/api/me/notifications/" + id + "/read").then()
                .statusCode(200).body("read", equalTo(true));
    }

    private static String marker() {
        return "T" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void prefer(String username, String mode) {
        given().auth().oauth2(Accounts.token(username)).contentType(ContentType.JSON)
                .body("{\"email\":\"" + mode + "\"}").put("/api/me/notification-preferences").then().statusCode(200);
    }

    private static void requestNotification(UUID eventId, String username, String key, String title,
            boolean withIcs) {
        String ics = Base64.getEncoder().encodeToString(
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n".getBytes(StandardCharsets.UTF_8));
        String attachments = withIcs
                ? "[{\"filename\":\"incontro.ics\",\"contentType\":\"text/calendar\",\"base64\":\"" + ics + "\"}]"
                : "[]";
        String account = Accounts.id(username);
        EVENTS.publish(Topics.PERSONAL, EventPublisher.event(eventId, "/meetings",
                EventTypes.PERSON_NOTIFICATION_REQUESTED, account, UUID.randomUUID().toString(), """
                        {"notificationKey":"%s","accountId":"%s","kind":"REGISTRATION_CONFIRMED",
                         "subject":{"type":"MEETING","id":"m-1","title":"%s","url":"/piani/p/incontri"},
                         "planId":"p","region":"PUGLIA","data":{"code":"AB12CD"},"attachments":%s,
                         "occurredAt":"2026-12-06T10:00:00Z"}""".formatted(key, account, title, attachments)));
    }

    private static void commentPosted(UUID eventId, String username, String proposalId) {
        String account = Accounts.id(username);
        EVENTS.publish(Topics.PERSONAL, EventPublisher.event(eventId, "/proposals",
                EventTypes.PERSON_COMMENT_POSTED, account, proposalId, """
                        {"accountId":"%s","commentId":"%s","targetType":"PROPOSAL","targetId":"%s","parentId":null,
                         "planId":"%s","region":"puglia","createdAt":"2026-12-06T10:00:00Z"}"""
                        .formatted(account, UUID.randomUUID(), proposalId, UUID.randomUUID())));
    }

    /** The mails to {@code username} that link to the proposal (comment notices quote nothing, so their link tells). */
    private static List<MimeMessage> mailsAbout(String username, String proposalId) {
        return Smtp.to(Accounts.email(username)).stream().filter(message -> {
            try {
                return message.getContent() instanceof Multipart multipart && text(multipart).contains(proposalId);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static List<MimeMessage> awaitMails(String username, String marker, int count) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Smtp.to(Accounts.email(username), marker).size() >= count);
        return Smtp.to(Accounts.email(username), marker);
    }

    private static long digestsTo(String username, String marker) {
        return Smtp.to(Accounts.email(username)).stream().filter(message -> {
            try {
                return message.getSubject().startsWith("Il riepilogo di Coprogram")
                        && String.valueOf(message.getContent() instanceof Multipart multipart
                                ? text(multipart)
                                : message.getContent()).contains(marker);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }

    private static String text(Multipart multipart) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < multipart.getCount(); i++) {
            Object content = multipart.getBodyPart(i).getContent();
            text.append(content instanceof Multipart inner ? text(inner) : String.valueOf(content));
        }
        return text.toString();
    }

    private static String describe(MimeMessage mail) throws Exception {
        StringBuilder shape = new StringBuilder(mail.getContentType());
        if (mail.getContent() instanceof Multipart multipart) {
            describe(multipart, shape);
        }
        return shape.toString();
    }

    private static void describe(Multipart multipart, StringBuilder shape) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            var part = multipart.getBodyPart(i);
            shape.append(' ').append(part.getContentType()).append(' ').append(part.getFileName());
            if (part.getContent() instanceof Multipart inner) {
                describe(inner, shape);
            }
        }
    }
}
