package org.coprogram.synthesis.socialreport;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.territory.District;
import org.coprogram.contracts.Phase;
import org.coprogram.synthesis.plan.Plan;
import org.coprogram.synthesis.plan.PlanAccess;
import org.coprogram.synthesis.plan.PlanRepository;
import org.coprogram.synthesis.plan.Theme;
import org.coprogram.synthesis.socialreport.Coverage.DistrictStatus;
import org.coprogram.synthesis.socialreport.Coverage.State;
import org.coprogram.synthesis.territory.TerritoryVersions;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SocialReportService {

    private final TerritoryVersions territories;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final PlanRepository plans;
    private final SocialReportRepository reports;

    public SocialReportService(TerritoryVersions territories, Outbox outbox, AuditTrail audit, PlanRepository plans,
            SocialReportRepository reports) {
        this.plans = plans;
        this.reports = reports;
        this.territories = territories;
        this.outbox = outbox;
        this.audit = audit;
    }

    /** Saves the district's draft; only that district's operators, only while the plan is in SOCIAL_REPORT. */
    @WithTransaction
    public Uni<SocialReportView> saveDraft(UUID planId, String districtCode, SocialReportContent content,
            PlanAccess access) {
        return plans.require(planId).flatMap(plan -> districtOf(plan, districtCode).flatMap(district -> {
            access.requireDistrictOperator(plan, districtCode);
            requirePhase(plan);
            SocialReportContent normalised = content.normalised();
            requireKnownThemes(plan, normalised);
            return find(planId, districtCode).flatMap(existing -> {
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                SocialReport report = existing != null ? existing : newReport(planId, districtCode, now);
                if (report.status == SocialReportStatus.SUBMITTED) {
                    throw ProblemException.conflict("La relazione è già stata inviata: la Regione può riaprirla");
                }
                report.content = normalised;
                report.updatedAt = now;
                report.updatedBy = access.actor();
                Uni<SocialReport> saved = existing != null ? Uni.createFrom().item(report) : report.persist();
                return saved.call(r -> audit.record(access.actor(), "social-report.draft", "social-report",
                        r.id.toString(), districtCode)).map(r -> SocialReportView.of(r, district.name()));
            });
        }));
    }

    @WithTransaction
    public Uni<SocialReportView> submit(UUID planId, String districtCode, PlanAccess access) {
        return plans.require(planId).flatMap(plan -> districtOf(plan, districtCode).flatMap(district -> {
            access.requireDistrictOperator(plan, districtCode);
            requirePhase(plan);
            return find(planId, districtCode).flatMap(report -> {
                if (report == null || report.content.isEmpty()) {
                    throw ProblemException.invalidField("content",
                            "la relazione è vuota: compilare almeno una sezione");
                }
                if (report.status == SocialReportStatus.SUBMITTED) {
                    throw ProblemException.conflict("La relazione è già stata inviata");
                }
                report.status = SocialReportStatus.SUBMITTED;
                report.submittedAt = OffsetDateTime.now(ZoneOffset.UTC);
                report.updatedAt = report.submittedAt;
                report.updatedBy = access.actor();
                return publishEvent(report, plan, SocialReportEvents.SUBMITTED, access.actor())
                        .map(r -> SocialReportView.of(r, district.name()));
            });
        }));
    }

    /** Region staff reopen a submitted report so that the district can correct it. */
    @WithTransaction
    public Uni<SocialReportView> reopen(UUID planId, String districtCode, PlanAccess access) {
        return plans.require(planId).flatMap(plan -> districtOf(plan, districtCode).flatMap(district -> {
            access.requireRegionStaff(plan);
            return find(planId, districtCode).flatMap(report -> {
                if (report == null || report.status != SocialReportStatus.SUBMITTED) {
                    throw ProblemException.conflict("Solo una relazione inviata può essere riaperta");
                }
                report.status = SocialReportStatus.DRAFT;
                report.published = false;
                report.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                report.updatedBy = access.actor();
                return publishEvent(report, plan, SocialReportEvents.REOPENED, access.actor())
                        .map(r -> SocialReportView.of(r, district.name()));
            });
        }));
    }

    /** Region staff make every submitted report of the plan public. */
    @WithTransaction
    public Uni<Integer> publishSubmitted(UUID planId, PlanAccess access) {
        return plans.require(planId).flatMap(plan -> {
            access.requireRegionStaff(plan);
            return reports.submittedUnpublished(planId).flatMap(submitted -> {
                Uni<Void> all = Uni.createFrom().voidItem();
                for (SocialReport report : submitted) {
                    report.published = true;
                    all = all.call(() -> publishEvent(report, plan, SocialReportEvents.PUBLISHED,
                            access.actor()));
                }
                return all.replaceWith(submitted.size());
            });
        });
    }

    /** Region staff of the plan's region, the district's own operators, or anyone once published. */
    @WithSession
    public Uni<SocialReportView> read(UUID planId, String districtCode, PlanAccess access) {
        return plans.require(planId).flatMap(plan -> districtOf(plan, districtCode).flatMap(district -> {
            return find(planId, districtCode).map(report -> {
                if (report == null || !report.published) {
                    access.requireRegionStaffOrDistrict(plan, districtCode);
                }
                if (report == null) {
                    throw ProblemException.notFound("Relazione non ancora compilata");
                }
                return SocialReportView.of(report, district.name());
            });
        }));
    }

    @WithSession
    public Uni<Coverage> coverage(UUID planId, PlanAccess access) {
        return plans.require(planId).flatMap(plan -> {
            access.requireRegionStaff(plan);
            return territories.catalog(plan.region, plan.territoryVersion).flatMap(territory -> reports.ofPlan(planId)
                    .map(all -> {
                        Map<String, SocialReportStatus> byDistrict = all.stream()
                                .collect(Collectors.toMap(r -> r.districtCode, r -> r.status));
                        List<DistrictStatus> statuses = territory.districts(plan.region).stream()
                                .map(d -> new DistrictStatus(d.code(), d.name(), stateOf(byDistrict.get(d.code()))))
                                .toList();
                        Map<State, Long> counts = statuses.stream()
                                .collect(Collectors.groupingBy(DistrictStatus::state, Collectors.counting()));
                        int unplaced = (int) territory.municipalities(plan.region).stream()
                                .filter(m -> m.districtCode() == null).count();
                        return new Coverage(statuses.size(), counts.getOrDefault(State.SUBMITTED, 0L).intValue(),
                                counts.getOrDefault(State.DRAFT, 0L).intValue(),
                                counts.getOrDefault(State.NOT_STARTED, 0L).intValue(), statuses, plan.territoryVersion,
                                unplaced);
                    }));
        });
    }

    private static State stateOf(SocialReportStatus status) {
        if (status == null) {
            return State.NOT_STARTED;
        }
        return status == SocialReportStatus.SUBMITTED ? State.SUBMITTED : State.DRAFT;
    }

    private Uni<SocialReport> publishEvent(SocialReport report, Plan plan, String type, String actor) {
        boolean published = SocialReportEvents.PUBLISHED.equals(type);
        Object data = published
                ? SocialReportEvents.ReportState.of(report, plan.region)
                : SocialReportEvents.ReportStatus.of(report, plan.region);
        String topic = published ? SocialReportEvents.TOPIC : SocialReportEvents.RESTRICTED_TOPIC;
        return outbox.record(topic, type, report.id.toString(), plan.id.toString(), data)
                .call(() -> audit.record(actor, type, "social-report", report.id.toString(), report.districtCode))
                .replaceWith(report);
    }

    /** The district in the plan's territory version, or 404: a district the plan's composition lacks is not its. */
    private Uni<District> districtOf(Plan plan, String districtCode) {
        return territories.catalog(plan.region, plan.territoryVersion)
                .map(territory -> territory.district(districtCode).filter(d -> d.region().equals(plan.region))
                        .orElseThrow(() -> ProblemException.notFound("Ambito non presente nella regione del piano")));
    }

    private static void requirePhase(Plan plan) {
        if (plan.phase != Phase.SOCIAL_REPORT) {
            throw ProblemException
                    .conflict("Le relazioni sociali si compilano solo nella fase SOCIAL_REPORT; il piano è in "
                            + plan.phase);
        }
    }

    private static void requireKnownThemes(Plan plan, SocialReportContent content) {
        Set<String> themes = new HashSet<>(plan.themes.stream().map(Theme::code).toList());
        for (String[] reference : content.themeReferences()) {
            if (!themes.contains(reference[1])) {
                throw ProblemException.invalidField(reference[0], "area di intervento non prevista dal piano: "
                        + reference[1]);
            }
        }
    }

    private Uni<SocialReport> find(UUID planId, String districtCode) {
        return reports.find(planId, districtCode);
    }

    private static SocialReport newReport(UUID planId, String districtCode, OffsetDateTime now) {
        SocialReport report = new SocialReport();
        report.id = UUID.randomUUID();
        report.planId = planId;
        report.districtCode = districtCode;
        report.status = SocialReportStatus.DRAFT;
        report.createdAt = now;
        return report;
    }

}
