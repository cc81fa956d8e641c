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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.coprogram.testing.TestUsers;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every notification case of docs/notifications.md through the services that really emit it, over the real platform
 * and its real SMTP server (GreenMail, read back through its REST API): people of this run (made in the test realm
 * with verified addresses unique to the run, so the shared mail server's other messages never count) act through the
 * gateway with their own tokens, and each case gives exactly one message to each person who should be told, none to
 * the one who acted or to anyone else, and every message's RFC 8058 link unsubscribes with one POST. The day-before
 * reminder and the survey closing-soon notice come from the services' own jobs, in real time (the test platform runs
 * them every few seconds: ./coprogram).
 */
@Tag("e2e")
class NotificationCasesE2ETest {

    private static final String MAIL_API = System.getProperty("coprogram.e2e.mail", "http://127.0.0.1:8025");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration QUIET = Duration.ofSeconds(4);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    /**
     * The run's people (author, follower, commenter, bystander, two registrants, one who starts a survey and one who
     * answers it): each one's user name (= password) and address are unique to the run.
     */
    private static final String AUTHOR = "nc" + RUN + "-1";
    private static final String FOLLOWER = "nc" + RUN + "-2";
    private static final String COMMENTER = "nc" + RUN + "-3";
    private static final String BYSTANDER = "nc" + RUN + "-4";
    private static final String FIRST = "nc" + RUN + "-5";
    private static final String SECOND = "nc" + RUN + "-6";
    private static final String STARTER = "nc" + RUN + "-7";
    private static final String SUBMITTER = "nc" + RUN + "-8";
    private static final List<String> PEOPLE = List.of(AUTHOR, FOLLOWER, COMMENTER, BYSTANDER, FIRST, SECOND,
            STARTER, SUBMITTER);

    private static String planId;

    @BeforeAll
    static void peopleAndPlan() throws Exception {
        TestUsers.tokens("nc" + RUN, PEOPLE.size(), "CITIZEN");
        planId = ConsultationFlowE2ETest.openPlan();
    }

    /**
     * One scenario, its cases in turn: the last one unsubscribes through every message the earlier ones sent, and each
     * case's "nobody else" counts the messages of the people the cases before it mailed.
     */
    @Test
    void everyNotificationCaseMailsExactlyTheRightPeopleOnceWithAWorkingUnsubscribeLink() throws Exception {
        theAnswerTheMergeAndTheHidingOfAProposalAreToldToItsAuthorOnly();
        aCommentAndAReplyAreToldToTheFollowersButNotToWhoeverWroteThem();
        registrationsTheMeetingChangedItsReminderAndItsCancellationAreToldToTheRightRegistrants();
        aNewPhaseIsToldToThePlansFollowersOnly();
        aSurveyClosingSoonIsToldToWhoeverStartedItAndDidNotAnswer();
        everyMessagesUnsubscribeLinkWorksWithOnePostAndNobodyWasMailedTwice();
    }

    private void theAnswerTheMergeAndTheHidingOfAProposalAreToldToItsAuthorOnly() throws Exception {
        String author = Tokens.of(AUTHOR);
        String answered = proposal("Risposta " + RUN, author);
        String merged = proposal("Accorpata " + RUN, author);
        String hidden = proposal("Nascosta " + RUN, author);

        Consultation.expect(Consultation.send("POST", "/api/proposals/" + answered + "/answer",
                "{\"status\":\"NOT_ACCEPTED\",\"text\":\"Non rientra nel piano di quest'anno.\"}",
                Tokens.of("regione")), 200);
        Consultation.expect(Consultation.send("POST", "/api/proposals/" + merged + "/answer",
                "{\"status\":\"MERGED\",\"text\":\"Unita a una proposta simile.\",\"mergedInto\":\"" + answered
                        + "\"}",
                Tokens.of("regione")), 200);
        Consultation.expect(Consultation.send("POST", "/api/proposals/" + hidden + "/moderation",
                "{\"action\":\"HIDE\",\"note\":\"Contenuto non pertinente\"}", Tokens.of("moderatore")), 200);

        expectOnly(AUTHOR, "La tua proposta ha ricevuto una risposta: Risposta " + RUN, 1);
        expectOnly(AUTHOR, "La tua proposta è stata unita a un'altra: Accorpata " + RUN, 1);
        expectOnly(AUTHOR, "La tua proposta è stata nascosta: Nascosta " + RUN, 1);
        quietly(() -> {
            assertThat(mails(AUTHOR)).hasSize(3);
            assertThat(mails(FOLLOWER)).isEmpty();
            assertThat(mailsAbout("regione", RUN)).isEmpty();
            assertThat(mailsAbout("moderatore", RUN)).isEmpty();
        });
    }

