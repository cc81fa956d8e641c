package org.coprogram.meeting.meeting;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.common.planview.PlanTerritories;
import org.coprogram.common.planview.PlanView;
import org.coprogram.common.planview.PlanViews;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.territory.Municipality;
import org.coprogram.common.territory.TerritoryCatalog;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MeetingService {

    private final MeetingRepository repository;
    private final TerritoryCatalog territory;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final PlanViews plans;
    private final PlanTerritories territories;

    public MeetingService(TerritoryCatalog territory, Outbox outbox, AuditTrail audit, MeetingRepository repository,
            PlanViews plans, PlanTerritories territories) {
        this.plans = plans;
        this.territories = territories;
        this.repository = repository;
        this.territory = territory;
        this.outbox = outbox;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<Meeting> schedule(UUID planId, MeetingRequest request, Caller caller) {
        return plans.requireNotClosed(planId).flatMap(plan -> {
            Meeting meeting = new Meeting();
            meeting.id = UUID.randomUUID();
            meeting.planId = planId;
            meeting.status = MeetingStatus.SCHEDULED;
            meeting.organizerId = caller.accountId();
            meeting.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
            apply(meeting, plan, request, caller);
            return meeting.<Meeting>persist()
                    .call(saved -> event(saved, MeetingEvents.SCHEDULED, caller.accountId()));
        });
    }

    @WithTransaction
    public Uni<Meeting> update(UUID meetingId, MeetingRequest request, Caller caller) {
        return organised(meetingId, caller).flatMap(meeting -> plans.find(meeting.planId)
                .flatMap(plan -> {
                    requireScheduled(meeting);
                    if (request.capacity() < meeting.confirmed) {
                        throw ProblemException.invalidField("capacity", "la capienza non può scendere sotto i "
                                + meeting.confirmed + " posti già confermati");
                    }
                    apply(meeting, plan, request, caller);
                    return event(meeting, MeetingEvents.UPDATED, caller.accountId()).replaceWith(meeting);
                }));
    }

    /** Registrants learn of it through {@code meeting.cancelled.v1}. */
    @WithTransaction
    public Uni<Meeting> cancel(UUID meetingId, Caller caller) {
        return organised(meetingId, caller).flatMap(meeting -> {
            requireScheduled(meeting);
            meeting.status = MeetingStatus.CANCELLED;
            meeting.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return event(meeting, MeetingEvents.CANCELLED, caller.accountId()).replaceWith(meeting);
        });
    }

    @WithSession
    public Uni<Meeting> find(UUID meetingId) {
        return repository.find(meetingId).map(meeting -> {
            if (meeting == null) {
                throw ProblemException.notFound("Incontro non trovato");
            }
            return meeting;
        });
    }

    @WithSession
    public Uni<Page<MeetingView>> list(UUID planId, String province, String district, OffsetDateTime from,
            OffsetDateTime to, String theme, PageRequest page) {
        MeetingRepository.Filter filter = new MeetingRepository.Filter(province, district, from, to, theme);
        return plans.require(planId).flatMap(plan -> repository.list(planId, filter, page))
                .map(found -> new Page<>(found.items().stream().map(MeetingView::of).toList(), found.page(),
                        found.size(), found.total()));
    }

    /** Region staff of the plan's region anywhere; a district operator only within their own district. */
    private void apply(Meeting meeting, PlanView plan, MeetingRequest request, Caller caller) {
        territory.requireMunicipalityIn(plan.region, request.municipality(), "municipality");
        // Districts are those of the plan's territory version (docs/territories.md).
        TerritoryCatalog districts = territories.of(plan);
        Municipality municipality = districts.municipality(request.municipality()).orElseThrow();
        String district = request.district() == null || request.district().isBlank()
                ? municipality.districtCode()
                : request.district();
        if (district != null && districts.districtIn(plan.region, district).isEmpty()) {
            throw ProblemException.invalidField("district", "ambito non presente nella regione del piano: " + district);
        }
        boolean ownDistrict = district != null && district.equals(municipality.districtCode())
                && caller.isDistrictOperatorOf(plan.region, district);
        caller.require(caller.isRegionStaffOf(plan.region) || ownDistrict,
                "Gli ambiti organizzano incontri solo nel proprio territorio");
        List<String> unknown = request.themes().stream().filter(t -> !plan.themes.contains(t)).toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.invalidField("themes", "aree di intervento non previste dal piano: " + unknown);
        }
        if (!request.endsAt().isAfter(request.startsAt())) {
            throw ProblemException.invalidField("endsAt", "la fine deve seguire l'inizio");
        }
        OffsetDateTime closes = request.registrationClosesAt() == null
                ? request.startsAt()
                : request.registrationClosesAt();
        if (closes.isAfter(request.startsAt())) {
            throw ProblemException.invalidField("registrationClosesAt",
                    "le iscrizioni devono chiudersi entro l'inizio");
        }
        if ((request.address() == null || request.address().isBlank()) && request.onlineUrl() == null) {
            throw ProblemException.invalidField("address", "indicare un indirizzo o un collegamento online");
        }
        meeting.type = request.type();
        meeting.title = request.title().strip();
        meeting.description = request.description().strip();
        meeting.themes = List.copyOf(request.themes());
        meeting.district = district;
        meeting.municipality = municipality.istatCode();
        meeting.province = municipality.provinceCode();
        meeting.address = request.address();
        meeting.onlineUrl = request.onlineUrl();
        meeting.accessibilityNotes = request.accessibilityNotes();
        meeting.startsAt = request.startsAt();
        meeting.endsAt = request.endsAt();
        meeting.capacity = request.capacity();
        meeting.registrationClosesAt = closes;
        meeting.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** The meeting, if the caller may manage it: region staff of its region, its district's operators. */
    public Uni<Meeting> organised(UUID meetingId, Caller caller) {
        return repository.find(meetingId).flatMap(meeting -> {
            if (meeting == null) {
                throw ProblemException.notFound("Incontro non trovato");
            }
            return plans.find(meeting.planId).map(plan -> {
                caller.require(canManage(meeting, plan, caller), "Solo chi organizza l'incontro può modificarlo");
                return meeting;
            });
        });
    }

    static boolean canManage(Meeting meeting, PlanView plan, Caller caller) {
        // Organisers are region staff or operators of the meeting's own district (see apply): whoever still holds
        // that role for the plan's region manages it, and nobody keeps it after losing the claim.
        return plan != null && (caller.isRegionStaffOf(plan.region)
                || meeting.district != null && caller.isDistrictOperatorOf(plan.region, meeting.district));
    }

    private Uni<Void> event(Meeting meeting, String type, String actor) {
        return outbox.record(MeetingEvents.TOPIC, type, meeting.id.toString(), meeting.planId.toString(),
                MeetingView.of(meeting))
                .call(() -> audit.record(actor, type, "meeting", meeting.id.toString(), meeting.title))
                .replaceWithVoid();
    }

    private static void requireScheduled(Meeting meeting) {
        if (meeting.status == MeetingStatus.CANCELLED) {
            throw ProblemException.conflict("L'incontro è stato annullato");
        }
    }
}
