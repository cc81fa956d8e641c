package org.coprogram.proposal.erasure;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.identity.Pseudonymizer;
import org.coprogram.common.personal.ErasedTracesRepository;
import org.coprogram.common.personal.ErasureEvents;
import org.coprogram.common.personal.ErasureEvents.Contributions;
import org.coprogram.proposal.comment.CommentService;
import org.coprogram.proposal.proposal.ProposalService;
import org.coprogram.proposal.support.SupportService;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * What proposal-service forgets of a person (docs/privacy.md, "Cancellazione (art. 17)"), in the caller's
 * transaction: supports are withdrawn through the support path (count and event as for any withdrawal); with WITHDRAW,
 * proposals still open are withdrawn and comments deleted through their authors' paths; then every row that named the
 * account loses it (proposals and comments keep a fresh random pseudonym, flags a random flagger, the organisation
 * representative row goes; a fresh pseudonym is a random UUID's 32 hex digits, the shape of a derived one), and the shared tables are cleaned ({@link ErasedTracesRepository}).
 */
@ApplicationScoped
public class ProposalErasure {

    private final SupportService supports;
    private final ProposalService proposals;
    private final CommentService comments;
    private final Pseudonymizer pseudonyms;
    private final ErasedTracesRepository traces;
    private final ErasureRepository rows;

    public ProposalErasure(SupportService supports, ProposalService proposals, CommentService comments,
            Pseudonymizer pseudonyms, ErasedTracesRepository traces, ErasureRepository rows) {
        this.rows = rows;
        this.supports = supports;
        this.proposals = proposals;
        this.comments = comments;
        this.pseudonyms = pseudonyms;
        this.traces = traces;
    }

    public Uni<Void> forget(ErasureEvents.Requested request) {
        String account = request.accountId();
        String pseudonym = pseudonyms.of(account);
        String marker = ErasureEvents.erasedActor(request.erasureId());
        Uni<Void> withdrawn = request.contributions() == Contributions.WITHDRAW
                ? withdrawContributions(account)
                : Uni.createFrom().voidItem();
        return rows.supportedBy(pseudonym)
                .flatMap(ids -> each(ids, id -> supports.withdrawOnErasure(id, pseudonym).replaceWithVoid()))
                .chain(() -> withdrawn)
                .chain(() -> rows.forgetRows(account, pseudonym, marker))
                .chain(() -> traces.forget(account, request.erasureId()));
    }

    /** As the author would: open proposals withdrawn, live comments deleted (counts and events as for the author). */
    private Uni<Void> withdrawContributions(String account) {
        return rows.openProposalsOf(account)
                .flatMap(ids -> each(ids, id -> proposals.withdraw(id, account).replaceWithVoid()))
                .chain(() -> rows.liveCommentsOf(account))
                .flatMap(ids -> each(ids, id -> comments.delete(id, account)));
    }

    private static Uni<Void> each(List<UUID> ids, Function<UUID, Uni<Void>> action) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(id -> action.apply(id))
                .collect().last().replaceWithVoid();
    }
}
