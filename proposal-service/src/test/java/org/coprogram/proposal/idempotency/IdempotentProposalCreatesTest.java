package org.coprogram.proposal.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.coprogram.proposal.Proposals;
import org.coprogram.proposal.proposal.ProposalEvents;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.Replays;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * A client that retries a create with the same Idempotency-Key gets the first answer, never a second proposal or a
 * second event. The keys live in the service's database (table idempotency_key), not in memory, so the same holds for
 * a retry that reaches the service after a restart or reaches another replica.
 */
@Tag("service")
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotentProposalCreatesTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    DataSource database;

    EventPublisher publisher;
    UUID plan;

    @BeforeEach
    void openPlanOnce() {
        if (plan == null) {
            publisher = new EventPublisher();
            plan = Proposals.openPlan(publisher, database);
        }
    }

    @AfterAll
    void close() {
        publisher.close();
    }

    @Test
    void retriedSubmissionWithSameKeyGivesFirstAnswerOneProposalAndOneEvent() {
        String title = uniqueTitle();
        String key = UUID.randomUUID().toString();
        try (TopicReader topic = TopicReader.fromNow(ProposalEvents.TOPIC)) {
            ExtractableResponse<Response> first = submit("cittadino", key, Proposals.body(title));
            ExtractableResponse<Response> retry = submit("cittadino", key, Proposals.body(title));

            Replays.assertSameCreated(first, retry);
            assertThat(proposalsTitled(title)).isEqualTo(1);
            String id = first.path("id");
            assertThat(topic.await(TopicReader.ofType(ProposalEvents.SUBMITTED, id), 1, WAIT, database)).hasSize(1);
        }
    }

    @Test
    void sameKeyWithAnotherBodyIsRefusedAndChangesNothing() {
        String title = uniqueTitle();
        String other = uniqueTitle();
        String key = UUID.randomUUID().toString();
        submit("cittadino", key, Proposals.body(title));

        Proposals.as("cittadino").header("Idempotency-Key", key).body(Proposals.body(other))
                .post("/api/plans/" + plan + "/proposals").then().statusCode(422)
                .contentType("application/problem+json").body("title", equalTo("Idempotency-Key già usata"));
        assertThat(proposalsTitled(title)).isEqualTo(1);
        assertThat(proposalsTitled(other)).isZero();
    }

    @Test
    void anotherPersonsSameKeyIsAnotherKey() {
        String title = uniqueTitle();
        String key = UUID.randomUUID().toString();
        String mine = submit("cittadino", key, Proposals.body(title)).path("id");
        ExtractableResponse<Response> theirs = submit("ets", key, Proposals.body(title));

        assertThat(theirs.statusCode()).isEqualTo(201);
        assertThat(theirs.<String>path("id")).isNotEqualTo(mine);
        assertThat(theirs.header("Idempotent-Replayed")).isNull();
        assertThat(proposalsTitled(title)).isEqualTo(2);
    }

    @Test
    void withoutKeyEachRequestCreatesAsBefore() {
        String title = uniqueTitle();
        Proposals.submit("cittadino", plan, Proposals.body(title));
        Proposals.submit("cittadino", plan, Proposals.body(title));
        assertThat(proposalsTitled(title)).isEqualTo(2);
    }

    @Test
    void concurrentDuplicatesCreateOneProposal() {
        String title = uniqueTitle();
        String key = UUID.randomUUID().toString();
        List<CompletableFuture<ExtractableResponse<Response>>> attempts = List.of(
                CompletableFuture.supplyAsync(() -> submit("cittadino", key, Proposals.body(title))),
                CompletableFuture.supplyAsync(() -> submit("cittadino", key, Proposals.body(title))),
                CompletableFuture.supplyAsync(() -> submit("cittadino", key, Proposals.body(title))));
        List<ExtractableResponse<Response>> answers = attempts.stream().map(CompletableFuture::join).toList();

        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(201));
        assertThat(answers.stream().map(answer -> answer.<String>path("id")).distinct()).hasSize(1);
        assertThat(proposalsTitled(title)).isEqualTo(1);
    }

    @Test
    void malformedKeyIsABadRequest() {
        Proposals.as("cittadino").header("Idempotency-Key", "due parole").body(Proposals.body(uniqueTitle()))
                .post("/api/plans/" + plan + "/proposals").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("Idempotency-Key"));
        Proposals.as("cittadino").header("Idempotency-Key", "k".repeat(201)).body(Proposals.body(uniqueTitle()))
                .post("/api/plans/" + plan + "/proposals").then().statusCode(400);
    }

    @Test
    void retriedFlagWithSameKeyGivesFirstAnswerAndOneEvent() {
        String id = Proposals.submit("cittadino", plan, Proposals.body(uniqueTitle()));
        String key = UUID.randomUUID().toString();
        try (TopicReader topic = TopicReader.fromNow(ProposalEvents.TOPIC)) {
            for (int attempt = 0; attempt < 2; attempt++) {
                Proposals.as("ets").header("Idempotency-Key", key).body("{\"reason\":\"SPAM\"}")
                        .post("/api/proposals/" + id + "/flags").then().statusCode(201)
                        .body("reason", equalTo("SPAM"));
            }
            assertThat(Jdbc.count(database, "SELECT count(*) FROM flag WHERE proposal_id = ?", UUID.fromString(id)))
                    .isEqualTo(1);
            assertThat(topic.await(TopicReader.ofType(ProposalEvents.FLAGGED, id), 1, WAIT, database)).hasSize(1);
        }
    }

    private ExtractableResponse<Response> submit(String user, String key, String body) {
        return Proposals.as(user).header("Idempotency-Key", key).body(body)
                .post("/api/plans/" + plan + "/proposals").then().extract();
    }

    private long proposalsTitled(String title) {
        return Jdbc.count(database, "SELECT count(*) FROM proposal WHERE title = ?", title);
    }

    private static String uniqueTitle() {
        return "Ritenta senza duplicare " + UUID.randomUUID().toString().substring(0, 8);
    }
}
