package org.coprogram.proposal.proposal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.planview.PlanTerritories;
import org.coprogram.common.planview.PlanView;
import org.coprogram.common.planview.PlanViews;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.territory.Municipality;
import org.coprogram.common.territory.TerritoryCatalog;
import org.coprogram.contracts.StakeholderCategory;
import org.coprogram.proposal.organization.OrganizationRepository;
import org.coprogram.proposal.organization.OrganizationService;
import org.coprogram.proposal.personal.AuthorNotices;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ProposalService {

    static final String SUBMIT_ACTION = "proposal.submit";

    private final ProposalRepository proposals;
    private final SubmissionRepository submissions;
    private final TerritoryCatalog territory;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final ProposalConfig config;
    private final PlanViews plans;
    private final Clock clock;
    private final PlanTerritories territories;
    private final OrganizationService organizations;
    private final AuthorNotices notices;

    public ProposalService(ProposalRepository proposals, TerritoryCatalog territory, Outbox outbox, AuditTrail audit,
            ProposalConfig config, PlanViews plans, Clock clock, PlanTerritories territories,
            OrganizationService organizations, AuthorNotices notices, SubmissionRepository submissions) {
        this.submissions = submissions;
        this.notices = notices;
        this.organizations = organizations;
        this.plans = plans;
        this.clock = clock;
        this.territories = territories;
        this.proposals = proposals;
        this.config = config;
        this.territory = territory;
        this.outbox = outbox;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<Proposal> submit(UUID planId, NewProposal request, Author author) {
        return plans.find(planId)
                .flatMap(plan -> speaksFor(PlanViews.requireConsultation(plan), author).flatMap(org -> {
                    Proposal proposal = newProposal(plan, request, author, org);
                    return proposals.save(proposal)
                            .call(saved -> outbox.record(ProposalEvents.TOPIC, ProposalEvents.SUBMITTED,
                                    saved.id.toString(),
                                    planId.toString(), ProposalEvents.Submitted.of(saved, plan.region)))
                            .call(notices::submitted)
                            .call(saved -> audit.record(author.accountId(), SUBMIT_ACTION, "proposal",
                                    saved.id.toString(), null));
                }));
    }

    /**
     * As {@link #submit}, in one statement when the plan's view still shows what was read here (the common case): the
     * plan ({@link PlanViews#current}) and the organisation are read first, outside any transaction, and the proposal,
     * its events and its audit entry are then written at once ({@link SubmissionRepository}). When that statement writes nothing (the plan
     * changed meanwhile), the transaction of {@link #submit} does the work or says why it cannot.
     */
    public Uni<Proposal> submitAtOnce(UUID planId, NewProposal request, Author author) {
        return plans.current(planId).flatMap(plan -> organisationOf(PlanViews.requireConsultation(plan), author)
                .map(org -> submission(plan, request, author, org)))
                .flatMap(submission -> submissions.insert(submission.proposal(), submission.planUpdatedAt(),
                        submission.submitted(), submission.follow()))
                .flatMap(written -> written != null
                        ? Uni.createFrom().item(written)
                        : submit(planId, request, author));
    }

    /** As {@link #speaksFor}; a Hibernate session only for an author whose token claims an organisation. */
    private Uni<Optional<OrganizationRepository.Row>> organisationOf(PlanView plan, Author author) {
        return author.organization().isEmpty()
                ? Uni.createFrom().item(Optional.empty())
                : Panache.withSession(() -> speaksFor(plan, author));
    }

    private Submission submission(PlanView plan, NewProposal request, Author author,
            Optional<OrganizationRepository.Row> org) {
        Proposal proposal = newProposal(plan, request, author, org);
        return new Submission(proposal, plan.updatedAt,
                outbox.event(ProposalEvents.TOPIC, ProposalEvents.SUBMITTED, proposal.id.toString(),
                        plan.id.toString(), ProposalEvents.Submitted.of(proposal, plan.region)),
                notices.submittedEvent(proposal));
    }

    /** The verified organisation the author may speak for in a plan of this region, if any. */
    private Uni<Optional<OrganizationRepository.Row>> speaksFor(PlanView plan, Author author) {
        return organizations.verifiedFor(author.accountId(), author.organization(), plan.region);
    }

    /** The author rewrites the proposal: within the edit window, before any support or answer. */
    @WithTransaction
    public Uni<Proposal> edit(UUID id, NewProposal request, Author author) {
        return proposals.lock(id, Viewer.account(author.accountId())).flatMap(found -> {
            Proposal proposal = requireAuthor(found, author.accountId());
            return plans.find(proposal.planId).flatMap(plan -> speaksFor(PlanViews.requireConsultation(plan), author)
                    .flatMap(org -> {
                        // A hidden proposal's new text would reach the partner topic in proposal.edited while the public
                        // cannot see it, and would change under the moderator's review.
                        if (proposal.visibility != Visibility.VISIBLE) {
                            throw ProblemException.conflict(
                                    "La proposta è nascosta dalla moderazione: non è modificabile finché non viene ripristinata");
                        }
                        if (proposal.status != ProposalStatus.SUBMITTED) {
                            throw ProblemException
                                    .conflict("La proposta non è più modificabile: stato " + proposal.status);
                        }
                        if (proposal.supports > 0) {
                            throw ProblemException.conflict(
                                    "La proposta ha già ricevuto adesioni: non è più modificabile, per rispetto di chi ha aderito");
                        }
                        OffsetDateTime now = OffsetDateTime.now(clock);
                        if (now.isAfter(proposal.createdAt.plus(config.editWindow()))) {
                            throw ProblemException.conflict("Il tempo per modificare la proposta è scaduto");
                        }
                        Proposal edited = newProposal(plan, request, author, org);
                        proposal.kind = edited.kind;
                        proposal.title = edited.title;
                        proposal.body = edited.body;
                        proposal.theme = edited.theme;
                        proposal.municipality = edited.municipality;
                        proposal.district = edited.district;
                        proposal.province = edited.province;
                        proposal.category = edited.category;
                        proposal.organization = edited.organization;
                        proposal.updatedAt = now;
                        return proposals.save(proposal)
                                .call(saved -> outbox.record(ProposalEvents.TOPIC, ProposalEvents.EDITED, id.toString(),
                                        saved.planId.toString(), ProposalEvents.Submitted.of(saved, plan.region)))
                                .call(saved -> audit.record(author.accountId(), "proposal.edit", "proposal",
                                        id.toString(),
                                        null));
                    }));
        });
    }

    /** The author withdraws a proposal that has not been answered yet. */
    @WithTransaction
    public Uni<Proposal> withdraw(UUID id, String accountId) {
        return proposals.lock(id, Viewer.account(accountId)).flatMap(found -> {
            Proposal proposal = requireAuthor(found, accountId);
            if (proposal.status != ProposalStatus.SUBMITTED) {
                throw ProblemException.conflict(proposal.status == ProposalStatus.WITHDRAWN
                        ? "La proposta è già stata ritirata"
                        : "La proposta ha già ricevuto una risposta e non può essere ritirata");
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            proposal.status = ProposalStatus.WITHDRAWN;
            proposal.withdrawnAt = now;
            proposal.updatedAt = now;
            return outbox.record(ProposalEvents.TOPIC, ProposalEvents.WITHDRAWN, id.toString(),
                    proposal.planId.toString(), new ProposalEvents.Withdrawn(id, proposal.planId, now))
                    .call(() -> audit.record(accountId, "proposal.withdraw", "proposal", id.toString(), null))
                    .replaceWith(proposal);
        });
    }

    /** A proposal as {@code viewer} may see it, with the proposals merged into it. */
    @WithSession
    public Uni<ProposalView> detail(UUID id, Viewer viewer) {
        return proposals.findById(id).flatMap(found -> proposals.visibleTo(found, viewer))
                .flatMap(proposal -> staffRegionOf(proposal, viewer).flatMap(region -> proposals.mergedInto(id)
                        .map(merged -> ProposalView.of(proposal, merged.stream()
                                .filter(m -> viewer.canSee(m, region))
                                .map(m -> new ProposalView.MergedProposal(m.id, m.title)).toList()))));
    }

    /**
     * The plan's region, needed only to tell whether a staff viewer sees hidden merged proposals: a public page, the
     * hot path, reads no plan.
     */
    private Uni<String> staffRegionOf(Proposal proposal, Viewer viewer) {
        return viewer.staffRegion().isEmpty()
                ? Uni.createFrom().nullItem()
                : plans.find(proposal.planId).map(plan -> plan == null ? null : plan.region);
    }

    private static Proposal requireAuthor(Proposal proposal, String accountId) {
        if (!proposal.isAuthoredBy(accountId)) {
            throw ProblemException.forbidden("Solo chi ha scritto la proposta può modificarla o ritirarla");
        }
        return proposal;
    }

    private Proposal newProposal(PlanView plan, NewProposal request, Author author,
            Optional<OrganizationRepository.Row> organization) {
        if (!plan.themes.contains(request.theme())) {
            throw ProblemException.invalidField("theme",
                    "area di intervento non prevista dal piano: " + request.theme());
        }
        Municipality municipality = territory.requireMunicipalityIn(plan.region, request.municipality(),
                "municipality");
        StakeholderCategory category = categoryOf(request, author);
        OffsetDateTime now = OffsetDateTime.now(clock);
        Proposal proposal = new Proposal();
        proposal.id = UUID.randomUUID();
        proposal.planId = plan.id;
        proposal.kind = request.kind();
        proposal.title = request.title().strip();
        proposal.body = request.body().strip();
        proposal.theme = request.theme();
        proposal.municipality = municipality.istatCode();
        // The district of the plan's territory version, not of the shipped composition (docs/territories.md).
        proposal.district = territories.of(plan).municipality(municipality.istatCode())
                .map(Municipality::districtCode).orElse(null);
        proposal.province = municipality.provinceCode();
        proposal.category = category;
        String speaksFor = organizationOf(request, organization);
        proposal.organization = category == StakeholderCategory.CITIZEN ? null : speaksFor;
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
        StakeholderCategory fromToken = author.category().orElse(StakeholderCategory.CITIZEN);
        StakeholderCategory requested = request.category();
        if (requested == null || requested == fromToken) {
            return fromToken;
        }
        if (requested == StakeholderCategory.CITIZEN) {
            return requested;
        }
        throw ProblemException.invalidField("category", "categoria non coerente con il tuo profilo: " + requested);
    }

    /**
     * The organisation is the registry's verified one that the {@code organization} claim names, shown by its verified
     * name: a body never supplies it. A body may repeat it (by id or by that name), never name another one: without a
     * verified organisation of the plan's region a person speaks for none.
     */
    private static String organizationOf(NewProposal request, Optional<OrganizationRepository.Row> verified) {
        String requested = blankToNull(request.organization());
        if (requested != null && verified
                .filter(o -> o.id().toString().equals(requested) || o.name().equals(requested)).isEmpty()) {
            throw ProblemException.invalidField("organization", verified.isPresent()
                    ? "puoi scrivere solo a nome della tua organizzazione verificata: " + verified.get().name()
                    : "il tuo profilo non indica un'organizzazione verificata della regione: non puoi scrivere a nome di altri");
        }
        return verified.map(OrganizationRepository.Row::name).orElse(null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
