package org.coprogram.synthesis.traceability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;
import org.coprogram.common.sql.TransactionLimits;
import org.coprogram.synthesis.plan.Plan;
import org.coprogram.synthesis.plan.PlanAccess;
import org.coprogram.synthesis.plan.PlanRepository;
import org.coprogram.synthesis.plandocument.PlanDocument;
import org.coprogram.synthesis.plandocument.ResourceTotals;
import org.coprogram.synthesis.traceability.LinkRepository.LinkRow;
import org.coprogram.synthesis.traceability.LinkRepository.LinkedRow;
import org.coprogram.synthesis.traceability.TraceViews.ContributionRef;
import org.coprogram.synthesis.traceability.TraceViews.CountBy;
import org.coprogram.synthesis.traceability.TraceViews.FateVersion;
import org.coprogram.synthesis.traceability.TraceViews.LinkCluster;
import org.coprogram.synthesis.traceability.TraceViews.LinkedContribution;
import org.coprogram.synthesis.traceability.TraceViews.MeasureFate;
import org.coprogram.synthesis.traceability.TraceViews.MeasureLinkBatch;
import org.coprogram.synthesis.traceability.TraceViews.MeasureLinkView;
import org.coprogram.synthesis.traceability.TraceViews.MeasurePage;
import org.coprogram.synthesis.traceability.TraceViews.MeasureVersionText;
import org.coprogram.synthesis.traceability.TraceViews.PlanAdoptionRef;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Traceability (docs/plan-document.md): region staff of a plan's region link contributions to its measures; everybody
 * reads what became of a proposal ("che fine ha fatto") and the contributions behind a measure. Reaches plans and
 * their documents only through {@link PlanRepository}, {@link PublishedVersions} and {@link MeasureDirectory}.
 */
@ApplicationScoped
public class TraceabilityService {

    /** The most contributions one bulk action links. */
    static final int MAX_BULK = 500;
    static final int REASON_MAX = 2000;
    static final int EXCERPT = 280;

    /** A published version, read, with its measures by code; {@code weight}: its document's length. */
    record Published(int version, java.time.OffsetDateTime publishedAt, PlanDocument document, int weight,
            Map<String, PlanDocument.PlanMeasure> byCode) {

        Published(int version, java.time.OffsetDateTime publishedAt, PlanDocument document, int weight) {
            this(version, publishedAt, document, weight, byCode(document));
        }

        Optional<PlanDocument.PlanMeasure> measure(String code) {
            return Optional.ofNullable(byCode.get(code));
        }

        private static Map<String, PlanDocument.PlanMeasure> byCode(PlanDocument document) {
            Map<String, PlanDocument.PlanMeasure> found = new java.util.HashMap<>();
            if (document.measures() != null) {
                document.measures().forEach(m -> found.putIfAbsent(m.code(), m));
            }
            return Map.copyOf(found);
        }
    }

    /**
     * Keeping a reader's computed counts is one short write, never worth a wait: its lock wait and statement are
     * bounded tightly; its idle bound only ends a transaction whose reader went away (ending the session costs a
     * connection, so it is not tight).
     */
    private static final Duration KEEP_COUNTS_LOCK = Duration.ofMillis(100);
    private static final Duration KEEP_COUNTS_STATEMENT = Duration.ofSeconds(1);
    private static final Duration KEEP_COUNTS_IDLE = Duration.ofSeconds(10);

    private final MeasureDirectory directory;
    private final ClusterMembers clusters;
    private final LinkWrites writes;
    private final LinkRepository links;
    private final PlanRepository plans;
    private final PublishedVersions versions;
    private final TransactionLimits limits;

    TraceabilityService(MeasureDirectory directory, ClusterMembers clusters, LinkWrites writes, LinkRepository links,
            PlanRepository plans, PublishedVersions versions, TransactionLimits limits) {
        this.directory = directory;
        this.clusters = clusters;
        this.writes = writes;
        this.links = links;
        this.plans = plans;
        this.versions = versions;
        this.limits = limits;
    }

