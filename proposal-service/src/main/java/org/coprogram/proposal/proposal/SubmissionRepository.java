package org.coprogram.proposal.proposal;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.outbox.OutboxEvent;
import org.coprogram.common.outbox.OutboxRepository;
import org.coprogram.common.sql.PositionalStatement;
import org.coprogram.common.text.ItalianText;
import org.coprogram.contracts.Phase;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A proposal's submission in one statement, hence one transaction and one round trip: the proposal row, its audit
 * entry, its public {@code proposal.submitted} event and the author's follow. Not in a Hibernate session, and a
 * transaction of its own.
 */
@ApplicationScoped
public class SubmissionRepository {

    // The plan's view is share-locked only if its plan is in consultation and it still shows what the service read
    // (updated_at moves with every change of phase, themes or territory version, which the proposal was checked and
    // placed against). The lock waits for a change being written and then checks the row again; it does not wait for
    // other submissions. No row back: nothing was written, and ProposalService submits the slow way, which says why.
    private static final PositionalStatement SUBMIT = PositionalStatement.of("""
            WITH plan AS (
                SELECT v.id FROM plan_view v
                WHERE v.id = $1::uuid AND v.phase = '%1$s' AND v.updated_at IS NOT DISTINCT FROM $2::timestamptz
                FOR SHARE),
            inserted AS (
                INSERT INTO proposal (id, plan_id, kind, title, body, theme, municipality, district, province,
                                      category, organization, status, visibility, author_id, author_pseudonym,
                                      title_terms, body_terms, created_at, updated_at)
                SELECT $3::uuid, id, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text, $10::text,
                       $11::text, $12::text, '%2$s', '%3$s', $13::text, $14::text, $15::text, $16::text,
                       $17::timestamptz, $17::timestamptz
                FROM plan
                RETURNING id, author_id),
            audited AS (
                INSERT INTO audit_entry (id, occurred_at, actor, action, target_type, target_id, details)
                SELECT gen_random_uuid(), now(), author_id, '%4$s', 'proposal', id::text, NULL FROM inserted
                RETURNING id),
            submitted AS (
            """.formatted(Phase.CONSULTATION.name(), ProposalStatus.SUBMITTED.name(), Visibility.VISIBLE.name(),
            ProposalService.SUBMIT_ACTION)
            + OutboxRepository.insertFrom("inserted", 18) + """
                        RETURNING id),
                    follow AS (
                    """ + OutboxRepository.insertFrom("inserted", 26) + """
                        RETURNING id)
                    SELECT id FROM inserted""");

    private final Pool pool;
    private final ItalianText italian;

    public SubmissionRepository(Pool pool, ItalianText italian) {
        this.pool = pool;
        this.italian = italian;
    }

    /**
     * Writes {@code proposal} (status SUBMITTED, visible) with its search terms, its audit entry and both events, if
     * its plan is in consultation and its view unchanged since {@code planUpdatedAt}: the proposal, or null when it
     * wrote nothing.
     */
    public Uni<Proposal> insert(Proposal proposal, OffsetDateTime planUpdatedAt, OutboxEvent submitted,
            OutboxEvent follow) {
        proposal.titleTerms = italian.document(proposal.title);
        proposal.bodyTerms = italian.document(proposal.body);
        Tuple values = Tuple.tuple().addUUID(proposal.planId).addOffsetDateTime(planUpdatedAt).addUUID(proposal.id)
                .addString(proposal.kind.name()).addString(proposal.title).addString(proposal.body)
                .addString(proposal.theme).addString(proposal.municipality).addString(proposal.district)
                .addString(proposal.province).addString(proposal.category.name()).addString(proposal.organization)
                .addString(proposal.authorId).addString(proposal.authorPseudonym).addString(proposal.titleTerms)
                .addString(proposal.bodyTerms).addOffsetDateTime(proposal.createdAt);
        Outbox.addValues(values, submitted);
        Outbox.addValues(values, follow);
        return pool.preparedQuery(SUBMIT.sql()).execute(SUBMIT.bind(values))
                .map(rows -> rows.size() == 1 ? proposal : null);
    }
}
