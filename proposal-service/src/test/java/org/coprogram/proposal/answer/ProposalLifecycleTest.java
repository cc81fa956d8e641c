package org.coprogram.proposal.answer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coprogram.proposal.OpenPlanTest;
import org.coprogram.proposal.Proposals;
import org.coprogram.proposal.proposal.ProposalEvents;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.MovableClock;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Edit, withdraw and answer, allowed and refused, for each role: citizen (the author, "cittadino"), another author
 * ("ets", organisation representative), moderator, region staff of the plan's region and of another region.
 */
@Tag("service")
@QuarkusTest
class ProposalLifecycleTest extends OpenPlanTest {

    static final String EDITED = Proposals.body("Assistenza domiciliare rinnovata", "poverta", Proposals.LECCE,
            "Un servizio di assistenza domiciliare rinnovato per le famiglie in difficoltà economica.");

    static Stream<Arguments> editors() {
        return Stream.of(Arguments.of("cittadino", 200), Arguments.of("ets", 403), Arguments.of("moderatore", 403),
                Arguments.of("regione", 403), Arguments.of(null, 401));
    }

    @ParameterizedTest(name = "{0} edits → {1}")
    @MethodSource("editors")
    void onlyTheAuthorEditsAFreshProposal(String user, int status) {
        String id = Proposals.submit("cittadino", planId, Proposals.body("Assistenza domiciliare agli anziani"));
        long events = events(id);
        (user == null ? given().contentType("application/json") : Proposals.as(user)).body(EDITED)
                .put("/api/proposals/" + id).then().statusCode(status);
        String title = Proposals.get(null, id).extract().path("title");
        if (status == 200) {
            assertThat(title).isEqualTo("Assistenza domiciliare rinnovata");
            assertThat(events(id)).isEqualTo(events + 1);
            given().queryParam("q", "difficoltà economiche").get("/api/plans/" + planId + "/proposals").then()
                    .body("items.id", hasItem(id));
        } else {
            assertThat(title).isEqualTo("Assistenza domiciliare agli anziani");
            assertThat(events(id)).isEqualTo(events);
        }
    }

    @Test
    void editIsRefusedOnceSupportedAfterTheWindowOrWhenInvalid() {
        String supported = Proposals.submit("cittadino", planId, Proposals.body("Assistenza domiciliare agli anziani"));
        Proposals.as("ets").post("/api/proposals/" + supported + "/supports").then().statusCode(201);
        Proposals.as("cittadino").body(EDITED).put("/api/proposals/" + supported).then().statusCode(409)
                .contentType("application/problem+json");

        // The window (1 hour) is judged by the service's clock (docs/architecture.md, "Time").
        String old = Proposals.submit("cittadino", planId, Proposals.body("Assistenza domiciliare agli anziani"));
        MovableClock.INSTANCE.advance(Duration.ofHours(2));
        try {
            Proposals.as("cittadino").body(EDITED).put("/api/proposals/" + old).then().statusCode(409)
                    .body("detail", equalTo("Il tempo per modificare la proposta è scaduto"));
        } finally {
            MovableClock.INSTANCE.reset();
        }

        String fresh = Proposals.submit("cittadino", planId, Proposals.body("Assistenza domiciliare agli anziani"));
        Proposals.as("cittadino").body(EDITED.replace("poverta", "sport")).put("/api/proposals/" + fresh).then()
                .statusCode(422).body("violations.field", hasItem("theme"));
        Proposals.as("cittadino").body(EDITED.replace("Assistenza domiciliare rinnovata", "Corto"))
                .put("/api/proposals/" + fresh).then().statusCode(400).body("violations.field", hasItem("title"));
        Proposals.get(null, fresh).body("theme", equalTo("anziani"));
        assertThat(events(old) + events(fresh)).isZero();
    }

    static Stream<Arguments> withdrawers() {
        return Stream.of(Arguments.of("cittadino", 200), Arguments.of("ets", 403), Arguments.of("moderatore", 403),
                Arguments.of("regione", 403));
    }