    private void aCommentAndAReplyAreToldToTheFollowersButNotToWhoeverWroteThem() throws Exception {
        String title = "Discussa " + RUN;
        String proposal = proposal(title, Tokens.of(AUTHOR));
        Consultation.expect(Consultation.send("PUT", "/api/me/follows/proposal/" + proposal, null,
                Tokens.of(FOLLOWER)), 204);
        // The message quotes nothing of the comment nor names the proposal (docs/notifications.md): the run's people
        // are this proposal's only followers, so its subject is enough.
        String subject = "Nuovo commento: una proposta che segui";

        HttpResponse<String> comment = Consultation.send("POST", "/api/proposals/" + proposal + "/comments",
                "{\"body\":\"Serve anche nei comuni piccoli.\"}", Tokens.of(COMMENTER));
        Consultation.expect(comment, 201);
        expectOnly(AUTHOR, subject, 1);
        expectOnly(FOLLOWER, subject, 1);
        quietly(() -> assertThat(mailsWith(COMMENTER, subject)).isEmpty());

        // The commenter follows the proposal from now on; the reply's author is not told of their own reply.
        Consultation.expect(Consultation.send("POST", "/api/proposals/" + proposal + "/comments",
                "{\"body\":\"Con mezzi attrezzati.\",\"parentId\":\"" + Consultation.json(comment).path("id").asText()
                        + "\"}",
                Tokens.of(FOLLOWER)), 201);
        expectOnly(AUTHOR, subject, 2);
        expectOnly(COMMENTER, subject, 1);
        quietly(() -> {
            assertThat(mailsWith(FOLLOWER, subject)).hasSize(1);
            assertThat(mailsWith(BYSTANDER, subject)).isEmpty();
        });
    }

    private void registrationsTheMeetingChangedItsReminderAndItsCancellationAreToldToTheRightRegistrants()
            throws Exception {
        String title = "Incontro " + RUN;
        String district = Tokens.of("ambito");
        OffsetDateTime later = OffsetDateTime.now(ZoneOffset.UTC).plusHours(40).truncatedTo(ChronoUnit.MINUTES);
        String meeting = Consultation.createdOnceInConsultation(() -> Consultation.send("POST",
                "/api/plans/" + planId + "/meetings", meeting(title, later), district));

        Consultation.expect(Consultation.send("POST", "/api/meetings/" + meeting + "/registrations", null,
                Tokens.of(FIRST)), 201);
        Consultation.expect(Consultation.send("POST", "/api/meetings/" + meeting + "/registrations", null,
                Tokens.of(SECOND)), 201);
        JsonNode confirmed = expectOnly(FIRST, "Iscrizione confermata: " + title, 1).get(0);
        assertThat(confirmed.path("mimeMessage").asText()).contains("incontro.ics").contains("text/calendar");
        expectOnly(SECOND, "Sei in lista d'attesa: " + title, 1);

        // The first cancels: the second is promoted, with the calendar file.
        Consultation.expect(Consultation.send("DELETE", "/api/meetings/" + meeting + "/registrations/me", null,
                Tokens.of(FIRST)), 204);
        JsonNode promoted = expectOnly(SECOND, "Si è liberato un posto: sei iscritto: " + title, 1).get(0);
        assertThat(promoted.path("mimeMessage").asText()).contains("incontro.ics").contains("text/calendar");
        await().atMost(WAIT).until(() -> !Consultation.send("GET", "/api/me/follows", null, Tokens.of(FIRST))
                .body().contains(meeting));

        // Moved to within a day: the registrant is told of the change, and the reminder job, in real time, reminds
        // them (once) but not the one who cancelled.
        OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.UTC).plusHours(6).truncatedTo(ChronoUnit.MINUTES);
        Consultation.expect(Consultation.send("PUT", "/api/meetings/" + meeting, meeting(title, soon), district),
                200);
        expectOnly(SECOND, "Un incontro è cambiato: " + title, 1);
        expectOnly(SECOND, "Promemoria: l'incontro è domani: " + title, 1);

