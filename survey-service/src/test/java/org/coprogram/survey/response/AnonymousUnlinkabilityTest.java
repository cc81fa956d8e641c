package org.coprogram.survey.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.coprogram.common.identity.Pseudonymizer;
import org.coprogram.survey.Surveys;
import org.coprogram.survey.survey.SurveyEvents;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Plays the holder of the survey database, of the service's pseudonym key and of the list of accounts against an
 * anonymous survey that {@value #PEOPLE} people answered at once, each with answers only they gave: the ledger tells
 * who answered, and nothing the holder can read — columns, system columns, physical and sequence order, times, the
 * outbox — tells who answered what.
 */
@Tag("service")
@QuarkusTest
class AnonymousUnlinkabilityTest {

    static final int PEOPLE = 40;
    /**
     * Matching two independent orders of 40 is a random permutation: its fixed points are about Poisson(1), so 1
     * expected and P(at least 7) = 1 - e^-1 (1 + 1 + 1/2 + … + 1/720) ≈ 8e-5; over the five orderings compared below
     * a false failure has p ≈ 4e-4. Without the mixer, physical, transaction and outbox order matched all 40.
     */
    static final int CHANCE_MATCHES = 6;
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    DataSource database;

    @Inject
    ResponseMixer mixer;

    @Inject
    Scheduler scheduler;

    @Inject
    Pseudonymizer key;

    /** One respondent as the test knows them: account, ledger key and the words only they wrote. */
    record Person(String account, String ledgerKey, String note) {
    }

    @Test
    void nothingTheDatabaseHolderReadsLinksAnAccountToItsAnswers() throws Exception {
        UUID planId;
        try (EventPublisher publisher = new EventPublisher()) {
            planId = Surveys.openPlan(publisher, database);
        }
        String surveyId = Surveys.published(planId, ExactlyOnceResponseTest.SIMPLE.formatted(true));
        List<String> tokens = TestUsers.tokens("unlinkable", PEOPLE);
        List<Person> people = new ArrayList<>();
        // The periodic round would cut the forty into several batches; one batch makes the chance bound exact.
        scheduler.pause(ResponseMixer.JOB);
        try {
            List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
            for (String token : tokens) {
                String account = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("sub")
                        .asText();
                Person person = new Person(account, key.of("survey:" + surveyId + ":" + account),
                        "nota " + UUID.randomUUID());
                people.add(person);
                String body = "{\"answers\":{\"servizio\":\"" + (people.size() % 2 == 0 ? "sad" : "cd")
                        + "\",\"nota\":\"" + person.note() + "\"}}";
                requests.add(HTTP.sendAsync(post(surveyId, token, body), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> request : requests) {
                assertThat(request.get().statusCode()).as(request.get().body()).isEqualTo(201);
            }
            assertThat(count("SELECT count(*) FROM response WHERE survey_id::text = ?", surveyId))
                    .as("nothing is published before it is mixed").isZero();
            assertThat(count("SELECT count(*) FROM outbox_event WHERE subject = ? AND type = ?", surveyId,
                    SurveyEvents.RESPONSE_SUBMITTED)).isZero();
            assertThat(mixer.mixOnce().await().atMost(Duration.ofSeconds(60))).isEqualTo(PEOPLE);
        } finally {
            scheduler.resume(ResponseMixer.JOB);
        }

        List<Map<String, Object>> ledger = rows("SELECT xmin::text AS xmin, cmin::text AS cmin, ctid::text AS ctid, *"
                + " FROM respondent WHERE survey_id::text = ? ORDER BY ctid", surveyId);
        List<Map<String, Object>> responses = rows("SELECT xmin::text AS xmin, cmin::text AS cmin, ctid::text AS ctid,"
                + " answers->>'nota' AS note, * FROM response WHERE survey_id::text = ? ORDER BY ctid", surveyId);
        List<Map<String, Object>> events = rows("SELECT xmin::text AS xmin, payload::jsonb->>'responseId' AS response,"
                + " payload::jsonb->>'submittedAt' AS time, * FROM outbox_event WHERE subject = ? AND type = ?"
                + " ORDER BY seq", surveyId, SurveyEvents.RESPONSE_SUBMITTED);
        assertThat(ledger).hasSize(PEOPLE);
        assertThat(responses).hasSize(PEOPLE);
        assertThat(events).hasSize(PEOPLE);

        // (a) No stored row of a response or its event was written by the transaction of a ledger row.
        Set<Object> ledgerTransactions = new HashSet<>(ledger.stream().map(r -> r.get("xmin")).toList());
        assertThat(responses).noneMatch(r -> ledgerTransactions.contains(r.get("xmin")));
        assertThat(events).noneMatch(r -> ledgerTransactions.contains(r.get("xmin")));
        assertNoWaitingTupleOf(ledgerTransactions);

        // (b) The ledger keeps who and the Idempotency-Key only: no content hash, no response id.
        assertThat(ledger).allSatisfy(row -> {
            assertThat(row.get("request_hash")).isNull();
            assertThat(row.get("response_id")).isNull();
        });

        // (c) Ledger order (physical, transaction) against response order (physical, command) and outbox order.
        Map<String, Person> byKey = new HashMap<>();
        Map<String, Person> byNote = new HashMap<>();
        people.forEach(p -> {
            byKey.put(p.ledgerKey(), p);
            byNote.put(p.note(), p);
        });
        List<Person> ledgerOrder = ledger.stream().map(r -> byKey.get((String) r.get("respondent_key"))).toList();
        assertThat(ledgerOrder).doesNotContainNull();
        List<Person> transactionOrder = ledger.stream()
                .sorted((a, b) -> Long.compare(Long.parseLong((String) a.get("xmin")),
                        Long.parseLong((String) b.get("xmin"))))
                .map(r -> byKey.get((String) r.get("respondent_key"))).toList();
        List<Person> physicalOrder = responses.stream().map(r -> byNote.get((String) r.get("note"))).toList();
        List<Person> commandOrder = responses.stream()
                .sorted((a, b) -> Long.compare(Long.parseLong((String) a.get("cmin")),
                        Long.parseLong((String) b.get("cmin"))))
                .map(r -> byNote.get((String) r.get("note"))).toList();
        Map<String, Person> byResponseId = new HashMap<>();
        responses.forEach(r -> byResponseId.put(r.get("id").toString(), byNote.get((String) r.get("note"))));
        List<Person> outboxOrder = events.stream().map(e -> byResponseId.get((String) e.get("response"))).toList();
        assertThat(physicalOrder).doesNotContainNull();
        assertThat(outboxOrder).doesNotContainNull();
        assertThat(matches(ledgerOrder, physicalOrder)).isLessThanOrEqualTo(CHANCE_MATCHES);
        assertThat(matches(ledgerOrder, commandOrder)).isLessThanOrEqualTo(CHANCE_MATCHES);
        assertThat(matches(ledgerOrder, outboxOrder)).isLessThanOrEqualTo(CHANCE_MATCHES);
        assertThat(matches(transactionOrder, physicalOrder)).isLessThanOrEqualTo(CHANCE_MATCHES);
        assertThat(matches(transactionOrder, outboxOrder)).isLessThanOrEqualTo(CHANCE_MATCHES);

        // (d) One time for the whole batch, to the hour, in the rows, the events and their payloads.
        Set<Instant> times = new HashSet<>();
        responses.forEach(r -> times.add(((OffsetDateTime) r.get("submitted_at")).toInstant()));
        events.forEach(e -> times.add(((OffsetDateTime) e.get("occurred_at")).toInstant()));
        events.forEach(e -> times.add(OffsetDateTime.parse((String) e.get("time")).toInstant()));
        assertThat(times).hasSize(1);
        assertThat(times).allSatisfy(time -> assertThat(time).isEqualTo(time.truncatedTo(ChronoUnit.HOURS)));

        // (e) The key identifies every ledger row, and nothing else: no response, waiting row or event holds the
        // ledger key, the account, its named-survey pseudonym or the Idempotency-Key.
        for (Person person : people) {
            assertThat(count("SELECT count(*) FROM respondent WHERE survey_id::text = ? AND respondent_key::text = ?",
                    surveyId, String.valueOf(person.ledgerKey()))).isEqualTo(1);
            for (String trace : List.of(person.ledgerKey(), person.account(), key.of(person.account()))) {
                assertThat(count("SELECT (SELECT count(*) FROM response r WHERE strpos(r::text, ?) > 0)"
                        + " + (SELECT count(*) FROM pending_response p WHERE strpos(p::text, ?) > 0)"
                        + " + (SELECT count(*) FROM outbox_event o WHERE strpos(o::text, ?) > 0)", trace, trace, trace))
                        .as(trace).isZero();
            }
        }
        for (String table : List.of("response", "pending_response", "outbox_event")) {
            assertThat(count("SELECT count(*) FROM " + table + " t JOIN respondent p ON p.survey_id::text = ?"
                    + " AND t::text LIKE '%' || p.idempotency_key || '%'", surveyId)).as(table).isZero();
        }

        // Anonymous free text never leaves survey-service; choices do.
        assertThat(events).allSatisfy(e -> {
            JsonNode answers = JSON.readTree((String) e.get("payload")).path("answers");
            assertThat(answers.has("nota")).isFalse();
            assertThat(answers.path("servizio").asText()).isIn("sad", "cd");
        });
        people.forEach(p -> assertThat(count("SELECT count(*) FROM outbox_event WHERE strpos(payload, ?) > 0",
                p.note())).isZero());
    }

    /**
     * The deleted waiting rows carried their ledger row's transaction id; once VACUUM has run (the mixer's own, or
     * again here if an open snapshot held it back) no readable tuple of the table does. Needs pageinspect, which
     * reads pages as someone with the data files would.
     */
    private void assertNoWaitingTupleOf(Set<Object> ledgerTransactions) {
        if (count("SELECT count(*) FROM pg_available_extensions WHERE name = 'pageinspect'") == 0) {
            return;
        }
        execute("CREATE EXTENSION IF NOT EXISTS pageinspect");
        String transactions = String.join(",", ledgerTransactions.stream().map(String::valueOf).toList());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            execute("VACUUM pending_response");
            assertThat(count("SELECT count(*) FROM generate_series(0, pg_relation_size('pending_response') / "
                    + "current_setting('block_size')::int - 1) AS page, heap_page_items(get_raw_page("
                    + "'pending_response', page::int)) WHERE t_xmin::text = ANY (string_to_array(?, ','))",
                    transactions)).isZero();
        });
    }

    private static int matches(List<Person> one, List<Person> other) {
        int matched = 0;
        for (int i = 0; i < one.size(); i++) {
            if (one.get(i).equals(other.get(i))) {
                matched++;
            }
        }
        return matched;
    }

    private long count(String sql, Object... parameters) {
        return Jdbc.count(database, sql, parameters);
    }

    private void execute(String sql) {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Map<String, Object>> rows(String sql, Object... parameters) {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet result = statement.executeQuery()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= columns; i++) {
                    Object value = result.getObject(i);
                    if (value instanceof java.sql.Timestamp) {
                        value = result.getObject(i, OffsetDateTime.class);
                    }
                    row.putIfAbsent(result.getMetaData().getColumnLabel(i), value);
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest post(String surveyId, String token, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/api/surveys/" + surveyId
                + "/responses")).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString()).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
