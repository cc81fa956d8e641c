package org.coprogram.proposal.comment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.MeasureIds;
import org.coprogram.contracts.Topics;
import org.coprogram.proposal.OpenPlanTest;
import org.coprogram.proposal.Proposals;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.PlanFixture;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Comments (docs/dialogue.md): threads, edit and delete, flags, moderation by region, other targets, anchors. */
@Tag("service")
@QuarkusTest
class CommentsTest extends OpenPlanTest {

    @Test
    void oneLevelOfRepliesAReplyToAReplyIsRefusedInItalian() {
        String proposal = Proposals.submit("cittadino", planId, Proposals.body("Trasporto sociale per anziani"));
        String top = comment("cittadino", "proposals", proposal, "{\"body\":\"Serve anche nei piccoli comuni.\"}")
                .statusCode(201).body("status", equalTo("PUBLISHED")).body("mine", equalTo(true)).extract()
                .path("id");
        String reply = comment("ets", "proposals", proposal,
                "{\"body\":\"Concordo, con mezzi attrezzati.\",\"parentId\":\"" + top + "\"}").statusCode(201)
                .body("parentId", equalTo(top)).extract().path("id");
        comment("cittadino", "proposals", proposal,
                "{\"body\":\"Risposta alla risposta\",\"parentId\":\"" + reply + "\"}").statusCode(422)
                .contentType("application/problem+json").body("violations[0].field", equalTo("parentId"))
                .body("detail", equalTo(
                        "si può rispondere a un commento, non a una risposta: rispondi al commento di partenza"));

        given().get("/api/proposals/" + proposal + "/comments").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].id", equalTo(top)).body("items[0].replies.id", contains(reply))
                .body("items[0].mine", nullValue());
        Proposals.get(null, proposal).statusCode(200).body("comments", equalTo(2));
        given().queryParam("size", 100).get("/api/plans/" + planId + "/proposals").then()
                .body("items.find { it.id == '" + proposal + "' }.comments", equalTo(2));
        given().queryParam("targetType", "PROPOSAL").queryParam("ids", proposal).get("/api/comments/counts").then()
                .statusCode(200).body("counts." + proposal, equalTo(2));
    }

    @Test
    void anonymousPartnerAndUnknownTargetsWriteNothing() {
        String proposal = Proposals.submit("cittadino", planId, Proposals.body("Centro diurno per disabili"));
        String body = "{\"body\":\"Un commento\"}";
        given().contentType(ContentType.JSON).body(body).post("/api/proposals/" + proposal + "/comments").then()
                .statusCode(401);
        given().auth().oauth2(Tokens.ofClient("partner-demo", "partner-demo-secret")).contentType(ContentType.JSON)
                .body(body).post("/api/proposals/" + proposal + "/comments").then().statusCode(403);
        comment("cittadino", "proposals", UUID.randomUUID().toString(), body).statusCode(404)
                .contentType("application/problem+json");
        comment("cittadino", "meetings", UUID.randomUUID().toString(), body).statusCode(404)
                .body("detail", equalTo("Incontro non trovato"));
        comment("cittadino", "proposals", proposal, "{\"body\":\"  \"}").statusCode(400)
                .body("violations.field", hasItem("body"));
        comment("cittadino", "proposals", proposal,
                "{\"body\":\"Cito\",\"anchor\":{\"version\":1,\"exact\":\"centro\"}}").statusCode(422)
                .body("violations[0].field", equalTo("anchor"));
        assertThat(Jdbc.count(database, "SELECT count(*) FROM comment WHERE target_id::text = ?", proposal)).isZero();
    }

    @Test
    void anIdempotencyKeyReplaysTheCreatedComment() {
        String proposal = Proposals.submit("cittadino", planId, Proposals.body("Sportello per famiglie"));
        String key = UUID.randomUUID().toString();
        String first = Proposals.as("cittadino").header("Idempotency-Key", key).body("{\"body\":\"Una volta\"}")
                .post("/api/proposals/" + proposal + "/comments").then().statusCode(201).extract().path("id");
        Proposals.as("cittadino").header("Idempotency-Key", key).body("{\"body\":\"Una volta\"}")
                .post("/api/proposals/" + proposal + "/comments").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first));
        assertThat(Jdbc.count(database, "SELECT count(*) FROM comment WHERE target_id::text = ?", proposal))
                .isEqualTo(1);
    }

    @Test
    void theAuthorEditsWithinTheWindowAndDeletesLeavingAPlaceholderOnlyWhereThereAreReplies() {
        String proposal = Proposals.submit("cittadino", planId, Proposals.body("Mensa sociale di quartiere"));
        String top = comment("cittadino", "proposals", proposal, "{\"body\":\"Prima versione\"}").statusCode(201)
                .extract().path("id");
        String lonely = comment("cittadino", "proposals", proposal, "{\"body\":\"Senza risposte\"}")
                .statusCode(201).extract().path("id");
        comment("ets", "proposals", proposal, "{\"body\":\"Una risposta\",\"parentId\":\"" + top + "\"}")
                .statusCode(201);

        Proposals.as("ets").body("{\"body\":\"Non è mio\"}").patch("/api/comments/" + top).then().statusCode(403);
        Proposals.as("cittadino").body("{\"body\":\"Seconda versione\"}").patch("/api/comments/" + top).then()
                .statusCode(200).body("body", equalTo("Seconda versione")).body("editedAt", not(nullValue()));
        Jdbc.update(database, "UPDATE comment SET created_at = now() - interval '16 minutes' WHERE id::text = ?",
                top);
        Proposals.as("cittadino").body("{\"body\":\"Terza versione\"}").patch("/api/comments/" + top).then()
                .statusCode(409).body("detail", equalTo(
                        "Il tempo per modificare il commento è scaduto (15 minuti dalla pubblicazione)"));

        Proposals.as("ets").delete("/api/comments/" + top).then().statusCode(403);
        Proposals.as("cittadino").delete("/api/comments/" + top).then().statusCode(204);
        Proposals.as("cittadino").delete("/api/comments/" + lonely).then().statusCode(204);
        Proposals.as("cittadino").delete("/api/comments/" + lonely).then().statusCode(404);

        given().get("/api/proposals/" + proposal + "/comments").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].id", equalTo(top)).body("items[0].status", equalTo("DELETED"))
                .body("items[0].notice", equalTo("commento eliminato")).body("items[0].body", nullValue())
                .body("items[0].replies.size()", equalTo(1));
        Proposals.get(null, proposal).statusCode(200).body("comments", equalTo(1));
    }

    @Test
    void aPersonFlagsACommentOnce() {
        String proposal = Proposals.submit("cittadino", planId, Proposals.body("Borse lavoro per giovani"));
        String id = comment("cittadino", "proposals", proposal, "{\"body\":\"Commento da segnalare\"}")
                .statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body("{\"reason\":\"SPAM\"}").post("/api/comments/" + id + "/flags")
                .then().statusCode(401);
        Proposals.as("ets").body("{\"reason\":\"OTHER\"}").post("/api/comments/" + id + "/flags").then()
                .statusCode(422).body("violations.field", hasItem("details"));
        Proposals.as("ets").body("{\"reason\":\"SPAM\"}").post("/api/comments/" + id + "/flags").then()
                .statusCode(201);
        Proposals.as("ets").body("{\"reason\":\"OFFENSIVE\"}").post("/api/comments/" + id + "/flags").then()
                .statusCode(409).body("detail", equalTo("Hai già segnalato questo commento"));
        assertThat(Jdbc.count(database, "SELECT flags FROM comment WHERE id::text = ?", id)).isEqualTo(1);
    }

    @Test
    void onlyTheRegionsModeratorsHideAndRestoreAndHiddenCommentsLeaveListsCountsAndEvents() {
        String proposal = Proposals.submit("cittadino", planId, Proposals.body("Case famiglia per minori"));
        try (TopicReader topic = TopicReader.fromNow(Topics.PROPOSALS)) {
            String id = comment("cittadino", "proposals", proposal, "{\"body\":\"Testo con dati personali\"}")
                    .statusCode(201).extract().path("id");
            String hide = "{\"action\":\"HIDE\",\"reason\":\"Dati personali nel testo\"}";
            for (String user : List.of("cittadino", "ets", "regione", "ambito", "moderatore-abruzzo",
                    "regione-abruzzo")) {
                Proposals.as(user).body(hide).post("/api/comments/" + id + "/moderation").then().statusCode(403)
                        .contentType("application/problem+json");
            }
            given().contentType(ContentType.JSON).body(hide).post("/api/comments/" + id + "/moderation").then()
                    .statusCode(401);
            Proposals.as("moderatore").body("{\"action\":\"HIDE\"}").post("/api/comments/" + id + "/moderation")
                    .then().statusCode(400).body("violations.field", hasItem("reason"));
            Proposals.as("moderatore").body(hide).post("/api/comments/" + id + "/moderation").then().statusCode(200)
                    .body("status", equalTo("REMOVED")).body("body", nullValue());
            Proposals.as("moderatore").body(hide).post("/api/comments/" + id + "/moderation").then().statusCode(409);

            given().get("/api/proposals/" + proposal + "/comments").then().statusCode(200).body("total", equalTo(0));
            Proposals.as("cittadino").get("/api/proposals/" + proposal + "/comments").then().body("total",
                    equalTo(0));
            Proposals.get(null, proposal).statusCode(200).body("comments", equalTo(0));
            given().queryParam("targetType", "PROPOSAL").queryParam("ids", proposal).get("/api/comments/counts")
                    .then().body("counts." + proposal, equalTo(0));
            // A hidden comment's text is never emitted again: its edit is refused.
            Proposals.as("cittadino").body("{\"body\":\"Ora senza dati\"}").patch("/api/comments/" + id).then()
                    .statusCode(409);
            Proposals.as("cittadino").body("{\"reason\":\"SPAM\"}").post("/api/comments/" + id + "/flags").then()
                    .statusCode(404);

            Proposals.as("moderatore").body("{\"action\":\"RESTORE\",\"reason\":\"Dati rimossi dall'autore\"}")
                    .post("/api/comments/" + id + "/moderation").then().statusCode(200)
                    .body("status", equalTo("PUBLISHED"));
            given().get("/api/proposals/" + proposal + "/comments").then().body("items.id", contains(id));

            List<ConsumerRecord<String, String>> events = topic.await(
                    r -> proposal.equals(r.key())
                            && TopicReader.header(r, "ce_type").startsWith("org.coprogram.comment."),
                    3, Duration.ofSeconds(15), database);
            Map<String, Long> byType = events.stream()
                    .collect(Collectors.groupingBy(r -> TopicReader.header(r, "ce_type"), Collectors.counting()));
            assertThat(byType).isEqualTo(Map.of(EventTypes.COMMENT_CREATED, 1L, EventTypes.COMMENT_HIDDEN, 1L,
                    EventTypes.COMMENT_RESTORED, 1L));
            assertThat(events).allSatisfy(e -> assertThat(e.value()).doesNotContain("Dati personali nel testo",
                    "Ora senza dati"));
            assertThat(events.get(0).value()).contains("\"author\"").contains("\"theme\":\"anziani\"");
            assertThat(Jdbc.count(database, "SELECT count(*) FROM audit_entry WHERE target_id = ?"
                    + " AND action IN ('comment.hide', 'comment.restore')", id)).isEqualTo(2);
            assertThat(Jdbc.text(database, "SELECT details FROM audit_entry WHERE target_id = ?"
                    + " AND action = 'comment.hide'", id)).isEqualTo("Dati personali nel testo");
        }
    }

    @Test
    void anAbruzzoPlansCommentsAreModeratedByAbruzzosModeratorsOnly() {
        UUID abruzzo = PlanFixture.plan(publisher, "abruzzo", "CONSULTATION", Proposals.PROBE);
        Proposals.awaitPhase(database, abruzzo, "CONSULTATION");
        String proposal = Proposals.as("cittadino").body(Proposals.body("Centro diurno a Pescara per anziani",
                "anziani", "068028", "Un centro diurno per anziani soli nel quartiere, con trasporto e pasti."))
                .post("/api/plans/" + abruzzo + "/proposals").then().statusCode(201).extract().path("id");
        String id = comment("ets", "proposals", proposal, "{\"body\":\"Un commento abruzzese\"}").statusCode(201)
                .extract().path("id");
        String hide = "{\"action\":\"HIDE\",\"reason\":\"Prova tra regioni\"}";
        for (String user : List.of("moderatore", "regione", "regione-abruzzo", "ambito-pescara", "cittadino")) {
            Proposals.as(user).body(hide).post("/api/comments/" + id + "/moderation").then().statusCode(403);
        }
        Proposals.as("moderatore-abruzzo").body(hide).post("/api/comments/" + id + "/moderation").then()
                .statusCode(200);
        given().get("/api/proposals/" + proposal + "/comments").then().body("total", equalTo(0));
        assertThat(Jdbc.text(database, "SELECT region FROM comment WHERE id::text = ?", id)).isEqualTo("abruzzo");
    }

    @Test
    void meetingsAreLearnedFromTheirEventsAndACancelledMeetingTakesNoNewComments() {
        UUID meeting = UUID.randomUUID();
        publisher.publish(Topics.MEETINGS, meetingEvent(EventTypes.MEETING_SCHEDULED, meeting, "SCHEDULED"));
        awaitTarget("meetings", meeting);
        String id = comment("cittadino", "meetings", meeting.toString(), "{\"body\":\"Ci sarà l'interprete LIS?\"}")
                .statusCode(201).extract().path("id");
        given().queryParam("targetType", "MEETING").queryParam("ids", meeting + "," + UUID.randomUUID())
                .get("/api/comments/counts").then().statusCode(200).body("counts." + meeting, equalTo(1));
        given().queryParam("targetType", "NOTHING").get("/api/comments/counts").then().statusCode(422);

        String hide = "{\"action\":\"HIDE\",\"reason\":\"Prova tra regioni\"}";
        Proposals.as("moderatore-abruzzo").body(hide).post("/api/comments/" + id + "/moderation").then()
                .statusCode(403);
        Proposals.as("moderatore").body(hide).post("/api/comments/" + id + "/moderation").then().statusCode(200);
        given().queryParam("targetType", "MEETING").queryParam("ids", meeting.toString()).get("/api/comments/counts")
                .then().body("counts." + meeting, equalTo(0));

        publisher.publish(Topics.MEETINGS, meetingEvent(EventTypes.MEETING_CANCELLED, meeting, "CANCELLED"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> comment("cittadino", "meetings", meeting.toString(), "{\"body\":\"E ora?\"}")
                        .extract().statusCode() == 409);
    }

    @Test
    void aMeasureCommentsAnchorIsCheckedOnCreateAndFollowsTheTextOrIsMarkedAsOnAnEarlierVersion() {
        UUID plan = PlanFixture.plan(publisher, "puglia", "ADOPTION", Proposals.PROBE);
        Proposals.awaitPhase(database, plan, "ADOPTION");
        UUID measure = MeasureIds.of(plan, "M1");
        publisher.publish(Topics.PLANS, measureEvent(plan, 1, "Assistenza domiciliare",
                "Il servizio di assistenza domiciliare raggiunge 500 anziani entro il 2027, in ogni ambito."));
        awaitTarget("measures", measure);

        comment("cittadino", "measures", measure.toString(),
                "{\"body\":\"Troppo pochi\",\"anchor\":{\"version\":1,\"exact\":\"600 anziani\"}}").statusCode(422)
                .body("violations[0].field", equalTo("anchor.exact"));
        comment("cittadino", "measures", measure.toString(),
                "{\"body\":\"Troppo pochi\",\"anchor\":{\"version\":2,\"exact\":\"500 anziani\"}}").statusCode(422)
                .body("violations[0].field", equalTo("anchor.version"));
        String moved = comment("cittadino", "measures", measure.toString(),
                "{\"body\":\"Troppo pochi\",\"anchor\":{\"version\":1,\"exact\":\"500 anziani\","
                        + "\"prefix\":\"raggiunge \",\"suffix\":\" entro\"}}")
                .statusCode(201).body("anchorResolution.status", equalTo("CURRENT"))
                .body("anchorResolution.version", equalTo(1)).body("anchorResolution.start", equalTo(48))
                .extract().path("id");
        String changed = comment("ets", "measures", measure.toString(),
                "{\"body\":\"Troppo tardi\",\"anchor\":{\"version\":1,\"exact\":\"entro il 2027\"}}").statusCode(201)
                .extract().path("id");

        publisher.publish(Topics.PLANS, measureEvent(plan, 2, "Assistenza domiciliare",
                "In ogni ambito, entro il 2028, il servizio di assistenza domiciliare raggiunge 500 anziani."));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> Jdbc.count(database,
                "SELECT count(*) FROM measure_text WHERE measure_id::text = ? AND version = 2",
                measure.toString()) == 1);
        String v2 = "In ogni ambito, entro il 2028, il servizio di assistenza domiciliare raggiunge ";
        given().get("/api/measures/" + measure + "/comments").then().statusCode(200).body("total", equalTo(2))
                .body("items.find { it.id == '" + moved + "' }.anchorResolution.status", equalTo("CURRENT"))
                .body("items.find { it.id == '" + moved + "' }.anchorResolution.version", equalTo(2))
                .body("items.find { it.id == '" + moved + "' }.anchorResolution.start", equalTo(v2.length()))
                .body("items.find { it.id == '" + changed + "' }.anchorResolution.status",
                        equalTo("EARLIER_VERSION"))
                .body("items.find { it.id == '" + changed + "' }.anchorResolution.version", equalTo(1))
                .body("items.find { it.id == '" + changed + "' }.anchor.exact", equalTo("entro il 2027"));

        publisher.publish(Topics.PLANS, PlanFixture.planEvent(UUID.randomUUID(), PlanFixture.PHASE_CHANGED, plan,
                "puglia", "MONITORING"));
        Proposals.awaitPhase(database, plan, "MONITORING");
        comment("cittadino", "measures", measure.toString(), "{\"body\":\"Ora è adottato\"}").statusCode(409)
                .body("detail", equalTo("Il piano è già adottato o chiuso: non accetta più commenti"));
    }

    // --- helpers

    static ValidatableResponse comment(String user, String kind, String id, String body) {
        return Proposals.as(user).body(body).post("/api/" + kind + "/" + id + "/comments").then();
    }

    static void awaitTarget(String kind, UUID id) {
        await(kind + " " + id + " known").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().get("/api/" + kind + "/" + id + "/comments").statusCode() == 200);
    }

    private io.cloudevents.CloudEvent meetingEvent(String type, UUID meeting, String status) {
        String data = """
                {"id":"%s","planId":"%s","type":"TERRITORIAL","title":"Incontro a Bari","description":null,
                 "themes":["anziani"],"district":null,"municipality":"072006","province":"072","address":"Via Roma 1",
                 "onlineUrl":null,"accessibilityNotes":null,"startsAt":"2026-12-20T16:00:00Z",
                 "endsAt":"2026-12-20T18:00:00Z","capacity":50,"confirmed":0,"seatsLeft":50,
                 "registrationClosesAt":null,"status":"%s"}""".formatted(meeting, planId, status);
        return EventPublisher.event(UUID.randomUUID(), "/meeting-service", type, meeting.toString(),
                planId.toString(), data);
    }

    private static io.cloudevents.CloudEvent measureEvent(UUID plan, int version, String title, String description) {
        String data = """
                {"planId":"%s","region":"puglia","version":%d,"measureId":"%s","code":"M1","title":"%s",
                 "description":"%s","theme":"anziani"}""".formatted(plan, version, MeasureIds.of(plan, "M1"), title,
                description);
        return EventPublisher.event(UUID.randomUUID(), "/synthesis-service", EventTypes.PLAN_MEASURE_PUBLISHED,
                plan.toString(), plan.toString(), data);
    }
}
