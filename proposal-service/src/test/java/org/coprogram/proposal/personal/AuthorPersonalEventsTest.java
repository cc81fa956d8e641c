package org.coprogram.proposal.personal;

import static org.assertj.core.api.Assertions.assertThat;

import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.Topics;
import org.coprogram.proposal.OpenPlanTest;
import org.coprogram.proposal.Proposals;
import org.coprogram.proposal.proposal.ProposalEvents;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.PersonalEventRows;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The personal events of a proposal's author (docs/dialogue-participation.md): each recorded once, in the outbox
 * transaction of the change, on the restricted topic only; nothing when the change is refused; and the author's
 * account never on a public topic.
 */
@Tag("service")
@QuarkusTest
class AuthorPersonalEventsTest extends OpenPlanTest {

    @Test
    void submittingAProposalMakesItsAuthorFollowItOnce() {
        String id = Proposals.submit("cittadino", planId, Proposals.body("Trasporto sociale per gli anziani"));
        String account = author(id);

        assertThat(personal(EventTypes.PERSON_FOLLOW_STARTED, account, id)).isEqualTo(1);
        assertThat(Jdbc.text(database,
                "SELECT payload::jsonb ->> 'reason' FROM outbox_event WHERE topic = ? AND type = ?"
                        + " AND payload LIKE ?",
                Topics.PERSONAL, EventTypes.PERSON_FOLLOW_STARTED, "%" + id + "%"))
                .isEqualTo("AUTHOR");
        assertThat(onPublicTopics(account)).isZero();
    }

    @Test
    void theAuthorIsToldOfTheAnswerOnceKeyedByTheAnswerEvent() {
        String id = Proposals.submit("cittadino", planId, Proposals.body("Centro diurno per persone con disabilità"));
        String account = author(id);

        answer("regione-abruzzo", id, "ACCEPTED", null, 403);
        answer("cittadino", id, "ACCEPTED", null, 403);
        assertThat(notifications(account, id, "PROPOSAL_ANSWERED")).isZero();

        answer("regione", id, "PARTIALLY_ACCEPTED", null, 200);
        assertThat(notifications(account, id, "PROPOSAL_ANSWERED")).isEqualTo(1);
        String answered = Jdbc.text(database, "SELECT id::text FROM outbox_event WHERE subject = ? AND type = ?", id,
                ProposalEvents.ANSWERED);
        assertThat(Jdbc.text(database, "SELECT payload::jsonb ->> 'notificationKey' FROM outbox_event"
                + " WHERE topic = ? AND subject = ? AND payload::jsonb -> 'subject' ->> 'id' = ?", Topics.PERSONAL,
                account, id))
                .isEqualTo(answered + ":PROPOSAL_ANSWERED");
        assertThat(Jdbc.text(database, "SELECT payload::jsonb -> 'data' ->> 'status' FROM outbox_event"
                + " WHERE topic = ? AND type = ? AND payload LIKE ?", Topics.PERSONAL,
                EventTypes.PERSON_NOTIFICATION_REQUESTED, "%" + id + "%")).isEqualTo("PARTIALLY_ACCEPTED");
        assertThat(onPublicTopics(account)).isZero();
    }

