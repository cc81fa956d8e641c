package org.coprogram.proposal.proposal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.common.planview.PlanView;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.territory.Municipality;
import org.coprogram.common.territory.TerritoryCatalog;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ProposalService {

    private final ProposalRepository proposals;
    private final TerritoryCatalog territory;
    private final Outbox outbox;
    private final AuditTrail audit;

    public ProposalService(ProposalRepository proposals, TerritoryCatalog territory, Outbox outbox, AuditTrail audit) {
        this.proposals = proposals;
        this.territory = territory;
        this.outbox = outbox;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<Proposal> submit(UUID planId, NewProposal request, Author author) {
        return PlanView.<PlanView>findById(planId).flatMap(plan -> {
            Proposal proposal = newProposal(requireOpen(plan), request, author);
            return proposals.persist(proposal)
                    .call(saved -> outbox.record(ProposalEvents.TOPIC, ProposalEvents.SUBMITTED, saved.id.toString(),
                            planId.toString(), submitted(saved, plan.region)))
                    .call(saved -> audit.record(author.accountId(), "proposal.submit", "proposal",
                            saved.id.toString(), null));
        });
    }

    @WithSession
    public Uni<Proposal> find(UUID id) {
        return proposals.findById(id).map(proposal -> {
            if (proposal == null) {
                throw ProblemException.notFound("Proposta non trovata");
            }
            return proposal;
        });
    }

    @WithSession
    public Uni<Page<ProposalView>> list(ProposalFilter filter, PageRequest page) {
        return PlanView.<PlanView>findById(filter.planId()).flatMap(plan -> {
            if (plan == null) {
                throw ProblemException.notFound("Piano non trovato");
            }
            return proposals.page(filter, page).flatMap(items -> proposals.count(filter).map(total -> new Page<>(
                    items.stream().map(ProposalView::of).toList(), page.page(), page.size(), total)));
        });
    }

    private static PlanView requireOpen(PlanView plan) {
        if (plan == null) {
            throw ProblemException.notFound("Piano non trovato");
        }
        if (!PlanView.CONSULTATION.equals(plan.phase)) {
            throw ProblemException.conflict("Il piano non è in fase di consultazione: le proposte sono chiuse");
        }
        return plan;
    }

    private Proposal newProposal(PlanView plan, NewProposal request, Author author) {
        if (!plan.themes.contains(request.theme())) {
            throw ProblemException.invalidField("theme",
                    "area di intervento non prevista dal piano: " + request.theme());
        }
        Municipality municipality = territory.municipality(request.municipality())
                .filter(m -> m.region().equals(plan.region))
                .orElseThrow(() -> ProblemException.invalidField("municipality",
                        "codice ISTAT non corrispondente a un comune della regione del piano"));
        StakeholderCategory category = categoryOf(request, author);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Proposal proposal = new Proposal();
        proposal.id = UUID.randomUUID();
        proposal.planId = plan.id;
        proposal.kind = request.kind();
        proposal.title = request.title().strip();
        proposal.body = request.body().strip();
        proposal.theme = request.theme();
        proposal.municipality = municipality.istatCode();
        proposal.district = municipality.districtCode();
        proposal.province = municipality.provinceCode();
        proposal.category = category;
        proposal.organization = category == StakeholderCategory.CITIZEN
                ? null
                : author.organization().orElse(blankToNull(request.organization()));
        proposal.status = ProposalStatus.SUBMITTED;
        proposal.authorId = author.accountId();
        proposal.authorPseudonym = author.pseudonym();
        proposal.createdAt = now;
        proposal.updatedAt = now;
        return proposal;
    }

    /**
     * The category comes from the token's {@code stakeholder_category} claim; anyone may instead speak as a citizen,
     * but nobody may claim a category their profile does not carry.
     */
    private static StakeholderCategory categoryOf(NewProposal request, Author author) {
        StakeholderCategory fromToken = author.category().flatMap(ProposalService::parseCategory)
                .orElse(StakeholderCategory.CITIZEN);
        StakeholderCategory requested = request.category();
        if (requested == null || requested == fromToken) {
            return fromToken;
        }
        if (requested == StakeholderCategory.CITIZEN) {
            return requested;
        }
        throw ProblemException.invalidField("category", "categoria non coerente con il tuo profilo: " + requested);
    }

    private static Optional<StakeholderCategory> parseCategory(String claim) {
        try {
            return Optional.of(StakeholderCategory.valueOf(claim));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ProposalEvents.Submitted submitted(Proposal p, String region) {
        return new ProposalEvents.Submitted(p.id, p.planId, region, p.kind, p.title, p.body, p.theme, p.municipality,
                p.district, p.province, p.category, p.organization, p.status, p.authorPseudonym, p.createdAt);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
