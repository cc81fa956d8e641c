package org.coprogram.proposal.proposal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.outbox.OutboxEvent;
import org.coprogram.common.personal.PersonalEvents;
import org.coprogram.common.planview.PlanView;
import org.coprogram.common.planview.PlanViews;
import org.coprogram.contracts.Phase;
import org.coprogram.contracts.StakeholderCategory;
import org.coprogram.proposal.personal.AuthorNotices;
import org.coprogram.testing.EventPublisher;
import org.coprogram.testing.Jdbc;
import org.coprogram.testing.PlanFixture;
import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A submission without an Idempotency-Key is one statement ({@link SubmissionRepository}): it writes what the
 * transaction it replaces writes, and nothing when the plan's view changed or left consultation after it was read.
 */
@Tag("service")
@QuarkusTest
class SubmissionInOneStatementTest {

    private static final String ROW = """
            SELECT concat_ws('|', plan_id, kind, title, body, theme, municipality, district, province, category,
                             coalesce(organization, '-'), status, visibility, supports, flags, open_flags, version,
                             comments, comment_count, title_terms, body_terms, search::text, origin IS NULL,
                             author_id, author_pseudonym, created_at = updated_at, reviewed_at IS NULL,
                             answered_at IS NULL, withdrawn_at IS NULL)
            FROM proposal WHERE id = ?::uuid""";

    @Inject
    DataSource database;

    @Inject
    SubmissionRepository submissions;

    @Inject
    Outbox outbox;

    @Inject
    AuthorNotices notices;

    @Inject
    PlanViews plans;

