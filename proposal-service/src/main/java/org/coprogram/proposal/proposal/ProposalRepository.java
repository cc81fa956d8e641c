package org.coprogram.proposal.proposal;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.paging.PageRequest;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class ProposalRepository implements PanacheRepositoryBase<Proposal, UUID> {

    public Uni<List<Proposal>> page(ProposalFilter filter, PageRequest page) {
        return find(filter.query(), filter.order(), filter.parameters()).page(page.page(), page.size()).list();
    }

    public Uni<Long> count(ProposalFilter filter) {
        return count(filter.query(), filter.parameters());
    }
}
