package org.coprogram.proposal.support;

import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.outbox.OutboxEvent;
import org.coprogram.common.outbox.OutboxRepository;
import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.common.sql.PositionalStatement;
import org.coprogram.contracts.Phase;
import org.coprogram.proposal.proposal.Proposal;
import org.coprogram.proposal.proposal.ProposalStatus;
import org.coprogram.proposal.proposal.Visibility;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code support} rows: one per person per proposal, by primary key. Call inside the caller's transaction, but
 * {@link #addAtOnce}, which is a transaction of its own.
 */
@ApplicationScoped
public class SupportRepository {

    // The common case of a support in one statement, hence one transaction and one round trip: the proposal is locked
    // only if it can take a support (visible, neither withdrawn nor merged, its plan in consultation: the locked row is
    // checked again once the lock is held), the support row is inserted unless this person's exists, the counter moves
    // by one on the locked row, and the event carries the count the lock makes exact. No row back: nothing was
    // changed, and SupportService asks again the slow way, which tells why.
    private static final PositionalStatement ADD_AT_ONCE = PositionalStatement.of("""
            WITH target AS (
                SELECT p.id FROM proposal p
                WHERE p.id = $1::uuid AND p.visibility = '%s' AND p.status NOT IN ('%s', '%s')
                  AND EXISTS (SELECT 1 FROM plan_view v WHERE v.id = p.plan_id AND v.phase = '%s')
                FOR UPDATE OF p),
            added AS (
                INSERT INTO support (proposal_id, supporter, created_at) SELECT id, $2::text, now() FROM target
                ON CONFLICT DO NOTHING
                RETURNING proposal_id),
            counted AS (
                UPDATE proposal p SET supports = p.supports + 1 FROM added WHERE p.id = added.proposal_id
                RETURNING p.id, p.plan_id, p.supports),
            made AS (
                SELECT id::text AS subject, plan_id::text AS plan_id, supports,
                       json_build_object('proposalId', id, 'planId', plan_id, 'supporter', $2::text,
                                         'supports', supports, 'occurredAt', $3::text)::text AS payload
                FROM counted),
            event AS (
            """.formatted(Visibility.VISIBLE.name(), ProposalStatus.WITHDRAWN.name(),
            ProposalStatus.MERGED.name(), Phase.CONSULTATION.name())
            + OutboxRepository.insertMadeFrom("made", 4) + """
                        RETURNING id)
                    SELECT supports FROM made""");

    private final Pool pool;

    public SupportRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * The support and its {@code proposal.supported} event (data as {@code ProposalEvents.SupportChanged}), in one
     * statement: the count after it, or null when the statement changed nothing (already supported, or refused).
     */
    public Uni<Integer> addAtOnce(UUID proposalId, String supporter, OutboxEvent event) {
        Tuple values = Tuple.tuple().addUUID(proposalId).addString(supporter)
                .addString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.occurredAt));
        return pool.preparedQuery(ADD_AT_ONCE.sql()).execute(ADD_AT_ONCE.bind(Outbox.addStatementValues(values, event)))
                .map(SupportRepository::countAfter);
    }

    private static Integer countAfter(RowSet<Row> rows) {
        return rows.size() == 1 ? rows.iterator().next().getInteger("supports") : null;
    }

    /** False when this person already supports the proposal. */
    public Uni<Boolean> add(UUID proposalId, String supporter) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO support (proposal_id, supporter, created_at) VALUES (:proposal, :supporter, now())
                ON CONFLICT DO NOTHING""")
                .setParameter("proposal", proposalId).setParameter("supporter", supporter)
                .executeUpdate()).map(inserted -> inserted > 0);
    }

    /** Which of {@code proposalIds} this person supports: one statement for a whole page. */
    public Uni<Set<UUID>> supportedAmong(String supporter, Collection<UUID> proposalIds) {
        if (proposalIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT proposal_id FROM support WHERE supporter = :supporter AND proposal_id IN (:proposals)""",
                UUID.class)
                .setParameter("supporter", supporter).setParameter("proposals", List.copyOf(proposalIds))
                .getResultList()).map(HashSet::new);
    }

    /**
     * The proposals this person supports, most recent support first: those visible to them (a hidden one only when
     * they wrote it, as everywhere else).
     */
    public Uni<Page<Proposal>> supportedBy(String supporter, String accountId, PageRequest page) {
        String from = """
                FROM support s JOIN proposal p ON p.id = s.proposal_id
                WHERE s.supporter = :supporter AND (p.visibility = 'VISIBLE' OR p.author_id = :account)""";
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT p.id " + from + " ORDER BY s.created_at DESC, p.id", UUID.class)
                .setParameter("supporter", supporter).setParameter("account", accountId)
                .setFirstResult(page.page() * page.size()).setMaxResults(page.size()).getResultList()
                .flatMap(ids -> Proposal.<Proposal>list("id in ?1", ids).map(found -> inOrder(ids, found)))
                .flatMap(items -> session.createNativeQuery("SELECT count(*) " + from, Long.class)
                        .setParameter("supporter", supporter).setParameter("account", accountId)
                        .getSingleResult()
                        .map(total -> new Page<>(items, page.page(), page.size(), total))));
    }

    private static List<Proposal> inOrder(List<UUID> ids, List<Proposal> found) {
        Map<UUID, Proposal> byId = found.stream().collect(Collectors.toMap(p -> p.id, p -> p));
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    /** False when this person did not support the proposal. */
    public Uni<Boolean> remove(UUID proposalId, String supporter) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("DELETE FROM support WHERE proposal_id = :proposal AND supporter = :supporter")
                .setParameter("proposal", proposalId).setParameter("supporter", supporter)
                .executeUpdate()).map(deleted -> deleted > 0);
    }
}