    @Test
    void theStatementWritesTheRowAuditAndEventsTheTransactionWrites() throws Exception {
        UUID plan = plan();
        String body = """
                {"kind":"IDEA","title":"Centri diurni aperti anche il sabato","theme":"anziani","municipality":"072006",
                 "body":"Aprire i centri diurni per anziani anche il sabato mattina, con trasporto dai quartieri."}""";
        String byStatement = submit(plan, body, null);
        String byTransaction = submit(plan, body, UUID.randomUUID().toString());

        assertThat(Jdbc.text(database, ROW, byStatement)).isEqualTo(Jdbc.text(database, ROW, byTransaction))
                .contains("|SUBMITTED|VISIBLE|0|0|0|0|0|0|");
        assertThat(count("SELECT count(*) FROM proposal WHERE id = ?::uuid AND title_terms <> '' AND body_terms <> ''"
                + " AND search @@ plainto_tsquery('simple', title_terms)", byStatement)).isEqualTo(1);
        for (String id : new String[]{byStatement, byTransaction}) {
            assertThat(count("SELECT count(*) FROM audit_entry WHERE action = ? AND target_type = 'proposal'"
                    + " AND target_id = ? AND actor = (SELECT author_id FROM proposal WHERE id = ?::uuid)",
                    ProposalService.SUBMIT_ACTION, id, id)).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM outbox_event WHERE topic = ? AND type = ? AND subject = ?"
                    + " AND plan_id = ?", ProposalEvents.TOPIC, ProposalEvents.SUBMITTED, id, plan.toString()))
                    .isEqualTo(1);
            assertThat(count("SELECT count(*) FROM outbox_event WHERE topic = ? AND type = ? AND plan_id = ?"
                    + " AND payload::jsonb ->> 'targetId' = ? AND payload::jsonb ->> 'reason' = 'AUTHOR'",
                    PersonalEvents.TOPIC, PersonalEvents.FOLLOW_STARTED, plan.toString(), id)).isEqualTo(1);
        }
        // The same event data, but for the proposal's id and time.
        assertThat(payload(byStatement).replace(byStatement, "ID").replaceAll("\"createdAt\":\"[^\"]+\"", "T"))
                .isEqualTo(payload(byTransaction).replace(byTransaction, "ID")
                        .replaceAll("\"createdAt\":\"[^\"]+\"", "T"));
    }

    @Test
    void aPlanChangedAfterItWasReadGetsNothingWritten() throws Exception {
        UUID plan = plan();
        OffsetDateTime read = updatedAt(plan).minusNanos(1_000);

        assertInsertWritesNothing(submission(plan, read));
    }

    @Test
    void aPlanThatLeftConsultationGetsNothingWritten() throws Exception {
        UUID plan = plan();
        // As a phase event is applied: the phase changes, and with it updated_at.
        Jdbc.update(database, "UPDATE plan_view SET phase = 'SYNTHESIS', updated_at = clock_timestamp()"
                + " WHERE id = ?::uuid", plan.toString());

        assertInsertWritesNothing(submission(plan, updatedAt(plan)));
    }

    @Test
    void theStatementWritesWhenThePlanIsAsRead() throws Exception {
        UUID plan = plan();
        Submission current = submission(plan, updatedAt(plan));

        assertThat(insert(current)).isSameAs(current.proposal());

        assertThat(count("SELECT count(*) FROM proposal WHERE id = ?::uuid", current.proposal().id.toString()))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE id IN (?::uuid, ?::uuid)",
                current.submitted().id.toString(), current.follow().id.toString())).isEqualTo(2);
    }

    /** The kept copy of a plan's view is never served once the row changed, and is the same object until then. */
    @Test
    void theCurrentPlanViewIsNeverStale() throws Exception {
        UUID plan = plan();
        PlanView first = plans.current(plan).await().indefinitely();
        assertThat(first.phase).isEqualTo(Phase.CONSULTATION);
        assertThat(first.themes).containsExactly("poverta", "anziani");
        assertThat(plans.current(plan).await().indefinitely()).isSameAs(first);

        Jdbc.update(database, "UPDATE plan_view SET phase = 'SYNTHESIS', updated_at = clock_timestamp()"
                + " WHERE id = ?::uuid", plan.toString());

        PlanView changed = plans.current(plan).await().indefinitely();
        assertThat(changed.phase).isEqualTo(Phase.SYNTHESIS);
        assertThat(changed.themes).isEqualTo(first.themes);
        assertThat(changed.updatedAt).isAfter(first.updatedAt);
        assertThat(plans.current(UUID.randomUUID()).await().indefinitely()).isNull();
    }

    /** A plan whose view this process holds from an earlier submission, which then leaves consultation. */
    @Test
    void aSubmissionAfterThePlanLeftConsultationIsRefusedAndWritesNothing() throws Exception {
        UUID plan = plan();
        String body = """
                {"kind":"PROPOSAL","title":"Educativa di strada nei quartieri","theme":"poverta","municipality":"072006",
                 "body":"Educatori di strada nei quartieri periferici, la sera, per i ragazzi che non vanno a scuola."}""";
        submit(plan, body, null);
        long proposals = count("SELECT count(*) FROM proposal WHERE plan_id = ?::uuid", plan.toString());
        Jdbc.update(database, "UPDATE plan_view SET phase = 'SYNTHESIS', updated_at = clock_timestamp()"
                + " WHERE id = ?::uuid", plan.toString());

        given().auth().oauth2(Tokens.of("cittadino")).contentType(ContentType.JSON).body(body)
                .post("/api/plans/" + plan + "/proposals").then().statusCode(409)
                .contentType("application/problem+json");

        assertThat(count("SELECT count(*) FROM proposal WHERE plan_id = ?::uuid", plan.toString()))
                .isEqualTo(proposals);
    }

    private void assertInsertWritesNothing(Submission submission) {
        assertThat(insert(submission)).isNull();
        String id = submission.proposal().id.toString();
        assertThat(count("SELECT count(*) FROM proposal WHERE id = ?::uuid", id)).isZero();
        assertThat(count("SELECT count(*) FROM audit_entry WHERE target_id = ?", id)).isZero();
        assertThat(count("SELECT count(*) FROM outbox_event WHERE id IN (?::uuid, ?::uuid)",
                submission.submitted().id.toString(), submission.follow().id.toString())).isZero();
    }

    private Proposal insert(Submission submission) {
        return submissions.insert(submission.proposal(), submission.planUpdatedAt(), submission.submitted(),
                submission.follow()).await().indefinitely();
    }

    /** A proposal and its events as the service makes them, for a plan view read at {@code planUpdatedAt}. */
    private Submission submission(UUID plan, OffsetDateTime planUpdatedAt) {
        Proposal proposal = new Proposal();
        proposal.id = UUID.randomUUID();
        proposal.planId = plan;
        proposal.kind = Kind.PROPOSAL;
        proposal.title = "Sportello unico per le famiglie";
        proposal.body = "Uno sportello unico per le famiglie con figli disabili, in ogni ambito territoriale.";
        proposal.theme = "poverta";
        proposal.municipality = "072006";
        proposal.district = "BA-BARI";
        proposal.province = "BA";
        proposal.category = StakeholderCategory.CITIZEN;
        proposal.status = ProposalStatus.SUBMITTED;
        proposal.authorId = "account-" + UUID.randomUUID();
        proposal.authorPseudonym = "pseudonym";
        proposal.createdAt = OffsetDateTime.now();
        proposal.updatedAt = proposal.createdAt;
        OutboxEvent submitted = outbox.event(ProposalEvents.TOPIC, ProposalEvents.SUBMITTED, proposal.id.toString(),
                plan.toString(), ProposalEvents.Submitted.of(proposal, "puglia"));
        return new Submission(proposal, planUpdatedAt, submitted, notices.submittedEvent(proposal));
    }

    /** A plan in consultation, once this service has applied it. */
    private UUID plan() throws Exception {
        try (EventPublisher publisher = new EventPublisher()) {
            UUID plan = PlanFixture.plan(publisher, "puglia", "CONSULTATION", "/api/plans/%s/proposals");
            await("plan " + plan + " in consultation here").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).until(() -> "CONSULTATION".equals(Optional.ofNullable(
                            Jdbc.text(database, "SELECT phase FROM plan_view WHERE id = ?::uuid", plan.toString()))
                            .orElse("")));
            return plan;
        }
    }

    private OffsetDateTime updatedAt(UUID plan) {
        return OffsetDateTime.parse(Jdbc.text(database,
                "SELECT to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM plan_view"
                        + " WHERE id = ?::uuid",
                plan.toString()));
    }

    private static String submit(UUID plan, String body, String idempotencyKey) {
        var request = given().auth().oauth2(Tokens.of("cittadino")).contentType(ContentType.JSON).body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/api/plans/" + plan + "/proposals").then().statusCode(201).extract().path("id");
    }

    private String payload(String id) {
        return Jdbc.text(database, "SELECT payload FROM outbox_event WHERE type = ? AND subject = ?",
                ProposalEvents.SUBMITTED, id);
    }

    private long count(String sql, Object... parameters) {
        return Jdbc.count(database, sql, parameters);
    }
}