    @ParameterizedTest(name = "{0} withdraws → {1}")
    @MethodSource("withdrawers")
    void onlyTheAuthorWithdraws(String user, int status) {
        String id = Proposals.submit("cittadino", planId, Proposals.body("Centro diurno per anziani soli"));
        Proposals.as(user).post("/api/proposals/" + id + "/withdrawal").then().statusCode(status);
        Proposals.get(null, id).body("status", equalTo(status == 200 ? "WITHDRAWN" : "SUBMITTED"));
    }

    @Test
    void withdrawnProposalLeavesTheDefaultListAndTakesNoAnswerOrSecondWithdrawal() {
        String id = Proposals.submit("cittadino", planId, Proposals.body("Centro diurno per anziani soli"));
        try (TopicReader topic = TopicReader.fromNow(ProposalEvents.TOPIC)) {
            Proposals.as("cittadino").post("/api/proposals/" + id + "/withdrawal").then().statusCode(200)
                    .body("withdrawnAt", not(nullValue()));
            assertThat(topic.await(TopicReader.ofType(ProposalEvents.WITHDRAWN, id), 1, Duration.ofSeconds(15),
                    database)).hasSize(1);
        }
        Proposals.as("cittadino").post("/api/proposals/" + id + "/withdrawal").then().statusCode(409);
        answer("regione", id, "ACCEPTED", null).then().statusCode(409);
        given().get("/api/plans/" + planId + "/proposals?size=100").then().body("items.id", not(hasItem(id)));
        given().get("/api/plans/" + planId + "/proposals?size=100&status=WITHDRAWN").then()
                .body("items.id", hasItem(id));
    }

    static Stream<Arguments> answerers() {
        return Stream.of(Arguments.of("regione", 200), Arguments.of("regione-abruzzo", 403),
                Arguments.of("cittadino", 403), Arguments.of("ets", 403), Arguments.of("moderatore", 403),
                Arguments.of("ambito", 403));
    }

    @ParameterizedTest(name = "{0} answers → {1}")
    @MethodSource("answerers")
    void onlyStaffOfThePlansRegionAnswers(String user, int status) {
        String id = Proposals.submit("cittadino", planId, Proposals.body("Assistenza domiciliare agli anziani"));
        answer(user, id, "ACCEPTED", null).then().statusCode(status);
        Proposals.get(null, id).body("status", equalTo(status == 200 ? "ACCEPTED" : "SUBMITTED"));
        assertThat(Jdbc.count(database,
                "SELECT count(*) FROM outbox_event WHERE subject = ? AND type = ?", id, ProposalEvents.ANSWERED))
                .isEqualTo(status == 200 ? 1 : 0);
    }

    @Test
    void answerIsPublicAndAnAuthorCannotWithdrawAnAnsweredProposal() {
        String id = Proposals.submit("cittadino", planId, Proposals.body("Assistenza domiciliare agli anziani"));
        try (TopicReader topic = TopicReader.fromNow(ProposalEvents.TOPIC)) {
            answer("regione", id, "PARTIALLY_ACCEPTED", null).then().statusCode(200);
            List<ConsumerRecord<String, String>> events = topic.await(
                    TopicReader.ofType(ProposalEvents.ANSWERED, id), 1, Duration.ofSeconds(15), database);
            assertThat(events.get(0).value()).contains("\"status\":\"PARTIALLY_ACCEPTED\"");
        }
        Proposals.get(null, id).body("answer.status", equalTo("PARTIALLY_ACCEPTED"))
                .body("answer.text", equalTo("La Regione accoglie la proposta nel Piano."));
        // A later answer corrects the first.
        answer("regione", id, "ACCEPTED", null).then().statusCode(200).body("answer.status", equalTo("ACCEPTED"));
        Proposals.as("cittadino").post("/api/proposals/" + id + "/withdrawal").then().statusCode(409);
    }