    /**
     * One link, or a whole cluster's in one action. Access and the plan's state are checked before the body, so
     * nobody else learns anything from the answer; a single link answers a one-link batch.
     */
    public Uni<MeasureLinkBatch> link(UUID measureId, TraceViews.MeasureLinkRequest body, PlanAccess access) {
        return writable(measureId, access).flatMap(measure -> {
            if (body == null) {
                throw ProblemException.invalidField("contribution", "il corpo della richiesta è obbligatorio");
            }
            List<Violation> violations = new ArrayList<>();
            LinkOutcome outcome = outcome(body.outcome(), true, violations);
            String reason = reason(body.reason(), true, violations);
            ContributionRef ref = body.contribution();
            ContributionKind kind = ref == null ? null : ContributionKind.parse(ref.kind()).orElse(null);
            if (kind == null) {
                violations.add(new Violation("contribution.kind", "tipo di contributo non valido: PROPOSAL,"
                        + " SURVEY_QUESTION, MEETING_CONTRIBUTION, SOCIAL_REPORT_SECTION o CLUSTER"));
            } else if (ref.id() == null || ref.id().isBlank()) {
                violations.add(new Violation("contribution.id", "indicare il contributo"));
            }
            refuse(violations);
            if (kind != ContributionKind.CLUSTER) {
                return writes.link(measure, List.of(ref), outcome, reason, access);
            }
            UUID planId = measure.plan().id;
            return clusters.cluster(planId, ref.level(), ref.code(), ref.id().strip()).flatMap(cluster -> {
                if (cluster == null) {
                    throw ProblemException.invalidField("contribution.id", "gruppo non trovato tra quelli che la"
                            + " sintesi mostra ora per questo territorio");
                }
                return writes.linkCluster(measure, new LinkCluster(cluster.id(), cluster.label()),
                        cluster.members(), outcome, reason, access);
            });
        });
    }

    /** Up to {@link #MAX_BULK} contributions with one outcome and reason, all or none. */
    public Uni<MeasureLinkBatch> linkAll(UUID measureId, TraceViews.MeasureLinkBulkRequest body, PlanAccess access) {
        return writable(measureId, access).flatMap(measure -> {
            if (body == null) {
                throw ProblemException.invalidField("contributions", "il corpo della richiesta è obbligatorio");
            }
            List<Violation> violations = new ArrayList<>();
            LinkOutcome outcome = outcome(body.outcome(), true, violations);
            String reason = reason(body.reason(), true, violations);
            List<ContributionRef> refs = body.contributions() == null ? List.of() : body.contributions();
            if (refs.isEmpty() || refs.size() > MAX_BULK) {
                violations.add(new Violation("contributions", "da 1 a " + MAX_BULK + " contributi"));
            }
            for (int i = 0; i < refs.size() && i <= MAX_BULK; i++) {
                ContributionRef ref = refs.get(i);
                ContributionKind kind = ref == null ? null : ContributionKind.parse(ref.kind()).orElse(null);
                if (kind == null || kind == ContributionKind.CLUSTER) {
                    violations.add(new Violation("contributions[" + i + "].kind", kind == null
                            ? "tipo di contributo non valido"
                            : "un gruppo si collega da solo, con POST /api/measures/{id}/links"));
                } else if (ref.id() == null || ref.id().isBlank()) {
                    violations.add(new Violation("contributions[" + i + "].id", "indicare il contributo"));
                }
            }
            refuse(violations);
            return writes.link(measure, refs, outcome, reason, access);
        });
    }

    public Uni<MeasureLinkView> change(UUID linkId, TraceViews.MeasureLinkChange body, PlanAccess access) {
        return writes.change(linkId, body, access);
    }

    public Uni<Void> remove(UUID linkId, PlanAccess access) {
        return writes.remove(linkId, access);
    }

    /** A change's body: an outcome, a reason or both, each valid (checked after access, see {@link LinkWrites}). */
    static void requireChange(TraceViews.MeasureLinkChange body) {
        List<Violation> violations = new ArrayList<>();
        if (body == null || body.outcome() == null && body.reason() == null) {
            violations.add(new Violation("outcome", "indicare il nuovo esito, la nuova motivazione o entrambi"));
        } else {
            outcome(body.outcome(), false, violations);
            reason(body.reason(), false, violations);
        }
        refuse(violations);
    }

    /** The measure, once the caller is found to be staff of its plan's region and the plan still open. */
    private Uni<MeasureDirectory.Located> writable(UUID measureId, PlanAccess access) {
        return directory.locate(measureId).invoke(measure -> {
            access.requireRegionStaff(measure.plan());
            LinkWrites.requireOpen(measure.plan());
        });
    }