        Consultation.expect(Consultation.send("POST", "/api/meetings/" + meeting + "/cancel", null, district), 200);
        expectOnly(SECOND, "Un incontro è stato annullato: " + title, 1);
        quietly(() -> {
            assertThat(mails(FIRST)).extracting(m -> m.path("subject").asText())
                    .containsExactly("Iscrizione confermata: " + title);
            assertThat(mails(SECOND)).hasSize(5);
            assertThat(mailsAbout("ambito", title)).isEmpty();
            assertThat(mailsWith(BYSTANDER, title)).isEmpty();
        });
    }

    private void aNewPhaseIsToldToThePlansFollowersOnly() throws Exception {
        String staff = Tokens.of("regione");
        String title = "Piano " + RUN;
        String plan = Consultation.json(Consultation.send("POST", "/api/plans", """
                {"region":"puglia","title":"%s","periodStart":"2026-01-01","periodEnd":"2028-12-31",
                 "themes":[{"code":"anziani","label":"Anziani"}],"leps":[]}""".formatted(title), staff))
                .path("id").asText();
        Consultation.expect(Consultation.send("PUT", "/api/me/follows/plan/" + plan, null, Tokens.of(FOLLOWER)), 204);

        Consultation.expect(Consultation.send("POST", "/api/plans/" + plan + "/phase", "{\"phase\":\"CONSULTATION\"}",
                staff), 200);

        expectOnly(FOLLOWER, "Il piano è passato a una nuova fase: " + title, 1);
        quietly(() -> {
            assertThat(mailsWith(BYSTANDER, title)).isEmpty();
            assertThat(mailsAbout("regione", title)).isEmpty();
        });
    }

    private void aSurveyClosingSoonIsToldToWhoeverStartedItAndDidNotAnswer() throws Exception {
        String staff = Tokens.of("regione");
        String title = "Questionario " + RUN;
        OffsetDateTime closes = OffsetDateTime.now(ZoneOffset.UTC).plusHours(3).truncatedTo(ChronoUnit.MINUTES);
        String survey = Consultation.createdOnceInConsultation(() -> Consultation.send("POST",
                "/api/plans/" + planId + "/surveys", """
                        {"title":"%s","description":"Prova end-to-end.","anonymous":true,"closesAt":"%s",
                         "questions":[{"id":"q","type":"SINGLE_CHOICE","label":"Domanda","required":true,
                         "options":[{"id":"a","label":"A"},{"id":"b","label":"B"}]}]}""".formatted(title, closes),
                staff));
        Consultation.expect(Consultation.send("POST", "/api/surveys/" + survey + "/publish", null, staff), 200);

        Consultation.expect(Consultation.send("POST", "/api/surveys/" + survey + "/started", null, null), 401);
        Consultation.expect(Consultation.send("POST", "/api/surveys/" + survey + "/started", null,
                Tokens.of(STARTER)), 204);
        Consultation.expect(Consultation.send("POST", "/api/surveys/" + survey + "/started", null,
                Tokens.of(STARTER)), 204);
        Consultation.expect(Consultation.send("POST", "/api/surveys/" + survey + "/started", null,
                Tokens.of(SUBMITTER)), 204);
        Consultation.expect(Consultation.send("POST", "/api/surveys/" + survey + "/responses",
                "{\"answers\":{\"q\":\"a\"}}", Tokens.of(SUBMITTER)), 201);

        expectOnly(STARTER, "Un questionario sta per chiudere: " + title, 1);
        quietly(() -> {
            assertThat(mailsWith(SUBMITTER, title)).isEmpty();
            assertThat(mailsWith(BYSTANDER, title)).isEmpty();
            assertThat(mailsAbout("regione", title)).isEmpty();
        });
    }

    private void everyMessagesUnsubscribeLinkWorksWithOnePostAndNobodyWasMailedTwice() throws Exception {
        int links = 0;
        for (String person : PEOPLE) {
            List<JsonNode> received = mails(person);
            for (JsonNode mail : received) {
                String mime = mail.path("mimeMessage").asText().replaceAll("\r\n[ \t]+", " ");
                assertThat(mime).contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
                Matcher link = Pattern.compile("List-Unsubscribe: <([^>]+)>").matcher(mime);
                assertThat(link.find()).as(mime).isTrue();
                URI unsubscribe = URI.create(link.group(1).replace(" ", ""));
                assertThat(unsubscribe.toString())
                        .startsWith(Platform.GATEWAY + "/api/notifications/unsubscribe?token=");
                HttpResponse<String> done = HTTP.send(HttpRequest.newBuilder(unsubscribe)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
                links++;
            }
            if (!received.isEmpty()) {
                assertThat(Consultation.json(Consultation.send("GET", "/api/me/notification-preferences", null,
                        Tokens.of(person))).path("email").asText()).isEqualTo("NONE");
            }
            Map<String, Integer> bySubject = new LinkedHashMap<>();
            received.forEach(m -> bySubject.merge(m.path("subject").asText(), 1, Integer::sum));
            bySubject.remove("Nuovo commento: una proposta che segui"); // the author is told of the comment and the reply
            assertThat(bySubject.values()).as(person + " " + bySubject).allMatch(count -> count == 1);
        }
        assertThat(links).isEqualTo(3 + 2 + 1 + 1 + 1 + 5 + 1 + 1);
        assertThat(mails(BYSTANDER)).isEmpty();
        assertThat(mails(SUBMITTER)).isEmpty();
    }

    private static String proposal(String title, String token) throws Exception {
        return Consultation.createdOnceInConsultation(() -> Consultation.send("POST",
                "/api/plans/" + planId + "/proposals", """
                        {"kind":"PROPOSAL","title":"%s","theme":"anziani","municipality":"072006",
                         "body":"Un servizio di trasporto sociale per accompagnare gli anziani alle visite."}"""
                        .formatted(title),
                token));
    }

    private static String meeting(String title, OffsetDateTime startsAt) {
        return """
                {"type":"TERRITORIAL","title":"%s","description":"Incontro sul piano.",
                 "themes":["anziani"],"municipality":"072006","address":"Via Sparano 1",
                 "startsAt":"%s","endsAt":"%s","capacity":1}""".formatted(title, startsAt, startsAt.plusHours(2));
    }

    /** Waits until {@code person} has exactly {@code count} messages with this subject, and no more for a while. */
    private static List<JsonNode> expectOnly(String person, String subject, int count) {
        await(person + ": " + subject).atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> mailsWith(person, subject).size() >= count);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                .until(() -> mailsWith(person, subject).size() == count);
        try {
            return mailsWith(person, subject);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The assertions hold now and for a few seconds more: nothing late arrives. */
    private static void quietly(org.awaitility.core.ThrowingRunnable assertions) {
        await().during(QUIET).atMost(QUIET.plusSeconds(10)).untilAsserted(assertions);
    }

    private static List<JsonNode> mailsWith(String person, String subject) throws Exception {
        return mails(person).stream().filter(m -> m.path("subject").asText().equals(subject)).toList();
    }

    /** A shared demo user's messages about this run (its subject names the run). */
    private static List<JsonNode> mailsAbout(String demoUser, String marker) throws Exception {
        return messages(demoUser + "@demo.coprogram.invalid").stream()
                .filter(m -> m.path("subject").asText().contains(marker)).toList();
    }

    static List<JsonNode> mails(String person) throws Exception {
        return messages(person + "@test.coprogram.invalid");
    }

    private static List<JsonNode> messages(String address) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(MAIL_API + "/api/user/"
                + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        List<JsonNode> found = new ArrayList<>();
        if (response.statusCode() == 200) {
            JSON.readTree(response.body()).forEach(found::add);
        }
        return found;
    }
}
