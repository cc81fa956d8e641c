package org.coprogram.proposal.erasure;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coprogram.common.personal.ErasureEvents;
import org.coprogram.contracts.Topics;
import org.coprogram.proposal.OpenPlanTest;
import org.coprogram.proposal.Proposals;
import org.coprogram.proposal.proposal.ProposalEvents;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.OutboxDrain;
import org.coprogram.testing.TestUsers;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The right to erasure in proposal-service (GDPR art. 17; docs/privacy.md, "Cancellazione (art. 17)"): the request
 * from the token only, one pending request per person, and what this service forgets: the account in no row and no
 * event after it, supports withdrawn with every public count still the number of rows, contributions kept under a
 * fresh pseudonym or withdrawn as chosen, another person's data untouched, a replayed request applied once. Each test
 * erases accounts of its own (TestUsers), so other tests' people are never forgotten.
 */
@Tag("service")
@QuarkusTest
class ErasureTest extends OpenPlanTest {

    private static final String ERASURE = "/api/me/erasure";

    @Test
    void erasureForgetsTheAccountKeepsEveryCountExactAndLeavesAnotherPersonUntouched() {
        List<String> tokens = TestUsers.tokens("erasure-pseudo", 2);
        String erased = tokens.get(0);
        String other = tokens.get(1);
        String own = submit(erased, "Trasporto sociale nei comuni dell'entroterra");
        String others = submit(other, "Centro diurno per anziani soli");
        support(erased, others);
        support(other, own);
        support(other, others);
        comment(erased, others, "Servono anche i mezzi attrezzati per le carrozzine.");
        as(erased).body("{\"reason\":\"SPAM\"}").post("/api/proposals/" + others + "/flags").then().statusCode(201);
        String account = authorOf(own);
        String otherAccount = authorOf(others);
        String oldPseudonym = Jdbc.text(database, "SELECT author_pseudonym FROM proposal WHERE id = ?::uuid", own);

        List<ConsumerRecord<String, String>> published = new ArrayList<>();
        String erasureId;
        // Everything the person did before is on its topics first: the readers below see only what came after.
        OutboxDrain.await(database);
        try (TopicReader proposalsTopic = TopicReader.fromNow(Topics.PROPOSALS);
                TopicReader personalTopic = TopicReader.fromNow(Topics.PERSONAL)) {
            erasureId = as(erased).body("{\"contributions\":\"PSEUDONYMOUS\"}").post(ERASURE).then().statusCode(202)
                    .body("status", equalTo("PENDING")).body("services.proposal-service", equalTo("PENDING"))
                    .extract().path("id");
            awaitServiceCompleted(erased, "proposal-service");
            OutboxDrain.await(database);
            published.addAll(proposalsTopic.readToEnd());
            published.addAll(personalTopic.readToEnd());
        }

        // The support went through the withdrawal path: its event, and counts equal to the rows.
        assertThat(published).anyMatch(TopicReader.ofType(ProposalEvents.SUPPORT_WITHDRAWN, others));
        assertCountsReconcile(own, others);
        assertThat(count("SELECT count(*) FROM support WHERE proposal_id = ?::uuid", others)).isEqualTo(1);
        // The contribution stays, under a fresh pseudonym, linked to no account.
        assertThat(Jdbc.text(database, "SELECT status FROM proposal WHERE id = ?::uuid", own)).isEqualTo("SUBMITTED");
        assertThat(Jdbc.text(database, "SELECT author_pseudonym FROM proposal WHERE id = ?::uuid", own))
                .isNotEqualTo(oldPseudonym).hasSize(oldPseudonym.length());
        assertThat(count("SELECT count(*) FROM comment WHERE target_id = ?::uuid AND deleted_at IS NULL", others))
                .isEqualTo(1);
        // No service output names the account: rows (but the request event, until every service answered), events
        // published after the request, the public page of the contribution.
        assertThat(rowsNaming(account, true)).isEmpty();
        assertThat(published).noneMatch(r -> r.value().contains(account) || account.equals(r.key()));
        assertThat(given().get("/api/proposals/" + own).then().statusCode(200).extract().asString())
                .doesNotContain(account);
        // The other person keeps everything.
        assertThat(authorOf(others)).isEqualTo(otherAccount);
        assertThat(count("SELECT count(*) FROM support WHERE proposal_id = ?::uuid", own)).isEqualTo(1);
        as(other).get("/api/me/proposals").then().statusCode(200).body("total", equalTo(1));

        // Once every other service answered, the request is COMPLETED and its event leaves the outbox: no row at all
        // names the account any more.
        for (String service : List.of("survey-service", "meeting-service", "notification-service")) {
            publisher.publish(Topics.ERASURE, completion(erasureId, service));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(erased).get(ERASURE).then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("id", equalTo(erasureId)));
        assertThat(rowsNaming(account, false)).isEmpty();

        // The flag went with its count: the same login flagging again (a new act, audited anew) counts once, not twice.
        assertThat(count("SELECT flags FROM proposal WHERE id = ?::uuid", others)).isZero();
        as(erased).body("{\"reason\":\"SPAM\"}").post("/api/proposals/" + others + "/flags").then().statusCode(201);
        assertThat(count("SELECT flags FROM proposal WHERE id = ?::uuid", others)).isEqualTo(1);
        assertCountsReconcile(own, others);
    }