    private static LinkOutcome outcome(String text, boolean required, List<Violation> violations) {
        if (text == null && !required) {
            return null;
        }
        return LinkOutcome.parse(text).orElseGet(() -> {
            violations.add(new Violation("outcome", "esito non valido: INCORPORATED, PARTIALLY_INCORPORATED o"
                    + " NOT_INCORPORATED"));
            return null;
        });
    }

    private static String reason(String text, boolean required, List<Violation> violations) {
        if (text == null && !required) {
            return null;
        }
        String reason = text == null ? "" : text.strip();
        if (reason.isEmpty() || reason.length() > REASON_MAX) {
            violations.add(new Violation("reason", "la motivazione pubblica è obbligatoria, al massimo " + REASON_MAX
                    + " caratteri"));
        }
        return reason;
    }

    private static void refuse(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new ProblemException(422, "Dati non validi", violations.get(0).message(), violations);
        }
    }

    // Public reads

    /**
     * What became of a proposal: the measures it fed that some published version has, per version whether the
     * measure and the link were in it, and the adoption. 404 for a hidden proposal, as its own views.
     */
    @WithSession
    public Uni<TraceViews.ProposalFate> fate(UUID proposalId) {
        return links.contribution(proposalId).flatMap(row -> {
            if (row == null || row.hidden() || !"PROPOSAL".equals(row.source())) {
                throw ProblemException.notFound("Proposta non trovata");
            }
            return plans.require(row.planId()).flatMap(plan -> published(plan.id)
                    .flatMap(versions -> links.ofContribution(proposalId).map(found -> {
                        PlanAdoptionRef adoption = adoption(plan);
                        List<MeasureFate> measures = new ArrayList<>();
                        for (LinkRow link : found) {
                            fate(link, versions, adoption).ifPresent(measures::add);
                        }
                        return new TraceViews.ProposalFate(proposalId, plan.id, plan.title, measures, adoption);
                    })));
        });
    }

    private static Optional<MeasureFate> fate(LinkRow link, List<Published> versions, PlanAdoptionRef adoption) {
        List<FateVersion> in = new ArrayList<>();
        String title = null;
        int latest = versions.isEmpty() ? 0 : versions.get(versions.size() - 1).version();
        PlanAdoptionRef adoptedWith = null;
        for (Published v : versions) {
            Optional<PlanDocument.PlanMeasure> measure = v.measure(link.measureCode());
            boolean linked = measure.isPresent() && !link.createdAt().isAfter(v.publishedAt());
            boolean adopted = adoption != null && v.version() == latest;
            if (measure.isPresent()) {
                title = measure.get().title();
            }
            if (adopted && linked) {
                adoptedWith = adoption;
            }
            in.add(new FateVersion(v.version(), v.publishedAt(), measure.isPresent(), linked, adopted));
        }
        if (title == null) {
            return Optional.empty();
        }
        return Optional.of(new MeasureFate(link.measureId(), link.measureCode(), title, link.outcome(), link.reason(),
                LinkWrites.cluster(link), link.createdAt(), in, adoptedWith));
    }

    /**
     * The measure's public page; 404 for a measure no published version has. Its links from {@code after} (a
     * {@link MeasureLinkedPage#next() next} cursor) when given, else page {@code page}.
     */
    @WithSession
    public Uni<MeasurePage> measure(UUID measureId, String after, int page, int size) {
        LinkRepository.LinkCursor cursor = after == null || after.isBlank() ? null : LinkCursors.parse(after);
        return directory.locateKnown(measureId).flatMap(located -> published(located.plan().id).flatMap(versions -> {
            Plan plan = located.plan();
            PlanAdoptionRef adoption = adoption(plan);
            int latest = versions.isEmpty() ? 0 : versions.get(versions.size() - 1).version();
            List<MeasureVersionText> texts = new ArrayList<>();
            for (Published v : versions) {
                v.measure(located.code()).ifPresent(m -> texts.add(new MeasureVersionText(v.version(),
                        v.publishedAt(), adoption != null && v.version() == latest, m, ResourceTotals.of(m))));
            }
            if (texts.isEmpty()) {
                throw ProblemException.notFound("Intervento non trovato");
            }
            int first = cursor == null ? page : 0;
            return counts(measureId, plan.id).flatMap(counts -> links
                    .linked(measureId, cursor, first * size, size + 1).map(rows -> {
                        boolean more = rows.size() > size;
                        List<LinkedRow> shown = more ? rows.subList(0, size) : rows;
                        String next = more ? LinkCursors.of(shown.get(shown.size() - 1).link()) : null;
                        return new MeasurePage(measureId, plan.id, plan.title, plan.region, located.code(), texts,
                                counts(counts.cells()),
                                new TraceViews.MeasureLinkedPage(shown.stream().map(TraceabilityService::linked)
                                        .toList(), first, size, counts.linkedTotal(), next),
                                adoption);
                    }));
        }));
    }

    /**
     * The measure's counts as kept (V2_3__measure_counts.sql), or computed now and kept when they no longer hold. A
     * failure to keep them costs only the next reader the same computation.
     */
    private Uni<LinkRepository.MeasureCounts> counts(UUID measureId, UUID planId) {
        return links.keptCounts(measureId, planId).flatMap(kept -> {
            if (kept != null && kept.current()) {
                return Uni.createFrom().item(kept);
            }
            long version = kept == null ? 0 : kept.linksVersion();
            // A reader never queues behind a link write that holds the row (its first insert): it gives up at once.
            return links.computeCounts(measureId)
                    .call(computed -> Panache.withTransaction(() -> limits
                            .apply(KEEP_COUNTS_STATEMENT, KEEP_COUNTS_LOCK, KEEP_COUNTS_IDLE)
                            .chain(() -> links.keepCounts(measureId, kept != null, version, computed)))
                            .onFailure().recoverWithNull())
                    .map(computed -> new LinkRepository.MeasureCounts(version, true, computed.linkedTotal(),
                            links.cells(computed.cellsJson())));
        });
    }

    /** The plan's links to public contributions of measures some published version has: the open data. */
    @WithSession
    public Uni<List<LinkedRow>> openLinks(UUID planId) {
        return plans.require(planId).flatMap(plan -> published(planId).flatMap(versions -> {
            java.util.Set<String> codes = new java.util.HashSet<>();
            versions.forEach(v -> v.document().measures().forEach(m -> codes.add(m.code())));
            return links.linkedOfPlan(planId)
                    .map(rows -> rows.stream().filter(r -> codes.contains(r.link().measureCode())).toList());
        }));
    }

    private static TraceViews.MeasureContributionCounts counts(List<LinkRepository.CountCell> cells) {
        Map<String, List<CountBy>> by = new LinkedHashMap<>();
        long total = 0;
        for (LinkRepository.CountCell cell : cells) {
            if ("total".equals(cell.dimension())) {
                total = cell.contributions();
            } else {
                by.computeIfAbsent(cell.dimension(), k -> new ArrayList<>())
                        .add(new CountBy(cell.code(), cell.contributions()));
            }
        }
        Comparator<CountBy> order = Comparator.comparingLong(CountBy::contributions).reversed()
                .thenComparing(CountBy::code);
        by.values().forEach(list -> list.sort(order));
        return new TraceViews.MeasureContributionCounts(total, by.getOrDefault("province", List.of()),
                by.getOrDefault("district", List.of()), by.getOrDefault("category", List.of()));
    }

    private static LinkedContribution linked(LinkedRow r) {
        String body = r.body() == null || r.body().isBlank() ? null : r.body();
        String excerpt = body == null ? null : body.length() <= EXCERPT ? body : body.substring(0, EXCERPT) + "…";
        return new LinkedContribution(r.link().id(), LinkWrites.ref(r.link()), r.title(), excerpt, r.theme(),
                r.category(), r.province(), r.district(), r.link().outcome(), r.link().reason(),
                LinkWrites.cluster(r.link()), r.link().createdAt(), r.responses());
    }

    private Uni<List<Published>> published(UUID planId) {
        return versions.of(planId);
    }

    private static PlanAdoptionRef adoption(Plan plan) {
        return plan.adoptionResolution == null
                ? null
                : new PlanAdoptionRef(plan.adoptionResolution, plan.adoptionDate, plan.adoptionUrl);
    }

}
