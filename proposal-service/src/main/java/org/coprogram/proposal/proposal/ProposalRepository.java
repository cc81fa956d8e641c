package org.coprogram.proposal.proposal;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.common.planview.PlanViewRepository;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.text.ItalianText;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class ProposalRepository implements PanacheRepositoryBase<Proposal, UUID> {

    private final ItalianText italian;
    private final PlanViewRepository planViews;

    public ProposalRepository(ItalianText italian, PlanViewRepository planViews) {
        this.planViews = planViews;
        this.italian = italian;
    }

    /** Writes the proposal with its search terms; call inside a transaction. */
    public Uni<Proposal> save(Proposal proposal) {
        proposal.titleTerms = italian.document(proposal.title);
        proposal.bodyTerms = italian.document(proposal.body);
        return persist(proposal);
    }

    /**
     * The proposal with its row lock taken, so counters and transitions of one proposal happen one at a time; 404
     * when it does not exist or {@code viewer} may not see it.
     */
    public Uni<Proposal> lock(UUID id, Viewer viewer) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE).flatMap(proposal -> visibleTo(proposal, viewer));
    }

    /** The proposal if {@code viewer} may see it; 404 when it does not exist or is hidden from the viewer. */
    public Uni<Proposal> visibleTo(Proposal proposal, Viewer viewer) {
        if (proposal == null) {
            throw ProblemException.notFound("Proposta non trovata");
        }
        if (proposal.visibility == Visibility.VISIBLE || viewer.staffRegion().isEmpty()) {
            return Uni.createFrom().item(requireVisible(proposal, viewer, null));
        }
        return planViews.findById(proposal.planId)
                .map(plan -> requireVisible(proposal, viewer, plan == null ? null : plan.region));
    }

    private static Proposal requireVisible(Proposal proposal, Viewer viewer, String planRegion) {
        if (!viewer.canSee(proposal, planRegion)) {
            throw ProblemException.notFound("Proposta non trovata");
        }
        return proposal;
    }

    public Uni<List<Proposal>> mergedInto(UUID id) {
        return list("mergedInto = ?1 order by createdAt, id", id);
    }

    /** Moves the support counter in the statement itself; the caller holds the row lock ({@link #lock}). */
    public Uni<Void> addSupports(UUID id, int delta) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("UPDATE proposal SET supports = supports + :delta WHERE id = :id")
                .setParameter("delta", delta).setParameter("id", id).executeUpdate()).replaceWithVoid();
    }

    /** One more flag, also counted among those since the last review. */
    public Uni<Void> countFlag(UUID id) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                UPDATE proposal SET flags = flags + 1, open_flags = open_flags + 1, last_flagged_at = now()
                WHERE id = :id""").setParameter("id", id).executeUpdate()).replaceWithVoid();
    }

    /** A moderator's review closes the open flags. */
    public Uni<Void> closeFlags(UUID id) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("UPDATE proposal SET open_flags = 0 WHERE id = :id")
                        .setParameter("id", id).executeUpdate())
                .replaceWithVoid();
    }

    /** The moderation queue: proposals with unreviewed flags or waiting for review, most recently flagged first. */
    public Uni<Page<Proposal>> moderationQueue(UUID planId, PageRequest page) {
        String where = "planId = ?1 and (openFlags > 0 or visibility = ?2)";
        return find(where + " order by lastFlaggedAt desc nulls last, id", planId, Visibility.PENDING_REVIEW)
                .page(page.page(), page.size()).list()
                .flatMap(items -> count(where, planId, Visibility.PENDING_REVIEW)
                        .map(total -> new Page<>(items, page.page(), page.size(), total)));
    }

    /** The proposals {@code accountId} wrote, hidden ones included (their author sees them), newest first. */
    public Uni<Page<Proposal>> byAuthor(String accountId, PageRequest page) {
        return find("authorId = ?1 order by createdAt desc, id", accountId).page(page.page(), page.size()).list()
                .flatMap(items -> count("authorId", accountId)
                        .map(total -> new Page<>(items, page.page(), page.size(), total)));
    }
}