    @Test
    void withdrawChoiceWithdrawsOpenProposalsAndDeletesCommentsAsTheAuthorWould() {
        String erased = TestUsers.tokens("erasure-withdraw", 1).get(0);
        String other = TestUsers.tokens("erasure-withdraw-other", 1).get(0);
        String own = submit(erased, "Sportello unico per il caregiver familiare");
        String others = submit(other, "Educativa di strada nei quartieri");
        comment(erased, others, "Coinvolgere le parrocchie e le associazioni sportive.");
        String account = authorOf(own);

        as(erased).body("{\"contributions\":\"WITHDRAW\"}").post(ERASURE).then().statusCode(202);
        awaitServiceCompleted(erased, "proposal-service");

        assertThat(Jdbc.text(database, "SELECT status FROM proposal WHERE id = ?::uuid", own)).isEqualTo("WITHDRAWN");
        assertThat(count("SELECT count(*) FROM outbox_event WHERE type = ? AND subject = ?", ProposalEvents.WITHDRAWN,
                own)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM comment WHERE target_id = ?::uuid AND deleted_at IS NULL", others))
                .isZero();
        assertCountsReconcile(own, others);
        assertThat(rowsNaming(account, true)).isEmpty();
        assertThat(Jdbc.text(database, "SELECT status FROM proposal WHERE id = ?::uuid", others))
                .isEqualTo("SUBMITTED");
    }

    @Test
    void aReplayedRequestChangesNothingTwice() {
        String erased = TestUsers.tokens("erasure-replay", 1).get(0);
        String other = TestUsers.tokens("erasure-replay-other", 1).get(0);
        String others = submit(other, "Mensa sociale per le famiglie in difficoltà");
        support(erased, others);
        String erasureId = as(erased).body("{\"contributions\":\"PSEUDONYMOUS\"}").post(ERASURE).then()
                .statusCode(202).extract().path("id");
        awaitServiceCompleted(erased, "proposal-service");
        String eventId = Jdbc.text(database, "SELECT id::text FROM outbox_event WHERE type = ? AND subject = ?",
                ErasureEvents.REQUESTED, erasureId);
        String payload = Jdbc.text(database, "SELECT payload FROM outbox_event WHERE id = ?::uuid", eventId);
        // Someone supports again after the erasure: a second application of the request would withdraw nothing of
        // theirs, but would emit a second completion and a second withdrawal event.
        support(other, others);

        publisher.publish(Topics.ERASURE, EventPublisher.event(UUID.fromString(eventId), "/proposal-service",
                ErasureEvents.REQUESTED, erasureId, "", payload));
        // A probe on the same key (same partition, read after the replay): once it is applied, so was the replay.
        UUID probe = UUID.randomUUID();
        publisher.publish(Topics.ERASURE, EventPublisher.event(UUID.randomUUID(), "/proposal-service",
                ErasureEvents.REQUESTED, erasureId, "", """
                        {"erasureId":"%s","accountId":"%s","contributions":"PSEUDONYMOUS","requestedAt":"%s"}"""
                        .formatted(probe, "nessuno-" + probe, OffsetDateTime.now())));
        await().atMost(Duration.ofSeconds(60)).until(() -> count(
                "SELECT count(*) FROM outbox_event WHERE type = ? AND subject = ?", ErasureEvents.COMPLETED,
                probe.toString()) == 1);

        assertThat(count("SELECT count(*) FROM outbox_event WHERE type = ? AND subject = ?", ErasureEvents.COMPLETED,
                erasureId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE type = ? AND subject = ?",
                ProposalEvents.SUPPORT_WITHDRAWN, others)).isEqualTo(1);
        assertCountsReconcile(others);
    }

    @Test
    void aSecondRequestWhilePendingAnswersTheSameOneAndOnlyTheTokenNamesThePerson() {
        List<String> tokens = TestUsers.tokens("erasure-pending", 2);
        as(tokens.get(1)).get(ERASURE).then().statusCode(404);
        long requests = count("SELECT count(*) FROM erasure_request");

        String first = as(tokens.get(0)).body("{\"contributions\":\"PSEUDONYMOUS\"}").post(ERASURE).then()
                .statusCode(202).extract().path("id");
        String second = as(tokens.get(0)).body("{\"contributions\":\"WITHDRAW\"}").post(ERASURE).then()
                .statusCode(202).extract().path("id");

        assertThat(second).isEqualTo(first);
        assertThat(count("SELECT count(*) FROM erasure_request")).isEqualTo(requests + 1);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE type = ? AND subject = ?",
                ErasureEvents.REQUESTED, first)).isEqualTo(1);
        // Another person has no request of their own, and cannot reach this one: no parameter names a person.
        as(tokens.get(1)).get(ERASURE).then().statusCode(404);
        as(tokens.get(1)).queryParam("account", "x").get(ERASURE).then().statusCode(404);
    }

    @Test
    void anonymousAndBadRequestsChangeNothing() {
        long requests = count("SELECT count(*) FROM erasure_request");
        given().contentType(ContentType.JSON).body("{\"contributions\":\"PSEUDONYMOUS\"}").post(ERASURE).then()
                .statusCode(401);
        given().get(ERASURE).then().statusCode(401);
        String token = TestUsers.tokens("erasure-bad", 1).get(0);
        as(token).body("{\"contributions\":\"TUTTO\"}").post(ERASURE).then().statusCode(422)
                .contentType("application/problem+json");
        as(token).body("{}").post(ERASURE).then().statusCode(422).contentType("application/problem+json");

        assertThat(count("SELECT count(*) FROM erasure_request")).isEqualTo(requests);
    }

    private void awaitServiceCompleted(String token, String service) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(token).get(ERASURE).then().statusCode(200)
                .body("services." + service, equalTo("COMPLETED")));
    }

    /** Every public counter of these proposals equals the rows it counts. */
    private void assertCountsReconcile(String... proposals) {
        String ids = "{" + String.join(",", proposals) + "}";
        assertThat(count("""
                SELECT count(*) FROM proposal p WHERE p.id = ANY(?::uuid[])
                AND p.supports <> (SELECT count(*) FROM support s WHERE s.proposal_id = p.id)""", ids)).isZero();
        assertThat(count("""
                SELECT count(*) FROM proposal p WHERE p.id = ANY(?::uuid[])
                AND p.flags <> (SELECT count(*) FROM flag f WHERE f.proposal_id = p.id)""", ids)).isZero();
    }

    /**
     * Each table whose rows, read as text, contain {@code account}; {@code exceptRequest} leaves out the request
     * event, which proposal-service keeps in its outbox until every service answered.
     */
    private List<String> rowsNaming(String account, boolean exceptRequest) {
        List<String> tables = new ArrayList<>();
        String list = Jdbc.text(database, """
                SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'""");
        for (String table : list.split(",")) {
            String filter = exceptRequest && table.equals("outbox_event")
                    ? " AND t.type <> '" + ErasureEvents.REQUESTED + "'"
                    : "";
            if (count("SELECT count(*) FROM " + table + " t WHERE t::text LIKE ?" + filter,
                    "%" + account + "%") > 0) {
                tables.add(table);
            }
        }
        return tables;
    }

    private static io.cloudevents.CloudEvent completion(String erasureId, String service) {
        return EventPublisher.event(UUID.randomUUID(), "/" + service, ErasureEvents.COMPLETED, erasureId, "", """
                {"erasureId":"%s","service":"%s","completedAt":"%s"}""".formatted(erasureId, service,
                OffsetDateTime.now()));
    }

    private long count(String sql, Object... parameters) {
        return Jdbc.count(database, sql, parameters);
    }

    private String authorOf(String proposal) {
        return Jdbc.text(database, "SELECT author_id FROM proposal WHERE id = ?::uuid", proposal);
    }

    private String submit(String token, String title) {
        return as(token).body(Proposals.body(title)).post("/api/plans/" + planId + "/proposals").then()
                .statusCode(201).extract().path("id");
    }

    private static void support(String token, String proposal) {
        as(token).post("/api/proposals/" + proposal + "/supports").then().statusCode(201);
    }

    private static void comment(String token, String proposal, String text) {
        as(token).body("{\"body\":\"" + text + "\"}").post("/api/proposals/" + proposal + "/comments").then()
                .statusCode(201);
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }
}
