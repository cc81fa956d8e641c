package org.coprogram.proposal.support;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.identity.Caller;
import org.coprogram.common.identity.Pseudonymizer;
import org.coprogram.common.paging.Page;
import org.coprogram.proposal.proposal.ProposalView;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * {@code supportedByMe} on proposal views: for a signed-in caller, one query per page (supports are stored under the
 * person's pseudonym, so the account never reaches the statement); for anonymous callers nothing is read and the field
 * stays absent.
 */
@ApplicationScoped
public class SupportMarks {

    private final SupportRepository supports;
    private final Pseudonymizer pseudonyms;

    public SupportMarks(SupportRepository supports, Pseudonymizer pseudonyms) {
        this.supports = supports;
        this.pseudonyms = pseudonyms;
    }

    public Uni<ProposalView> mark(ProposalView view, Caller caller) {
        return mark(List.of(view), caller).map(views -> views.get(0));
    }

    public Uni<Page<ProposalView>> markPage(Page<ProposalView> page, Caller caller) {
        return mark(page.items(), caller)
                .map(items -> new Page<>(items, page.page(), page.size(), page.total()));
    }

    @WithSession
    public Uni<List<ProposalView>> mark(List<ProposalView> views, Caller caller) {
        if (caller.isAnonymous() || views.isEmpty()) {
            return Uni.createFrom().item(views);
        }
        List<UUID> ids = views.stream().map(ProposalView::id).toList();
        return supports.supportedAmong(pseudonyms.of(caller.accountId()), ids)
                .map(supported -> marked(views, supported));
    }

    private static List<ProposalView> marked(List<ProposalView> views, Set<UUID> supported) {
        return views.stream().map(view -> view.withSupportedByMe(supported.contains(view.id()))).toList();
    }
}
