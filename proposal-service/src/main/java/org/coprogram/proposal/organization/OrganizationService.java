package org.coprogram.proposal.organization;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.contracts.Regions;
import org.coprogram.contracts.StakeholderCategory;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The registry of organisations per region (docs/identity.md, "Verified organisations"). Region staff of the region
 * register and verify organisations and make people their representatives; a representative may add or remove the
 * organisation's other representatives. Making someone a representative sets the account's {@code organization}
 * claim in Keycloak ({@link Accounts}); a contribution then speaks for the organisation only while the claim, the
 * registry and the plan's region agree ({@link #verifiedFor}).
 */
@ApplicationScoped
public class OrganizationService {

    static final String NOT_FOUND = "Organizzazione non trovata";

    private final OrganizationRepository organizations;
    private final Accounts accounts;
    private final AuditTrail audit;
    private final Clock clock;

    public OrganizationService(OrganizationRepository organizations, Accounts accounts, AuditTrail audit,
            Clock clock) {
        this.organizations = organizations;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    /** Region staff of {@code region} register an organisation, not yet verified. */
    @WithTransaction
    public Uni<OrganizationView> create(String region, NewOrganization request, Caller caller) {
        requireKnown(region);
        caller.require(caller.isRegionStaffOf(region),
                "Solo il personale della Regione " + Regions.displayName(region) + " ne registra le organizzazioni");
        if (request.kind() == StakeholderCategory.CITIZEN) {
            throw ProblemException.invalidField("kind", "un'organizzazione non può essere della categoria CITIZEN");
        }
        String runts = blankToNull(request.runtsNumber());
        if (runts != null && request.kind() != StakeholderCategory.THIRD_SECTOR) {
            throw ProblemException.invalidField("runtsNumber",
                    "il numero RUNTS riguarda solo gli enti del Terzo settore (THIRD_SECTOR)");
        }
        String fiscalCode = blankToNull(request.fiscalCode());
        OrganizationRepository.Row row = new OrganizationRepository.Row(UUID.randomUUID(), region,
                request.name().strip(), request.kind(),
                fiscalCode == null ? null : fiscalCode.toUpperCase(Locale.ROOT), runts, false, null);
        return organizations.insert(row).flatMap(inserted -> {
            if (!inserted) {
                throw ProblemException.conflict(
                        "Nella regione è già registrata un'organizzazione con questo codice fiscale o numero RUNTS");
            }
            return audit.record(caller.accountId(), "organization.create", "organization", row.id().toString(),
                    row.name());
        }).replaceWith(OrganizationView.of(row));
    }

    /** Region staff of the organisation's region verify it; verifying twice changes nothing. */
    @WithTransaction
    public Uni<OrganizationView> verify(UUID id, Caller caller) {
        return organizations.lock(id).flatMap(found -> {
            OrganizationRepository.Row row = found.orElseThrow(() -> ProblemException.notFound(NOT_FOUND));
            caller.require(caller.isRegionStaffOf(row.region()), "Solo il personale della Regione "
                    + Regions.displayName(row.region()) + " ne verifica le organizzazioni");
            if (row.verified()) {
                return Uni.createFrom().item(OrganizationView.of(row));
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            return organizations.verify(id, now)
                    .call(() -> audit.record(caller.accountId(), "organization.verify", "organization",
                            id.toString(), null))
                    .replaceWith(() -> OrganizationView.of(new OrganizationRepository.Row(row.id(), row.region(),
                            row.name(), row.kind(), row.fiscalCode(), row.runtsNumber(), true, now)));
        });
    }

    /** The region's organisations by name: the verified ones, and to its region staff also those not yet verified. */
    @WithSession
    public Uni<Page<OrganizationView>> list(String region, PageRequest page, Caller caller) {
        requireKnown(region);
        boolean all = caller.isRegionStaffOf(region);
        return organizations.page(region, all, page.page() * page.size(), page.size())
                .flatMap(rows -> organizations.count(region, all).map(total -> new Page<>(
                        rows.stream().map(OrganizationView::of).toList(), page.page(), page.size(), total)));
    }

    /** One organisation; one not yet verified exists only for its region's staff. */
    @WithSession
    public Uni<OrganizationView> get(UUID id, Caller caller) {
        return organizations.find(id).map(found -> OrganizationView.of(found
                .filter(row -> row.verified() || caller.isRegionStaffOf(row.region()))
                .orElseThrow(() -> ProblemException.notFound(NOT_FOUND))));
    }

    /** Its representatives, for its region's staff and its own representatives. */
    @WithSession
    public Uni<List<RepresentativeView>> representatives(UUID id, Caller caller) {
        return manageable(id, caller).flatMap(row -> organizations.representatives(id)).map(list -> list.stream()
                .map(r -> new RepresentativeView(id, r.username(), r.addedAt())).toList());
    }

    /**
     * Makes the account named {@code username} a representative: the registry's row, then its claim in Keycloak, in the
     * request's transaction (a refusal from Keycloak rolls the row back). One organisation per account.
     */
    @WithTransaction
    public Uni<RepresentativeView> addRepresentative(UUID id, NewRepresentative request, Caller caller) {
        return manageable(id, caller).flatMap(row -> accounts.find(request.username().strip())
                .flatMap(found -> {
                    Accounts.Account account = found.orElseThrow(() -> ProblemException.invalidField("username",
                            "nessun account con questo nome utente"));
                    // A representative cannot lend an organisation's voice to (or take over) the accounts that run the
                    // process: region staff, moderators and district operators stay institutional.
                    return accounts.isInstitutional(account.id()).flatMap(institutional -> {
                        if (institutional) {
                            throw ProblemException.invalidField("username", "un account della Regione, della"
                                    + " moderazione o di un ambito non può rappresentare un'organizzazione");
                        }
                        return Uni.createFrom().voidItem();
                    }).chain(() -> organizations.addRepresentative(id, account.id(), account.username()))
                            .flatMap(added -> added
                                    ? Uni.createFrom().voidItem()
                                    : organizations.representedBy(account.id()).map(other -> {
                                        if (other.filter(id::equals).isEmpty()) {
                                            throw ProblemException.conflict(
                                                    "Questa persona rappresenta già un'altra organizzazione");
                                        }
                                        return null;
                                    }).replaceWithVoid())
                            .call(() -> accounts.makeRepresentative(account.id(), id, row.kind()))
                            .call(() -> audit.record(caller.accountId(), "organization.representative.add",
                                    "organization", id.toString(), representative(account)))
                            .replaceWith(new RepresentativeView(id, account.username(), OffsetDateTime.now(clock)));
                }));
    }

    /**
     * How the audit names a representative: the account with its user name, so that an erasure of the account (which
     * clears every audit detail naming it, common's ErasedTracesRepository) takes the user name away too.
     */
    private static String representative(Accounts.Account account) {
        return "account " + account.id() + " (" + account.username() + ")";
    }

    /** The account named {@code username} stops representing the organisation, in the registry and in its claim. */
    @WithTransaction
    public Uni<Void> removeRepresentative(UUID id, String username, Caller caller) {
        return manageable(id, caller).flatMap(row -> accounts.find(username).flatMap(found -> {
            Accounts.Account account = found.orElseThrow(() -> ProblemException.notFound(
                    "Questa persona non rappresenta l'organizzazione"));
            return organizations.removeRepresentative(id, account.id()).flatMap(removed -> {
                if (!removed) {
                    throw ProblemException.notFound("Questa persona non rappresenta l'organizzazione");
                }
                return accounts.removeRepresentative(account.id(), id)
                        .call(() -> audit.record(caller.accountId(), "organization.representative.remove",
                                "organization", id.toString(), representative(account)));
            });
        })).replaceWithVoid();
    }

    /**
     * The organisation a contribution to a plan of {@code region} speaks for: the one of the account's
     * {@code organization} claim ({@link Caller#organization()}), when the registry agrees that the account represents
     * it, it is verified and it is of the plan's region. Runs in the caller's session.
     */
    public Uni<Optional<OrganizationRepository.Row>> verifiedFor(String accountId, Optional<String> claim,
            String region) {
        Optional<UUID> claimed = claim.flatMap(OrganizationService::uuid);
        if (claimed.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return organizations.verifiedFor(accountId, claimed.get(), region);
    }

    /** The organisation, if the caller is staff of its region or (by claim and registry) one of its representatives. */
    private Uni<OrganizationRepository.Row> manageable(UUID id, Caller caller) {
        return organizations.find(id).flatMap(found -> {
            OrganizationRepository.Row row = found.orElseThrow(() -> ProblemException.notFound(NOT_FOUND));
            if (caller.isRegionStaffOf(row.region())) {
                return Uni.createFrom().item(row);
            }
            boolean claims = caller.organization().flatMap(OrganizationService::uuid).filter(id::equals).isPresent();
            Uni<Boolean> represents = claims
                    ? organizations.representedBy(caller.accountId()).map(own -> own.filter(id::equals).isPresent())
                    : Uni.createFrom().item(false);
            return represents.map(allowed -> {
                caller.require(allowed, "Solo il personale della Regione " + Regions.displayName(row.region())
                        + " o chi già rappresenta l'organizzazione ne gestisce i rappresentanti");
                return row;
            });
        });
    }

    private static void requireKnown(String region) {
        if (!Regions.isKnown(region)) {
            throw ProblemException.notFound("Regione non gestita: " + region);
        }
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
