package org.coprogram.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.Topics;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.TestUsers;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The right to erasure through the gateway, over the whole platform (docs/privacy.md, "Cancellazione (art. 17)"): a
 * person who proposed, answered a questionnaire, took the one seat of a meeting and follows a plan asks to be
 * forgotten; every service answers, after which no service's database, API or topic names the account, the meeting's
 * seat went to the person waiting (public count equal to the rows), and another person's data is untouched.
 */
@Tag("e2e")
class PersonalDataErasureE2ETest {

    private static final List<String> SERVICES = List.of("proposal-service", "survey-service", "meeting-service",
            "notification-service");
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void aPersonAsksToBeForgottenAndNoServiceNamesTheAccountAnyMore() throws Exception {
        List<String> tokens = TestUsers.tokens("erasure-e2e", 2);
        String erased = tokens.get(0);
        String other = tokens.get(1);
        String account = accountOf(erased);
        String otherAccount = accountOf(other);
        Consultation consultation = Consultation.create(Tokens.of("regione"), erased, Tokens.of("ambito"), 1);
        String proposal = consultation.proposalId();
        String meeting = consultation.meetingId();
        String planId = consultation.planId();
        Consultation.expect(Consultation.send("POST", "/api/proposals/" + proposal + "/supports", null, other), 201);
        Consultation.expect(Consultation.send("POST", "/api/meetings/" + meeting + "/registrations", null, erased),
                201);
        Consultation.expect(Consultation.send("POST", "/api/meetings/" + meeting + "/registrations", null, other),
                201);
        Consultation.expect(Consultation.send("POST", "/api/surveys/" + consultation.surveyId() + "/responses",
                "{\"answers\":{\"q\":\"a\"}}", erased), 201);
        for (String token : tokens) {
            Consultation.expect(Consultation.send("PUT", "/api/me/follows/plan/" + planId, null, token),
                    204);
            assertThat(Consultation.send("PUT", "/api/me/notification-preferences", "{\"email\":\"DAILY_DIGEST\"}",
                    token).statusCode()).isBetween(200, 299);
        }

        Consultation.expect(Consultation.send("POST", "/api/me/erasure", "{\"contributions\":\"PSEUDONYMOUS\"}",
                null), 401);
        List<ConsumerRecord<String, String>> published = new ArrayList<>();
        List<TopicReader> readers = new ArrayList<>();
        for (String topic : List.of(Topics.PROPOSALS, Topics.MEETINGS, Topics.SURVEYS, Topics.SURVEY_RESPONSES,
                Topics.PERSONAL, Topics.ERASURE)) {
            readers.add(TopicReader.fromNow(topic));
        }
        String erasureId;
        try {
            HttpResponse<String> requested = Consultation.send("POST", "/api/me/erasure",
                    "{\"contributions\":\"PSEUDONYMOUS\"}", erased);
            Consultation.expect(requested, 202);
            erasureId = Consultation.json(requested).path("id").asText();
            HttpResponse<String> again = Consultation.send("POST", "/api/me/erasure",
                    "{\"contributions\":\"WITHDRAW\"}", erased);
            Consultation.expect(again, 202);
            assertThat(Consultation.json(again).path("id").asText()).isEqualTo(erasureId);

            await("every service forgets the account").atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Consultation.json(Consultation.send("GET", "/api/me/erasure", null, erased))
                            .path("status").asText().equals("COMPLETED"));
            Platform.drainOutboxes();
            for (TopicReader reader : readers) {
                published.addAll(reader.readToEnd());
            }
        } finally {
            readers.forEach(TopicReader::close);
        }

        // No service's database, API or topic names the account; only the request itself, on the restricted topic.
        for (String service : SERVICES) {
            assertThat(rowsNaming(Platform.database(service), account)).as(service).isEmpty();
        }
        assertThat(published).filteredOn(r -> !EventTypes.PERSON_ERASURE_REQUESTED.equals(
                TopicReader.header(r, "ce_type")))
                .noneMatch(r -> r.value().contains(account) || account.equals(r.key()));
        for (String path : List.of("/api/me/proposals", "/api/me/supports", "/api/me/registrations",
                "/api/me/follows", "/api/me/notifications")) {
            HttpResponse<String> mine = Consultation.send("GET", path, null, erased);
            Consultation.expect(mine, 200);
            assertThat(mine.body()).as(path).doesNotContain(account).doesNotContain(planId);
        }
        // The questionnaire is still open: its receipt stays, the only guard of one answer per person (a keyed hash
        // beside no answer; docs/privacy.md), so erasing cannot be used to answer twice.
        HttpResponse<String> receipts = Consultation.send("GET", "/api/me/survey-receipts", null, erased);
        Consultation.expect(receipts, 200);
        assertThat(receipts.body()).doesNotContain(account).contains(String.valueOf(consultation.surveyId()));
        assertThat(Consultation.send("GET", "/api/proposals/" + proposal, null, null).body()).doesNotContain(account);

        // The contribution stays (PSEUDONYMOUS), the other's support with it; the seat went to the person waiting.
        assertThat(Consultation.json(Consultation.send("GET", "/api/proposals/" + proposal, null, null))
                .path("supports").asInt()).isEqualTo(1);
        assertThat(Consultation.json(Consultation.send("GET", "/api/meetings/" + meeting + "/registrations/me", null,
                other)).path("status").asText()).isEqualTo("CONFIRMED");
        DataSource meetings = Platform.database("meeting-service");
        assertThat(Jdbc.count(meetings,
                """
                        SELECT count(*) FROM meeting m WHERE m.confirmed <> (SELECT count(*) FROM registration r
                                                                            WHERE r.meeting_id = m.id AND r.status = 'CONFIRMED')"""))
                .isZero();
        // Every proposal's count is its rows, except an imported one's: it starts at the count Decidim had, whose
        // supporters nobody knows (docs/decidim.md), and the browser specs import some into these databases.
        assertThat(Jdbc.count(Platform.database("proposal-service"), """
                SELECT count(*) FROM proposal p
                WHERE p.origin IS NULL
                  AND p.supports <> (SELECT count(*) FROM support s WHERE s.proposal_id = p.id)""")).isZero();
        // The other person keeps everything.
        assertThat(Consultation.send("GET", "/api/me/follows", null, other).body()).contains(planId);
        assertThat(Jdbc.count(Platform.database("notification-service"),
                "SELECT count(*) FROM notification_preference WHERE account_id = ?", otherAccount)).isEqualTo(1);
    }

    /** The tables of {@code database} with a row that, read as text, contains {@code account}. */
    private static List<String> rowsNaming(DataSource database, String account) {
        List<String> tables = new ArrayList<>();
        String list = Jdbc.text(database, """
                SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'""");
        for (String table : list.split(",")) {
            if (Jdbc.count(database, "SELECT count(*) FROM " + table + " t WHERE t::text LIKE ?",
                    "%" + account + "%") > 0) {
                tables.add(table);
            }
        }
        return tables;
    }

    private static String accountOf(String token) throws Exception {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return new ObjectMapper().readTree(payload).path("sub").asText();
    }
}
