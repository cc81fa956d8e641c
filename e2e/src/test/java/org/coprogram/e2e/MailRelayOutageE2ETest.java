package org.coprogram.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.coprogram.testing.TestUsers;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The region's mail relay down (docs/notifications.md, "The mail outbox and the sender"): the region answers a person's proposal while the
 * platform's SMTP server is stopped. The answer is accepted and nothing is lost: the notification waits in
 * notification-service's mail outbox, retried with back-off, and exactly one e-mail reaches the person once the server
 * is back. The server is GreenMail as ./coprogram starts it, stopped and started by the same script.
 */
@Tag("e2e")
// Alone: it stops the SMTP server that every class reading mail is using.
@Isolated
class MailRelayOutageE2ETest {

    private static final String SUBJECT = "La tua proposta ha ricevuto una risposta: ";

    @Test
    void anAnswerGivenWhileTheMailServerIsDownIsMailedOnceWhenItIsBack() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String person = "relay" + run + "-1";
        String token = TestUsers.tokens("relay" + run, 1, "CITIZEN").get(0);
        Consultation.expect(Consultation.send("PUT", "/api/me/notification-preferences", "{\"email\":\"IMMEDIATE\"}",
                token), 200);
        String planId = ConsultationFlowE2ETest.openPlan();
        String title = "Trasporto serale " + run;
        String proposal = Consultation.createdOnceInConsultation(() -> Consultation.send("POST",
                "/api/plans/" + planId + "/proposals", """
                        {"kind":"PROPOSAL","title":"%s","theme":"anziani","municipality":"072006",
                         "body":"Un trasporto sociale la sera per chi lavora e assiste un familiare."}"""
                        .formatted(title),
                token));

        ConsultationFlowE2ETest.coprogram("greenmail-stop");
        try {
            Consultation.expect(Consultation.send("POST", "/api/proposals/" + proposal + "/answer",
                    "{\"status\":\"ACCEPTED\",\"text\":\"Entra nel piano dal prossimo anno.\"}", Tokens.of("regione")),
                    200);
            // Told in the notification centre at once; the e-mail is what waits for the relay.
            await("the notification made while the mail server is down").atMost(Duration.ofSeconds(90))
                    .until(() -> Consultation.json(Consultation.send("GET", "/api/me/notifications?page=0&size=20",
                            null, token)).path("unreadCount").asInt() >= 1);
        } finally {
            ConsultationFlowE2ETest.coprogram("greenmail-start");
        }

        await("the e-mail once the server is back").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> subjects(person).contains(SUBJECT + title));
        List<String> received = subjects(person);
        assertThat(received).as("one e-mail, not one per attempt").containsOnlyOnce(SUBJECT + title);
    }

    private static List<String> subjects(String person) throws Exception {
        return NotificationCasesE2ETest.mails(person).stream().map(m -> m.path("subject").asText()).toList();
    }
}
