package org.coprogram.proposal.participation;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.identity.Caller;
import org.coprogram.common.identity.Pseudonymizer;
import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.proposal.comment.CommentRepository;
import org.coprogram.proposal.proposal.ProposalRepository;
import org.coprogram.proposal.proposal.ProposalView;
import org.coprogram.proposal.support.SupportMarks;
import org.coprogram.proposal.support.SupportRepository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The caller's proposals and supports, each with {@code supportedByMe}, and comments, a page at a time. */
@ApplicationScoped
public class MyProposals {

    private final ProposalRepository proposals;
    private final SupportRepository supports;
    private final SupportMarks marks;
    private final Pseudonymizer pseudonyms;
    private final CommentRepository comments;

    public MyProposals(ProposalRepository proposals, SupportRepository supports, SupportMarks marks,
            Pseudonymizer pseudonyms, CommentRepository comments) {
        this.proposals = proposals;
        this.supports = supports;
        this.marks = marks;
        this.pseudonyms = pseudonyms;
        this.comments = comments;
    }

    @WithSession
    public Uni<Page<ProposalView>> proposals(Caller caller, PageRequest page) {
        return proposals.byAuthor(caller.accountId(), page)
                .map(found -> new Page<>(found.items().stream().map(ProposalView::of).toList(), found.page(),
                        found.size(), found.total()))
                .flatMap(views -> marks.markPage(views, caller));
    }

    @WithSession
    public Uni<Page<ProposalView>> supports(Caller caller, PageRequest page) {
        return supports.supportedBy(pseudonyms.of(caller.accountId()), caller.accountId(), page)
                .map(found -> new Page<>(found.items().stream().map(p -> ProposalView.of(p).withSupportedByMe(true))
                        .toList(), found.page(), found.size(), found.total()));
    }

    @WithSession
    public Uni<Page<MyComment>> comments(Caller caller, PageRequest page) {
        String account = caller.accountId();
        return comments.byAuthor(account, page.page() * page.size(), page.size())
                .flatMap(rows -> comments.countByAuthor(account).map(total -> new Page<>(
                        rows.stream().map(MyComment::of).toList(), page.page(), page.size(), total)));
    }
}
