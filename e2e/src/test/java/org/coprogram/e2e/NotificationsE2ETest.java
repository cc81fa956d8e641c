package org.coprogram.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.Topics;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;

/**
 * Through the gateway, over the real platform and its real SMTP server (GreenMail, read back through its REST API): a
 * person follows a meeting, a personal event asks that they be told (as the meeting service does when a registration
 * is confirmed; produced here directly on the restricted topic), and exactly one e-mail reaches them, even when the
 * event is delivered again; its RFC 8058 link unsubscribes them with one POST and no login, after which they get no
 * more e-mail but still see their notifications.
 */
@Tag("e2e")
class NotificationsE2ETest {

    private static final String MAIL_API = System.getProperty("coprogram.e2e.mail", "http://127.0.0.1:8025");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration QUIET = Duration.ofSeconds(5);
    private static final String PERSON = "moderatore-abruzzo";
    private static final String ADDRESS = PERSON + "@demo.coprogram.invalid";

    @Test
    void aFollowAndAPersonalEventGiveExactlyOneMailWhoseUnsubscribeLinkWorks() throws Exception {
        String token = Tokens.of(PERSON);
        Consultation.expect(Consultation.send("PUT", "/api/me/notification-preferences", "{\"email\":\"IMMEDIATE\"}",
                token), 200);
        String meetingId = UUID.randomUUID().toString();
        Consultation.expect(Consultation.send("PUT", "/api/me/follows/meeting/" + meetingId, null, token), 204);
        assertThat(Consultation.json(Consultation.send("GET", "/api/me/follows", null, token))
                .findValuesAsText("targetId")).contains(meetingId);

        String marker = "Incontro " + UUID.randomUUID().toString().substring(0, 8);
        UUID eventId = UUID.randomUUID();
        String account = accountId(token);
        try (EventPublisher events = new EventPublisher()) {
            events.publish(Topics.PERSONAL, requested(eventId, account, meetingId, marker));
            await().atMost(WAIT).until(() -> mails(marker).size() == 1);
            // The same event again (a replay), and another asking for the same notification: nothing more is sent.
            events.publish(Topics.PERSONAL, requested(eventId, account, meetingId, marker));
            events.publish(Topics.PERSONAL, requested(UUID.randomUUID(), account, meetingId, marker));
            await().during(QUIET).atMost(QUIET.plusSeconds(10)).until(() -> mails(marker).size() == 1);

            String mime = mails(marker).get(0).path("mimeMessage").asText().replaceAll("\r\n[ \t]+", " ");
            assertThat(mime).contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
                    .contains("multipart/alternative").contains("text/plain").contains("text/html");
            Matcher link = Pattern.compile("List-Unsubscribe: <([^>]+)>").matcher(mime);
            assertThat(link.find()).as(mime).isTrue();
            URI unsubscribe = URI.create(link.group(1).replace(" ", ""));
            assertThat(unsubscribe.toString()).startsWith(Platform.GATEWAY + "/api/notifications/unsubscribe?token=");

            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(unsubscribe).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Annulla l'iscrizione");
            HttpResponse<String> done = HTTP.send(HttpRequest.newBuilder(unsubscribe)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
            assertThat(Consultation.json(Consultation.send("GET", "/api/me/notification-preferences", null, token))
                    .path("email").asText()).isEqualTo("NONE");

            String later = marker + " bis";
            events.publish(Topics.PERSONAL, requested(UUID.randomUUID(), account, meetingId, later));
            await().atMost(WAIT).until(() -> titles(token).contains(later));
            await().during(QUIET).atMost(QUIET.plusSeconds(10)).until(() -> mails(later).isEmpty());
        } finally {
            Consultation.send("PUT", "/api/me/notification-preferences", "{\"email\":\"IMMEDIATE\"}", token);
        }

        // Nobody else sees them, and nobody reads them without signing in.
        assertThat(titles(Tokens.of("regione-abruzzo"))).doesNotContain(marker);
        Consultation.expect(Consultation.send("GET", "/api/me/notifications", null, null), 401);
    }

    /** What meeting-service publishes when a registration is confirmed (docs/notifications.md). */
    private static CloudEvent requested(UUID eventId, String account, String meetingId, String title) {
        return EventPublisher.event(eventId, "/meetings", EventTypes.PERSON_NOTIFICATION_REQUESTED, account,
                UUID.randomUUID().toString(), """
                        {"notificationKey":"registration-confirmed:%s:%s","accountId":"%s",
                         "kind":"REGISTRATION_CONFIRMED",
                         "subject":{"type":"MEETING","id":"%s","title":"%s","url":"/piani/p/incontri"},
                         "planId":"p","region":"ABRUZZO","data":{"code":"E2E1"},"attachments":[],
                         "occurredAt":"2026-12-06T10:00:00Z"}""".formatted(meetingId, title.hashCode(), account,
                        meetingId, title));
    }

    private static List<JsonNode> mails(String marker) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(MAIL_API + "/api/user/"
                + URLEncoder.encode(ADDRESS, StandardCharsets.UTF_8) + "/messages/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        List<JsonNode> found = new ArrayList<>();
        if (response.statusCode() != 200) {
            return found;
        }
        for (JsonNode message : JSON.readTree(response.body())) {
            if (message.path("subject").asText().contains(marker)) {
                found.add(message);
            }
        }
        return found;
    }

    private static List<String> titles(String token) throws Exception {
        return Consultation.json(Consultation.send("GET", "/api/me/notifications?size=100", null, token))
                .path("items").findValuesAsText("title");
    }

    private static String accountId(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("sub").asText();
    }
}
