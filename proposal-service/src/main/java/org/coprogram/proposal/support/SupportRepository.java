package org.coprogram.proposal.support;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.proposal.proposal.Proposal;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The {@code support} rows: one per person per proposal, by primary key. Call inside the caller's transaction. */
@ApplicationScoped
public class SupportRepository {

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