    @Test
    void aMergedProposalsAuthorIsToldOfTheMergeNotOfAnAnswer() {
        String target = Proposals.submit("ets", planId, Proposals.body("Rete di trasporto sociale provinciale"));
        String merged = Proposals.submit("cittadino", planId, Proposals.body("Trasporto sociale a Bari"));
        String account = author(merged);

        answer("regione", merged, "MERGED", target, 200);

        assertThat(notifications(account, merged, "PROPOSAL_MERGED")).isEqualTo(1);
        assertThat(notifications(account, merged, "PROPOSAL_ANSWERED")).isZero();
        // The target's author is not told of another's merge.
        assertThat(Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE topic = ? AND type = ?"
                + " AND payload::jsonb -> 'subject' ->> 'id' = ?", Topics.PERSONAL,
                EventTypes.PERSON_NOTIFICATION_REQUESTED, target)).isZero();
    }

    @Test
    void theAuthorIsToldWhenModerationHidesAndRestoresTheProposal() {
        String id = Proposals.submit("cittadino", planId, Proposals.body("Sportello di ascolto per i giovani"));
        String account = author(id);
        String hide = "{\"action\":\"HIDE\",\"note\":\"Dati personali nel testo\"}";
        String restore = "{\"action\":\"RESTORE\",\"note\":\"Testo corretto\"}";

        Proposals.as("moderatore-abruzzo").body(hide).post("/api/proposals/" + id + "/moderation").then()
                .statusCode(403);
        assertThat(notifications(account, id, "PROPOSAL_HIDDEN")).isZero();

        Proposals.as("moderatore").body(hide).post("/api/proposals/" + id + "/moderation").then().statusCode(200);
        // Hiding a hidden proposal is refused and tells nobody anything.
        Proposals.as("moderatore").body(hide).post("/api/proposals/" + id + "/moderation").then().statusCode(409);
        assertThat(notifications(account, id, "PROPOSAL_HIDDEN")).isEqualTo(1);

        Proposals.as("moderatore").body(restore).post("/api/proposals/" + id + "/moderation").then()
                .statusCode(200);
        assertThat(notifications(account, id, "PROPOSAL_RESTORED")).isEqualTo(1);
        assertThat(onPublicTopics(account)).isZero();
    }

    @Test
    void aCommentNamesItsAuthorOnlyOnTheRestrictedTopicOnceAndARefusedOneNotAtAll() {
        String id = Proposals.submit("ets", planId, Proposals.body("Educativa domiciliare per minori"));
        String comment = Proposals.as("cittadino").body("{\"body\":\"Servono più educatori nei piccoli comuni.\"}")
                .post("/api/proposals/" + id + "/comments").then().statusCode(201).extract().path("id");
        String account = Jdbc.text(database, "SELECT author_id FROM comment WHERE id = ?::uuid", comment);

        assertThat(Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE topic = ? AND type = ? AND subject = ?"
                + " AND payload::jsonb ->> 'commentId' = ? AND payload::jsonb ->> 'targetId' = ?", Topics.PERSONAL,
                EventTypes.PERSON_COMMENT_POSTED, account, comment, id)).isEqualTo(1);
        assertThat(onPublicTopics(account)).isZero();

        long before = Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE type = ?",
                EventTypes.PERSON_COMMENT_POSTED);
        Proposals.as("cittadino").body("{\"body\":\"\"}").post("/api/proposals/" + id + "/comments").then()
                .statusCode(400);
        assertThat(Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE type = ?",
                EventTypes.PERSON_COMMENT_POSTED)).isEqualTo(before);
    }

    @Test
    void noAccountIdAppearsOnAnyPublicTopic() {
        Proposals.submit("cittadino", planId, Proposals.body("Assistenza domiciliare agli anziani"));
        Proposals.submit("ets", planId, Proposals.body("Assistenza domiciliare per le famiglie"));
        assertThat(Jdbc.count(database, "SELECT count(*) FROM outbox_event e WHERE e.topic <> ? AND EXISTS ("
                + "SELECT 1 FROM proposal p WHERE p.origin IS NULL AND (e.subject = p.author_id"
                + " OR e.payload LIKE '%' || p.author_id || '%'))",
                Topics.PERSONAL)).isZero();
    }

    @Test
    void everyPersonalEventConformsToItsSchemaClosedToUndocumentedFields() {
        submitSomething();
        assertThat(PersonalEventRows.nonConforming(database)).isEmpty();
    }

    /** A follow and a notification of each proposal kind, so the outbox holds every shape this service writes. */
    private void submitSomething() {
        String answered = Proposals.submit("cittadino", planId, Proposals.body("Centro per le famiglie"));
        answer("regione", answered, "ACCEPTED", null, 200);
        String hidden = Proposals.submit("cittadino", planId, Proposals.body("Sportello per il lavoro"));
        Proposals.as("moderatore").body("{\"action\":\"HIDE\",\"note\":\"Da rivedere\"}")
                .post("/api/proposals/" + hidden + "/moderation").then().statusCode(200);
        Proposals.as("ets").body("{\"body\":\"Utile anche per i giovani disoccupati.\"}")
                .post("/api/proposals/" + answered + "/comments").then().statusCode(201);
    }

    private String author(String proposalId) {
        return Jdbc.text(database, "SELECT author_id FROM proposal WHERE id = ?", proposalId);
    }

    private long personal(String type, String account, String proposalId) {
        return Jdbc.count(database,
                "SELECT count(*) FROM outbox_event WHERE topic = ? AND type = ? AND subject = ? AND payload LIKE ?",
                Topics.PERSONAL, type, account, "%" + proposalId + "%");
    }

    private long notifications(String account, String proposalId, String kind) {
        return Jdbc.count(database, "SELECT count(*) FROM outbox_event WHERE topic = ? AND type = ? AND subject = ?"
                + " AND payload::jsonb ->> 'kind' = ? AND payload::jsonb -> 'subject' ->> 'id' = ?"
                + " AND payload::jsonb ->> 'accountId' = ?", Topics.PERSONAL,
                EventTypes.PERSON_NOTIFICATION_REQUESTED, account, kind, proposalId, account);
    }

    private long onPublicTopics(String account) {
        return Jdbc.count(database,
                "SELECT count(*) FROM outbox_event WHERE topic <> ? AND (subject = ? OR payload LIKE ?)",
                Topics.PERSONAL, account, "%" + account + "%");
    }

    private static void answer(String user, String id, String status, String into, int expected) {
        String mergedInto = into == null ? "" : ",\"mergedInto\":\"" + into + "\"";
        Proposals.as(user).body("""
                {"status":"%s","text":"La Regione accoglie la proposta nel Piano."%s}""".formatted(status, mergedInto))
                .post("/api/proposals/" + id + "/answer").then().statusCode(expected);
    }
}