    @Test
    void mergeListsTheProposalOnItsTargetAndRefusesInvalidTargets() {
        String target = Proposals.submit("ets", planId, Proposals.body("Rete per l'assistenza domiciliare"));
        String merged = Proposals.submit("cittadino", planId, Proposals.body("Assistenza domiciliare agli anziani"));
        String withdrawn = Proposals.submit("cittadino", planId, Proposals.body("Centro diurno per anziani soli"));
        Proposals.as("cittadino").post("/api/proposals/" + withdrawn + "/withdrawal").then().statusCode(200);
        UUID otherPlan = Proposals.openPlan(publisher, database);
        String elsewhere = Proposals.submit("cittadino", otherPlan, Proposals.body("Assistenza domiciliare altrove"));
        String fresh = Proposals.submit("cittadino", planId, Proposals.body("Trasporto sociale per anziani"));

        answer("regione", fresh, "MERGED", fresh).then().statusCode(422).body("violations.field",
                hasItem("mergedInto"));
        answer("regione", fresh, "MERGED", null).then().statusCode(422).body("violations.field", hasItem("mergedInto"));
        answer("regione", fresh, "ACCEPTED", target).then().statusCode(422);
        answer("regione", fresh, "MERGED", withdrawn).then().statusCode(422);
        answer("regione", fresh, "MERGED", elsewhere).then().statusCode(422);
        answer("regione", fresh, "MERGED", UUID.randomUUID().toString()).then().statusCode(422);
        answer("regione", fresh, "SUBMITTED", null).then().statusCode(422).body("violations.field", hasItem("status"));
        answer("regione", fresh, "REJECTED", null).then().statusCode(400).body("violations.field", hasItem("status"));
        Proposals.get(null, fresh).body("status", equalTo("SUBMITTED")).body("answer", nullValue());

        answer("regione", merged, "MERGED", target).then().statusCode(200).body("mergedInto", equalTo(target));
        Proposals.get(null, target).body("mergedFrom.id", contains(merged));
        answer("regione", fresh, "MERGED", merged).then().statusCode(422);
        answer("regione", merged, "ACCEPTED", null).then().statusCode(409);
        Proposals.as("ets").post("/api/proposals/" + merged + "/supports").then().statusCode(409);
        assertThat(Jdbc.count(database,
                "SELECT count(*) FROM outbox_event WHERE subject = ? AND type = ?", fresh, ProposalEvents.ANSWERED))
                .isZero();
    }

    @Test
    void regionStaffReadsWhoDidWhatAndNobodyElseDoes() {
        String id = Proposals.submit("cittadino", planId, Proposals.body("Assistenza domiciliare agli anziani"));
        Proposals.as("cittadino").body(EDITED).put("/api/proposals/" + id).then().statusCode(200);
        answer("regione", id, "NOT_ACCEPTED", null).then().statusCode(200);
        Proposals.as("regione").get("/api/proposals/" + id + "/audit").then().statusCode(200)
                .body("action", contains("proposal.submit", "proposal.edit", "proposal.answer"))
                .body("[2].details", equalTo("NOT_ACCEPTED"));
        Proposals.as("cittadino").get("/api/proposals/" + id + "/audit").then().statusCode(403);
        Proposals.as("regione-abruzzo").get("/api/proposals/" + id + "/audit").then().statusCode(403);
        Proposals.as("moderatore").get("/api/proposals/" + id + "/audit").then().statusCode(403);
        given().get("/api/proposals/" + id + "/audit").then().statusCode(401);
    }

    private static io.restassured.response.Response answer(String user, String id, String status, String into) {
        String mergedInto = into == null ? "" : ",\"mergedInto\":\"" + into + "\"";
        return Proposals.as(user).body("""
                {"status":"%s","text":"La Regione accoglie la proposta nel Piano."%s}""".formatted(status, mergedInto))
                .post("/api/proposals/" + id + "/answer");
    }

    private long events(String id) {
        return Jdbc.count(database,
                "SELECT count(*) FROM outbox_event WHERE subject = ? AND type <> ?", id, ProposalEvents.SUBMITTED);
    }
}
