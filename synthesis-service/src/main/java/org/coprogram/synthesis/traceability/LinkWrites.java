package org.coprogram.synthesis.traceability;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;
import org.coprogram.common.sql.TransactionLimits;
import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.Topics;
import org.coprogram.synthesis.plan.Plan;
import org.coprogram.synthesis.plan.PlanAccess;
import org.coprogram.synthesis.plan.PlanRepository;
import org.coprogram.synthesis.plandocument.MeasuresFirstPublished;
import org.coprogram.synthesis.plandocument.PlanDocumentConfig;
import org.coprogram.synthesis.traceability.LinkRepository.ContributionRow;
import org.coprogram.synthesis.traceability.LinkRepository.LinkRow;
import org.coprogram.synthesis.traceability.TraceViews.ContributionLinked;
import org.coprogram.synthesis.traceability.TraceViews.ContributionRef;
import org.coprogram.synthesis.traceability.TraceViews.ContributionUnlinked;
import org.coprogram.synthesis.traceability.TraceViews.LinkCluster;
import org.coprogram.synthesis.traceability.TraceViews.MeasureLinkView;
import org.coprogram.synthesis.traceability.TraceViews.SkippedContribution;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The writes of links, each in one transaction with its events (outbox) and its audit entry. Whoever calls has
 * checked the caller and the body's shape; here the plan must still be open and each contribution must be one of the
 * plan's that may be linked, or nothing is written.
 */
@ApplicationScoped
class LinkWrites implements MeasuresFirstPublished {

    private static final java.util.regex.Pattern QUESTION = java.util.regex.Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    /** A contribution checked and ready to link: what the row stores. */
    record Checked(ContributionKind kind, String ref, UUID contributionId, UUID surveyId, String questionId) {
    }

    private final PlanRepository plans;
    private final LinkRepository links;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionLimits limits;
    private final PlanDocumentConfig.WriteLimits bounds;

    LinkWrites(PlanRepository plans, LinkRepository links, Outbox outbox, AuditTrail audit, Clock clock,
            TransactionLimits limits, PlanDocumentConfig config) {
        this.limits = limits;
        this.bounds = config.writeLimits();
        this.plans = plans;
        this.links = links;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** Links every contribution of {@code refs}, or none: one that may not be linked is a violation. */
    @WithTransaction
    Uni<TraceViews.MeasureLinkBatch> link(MeasureDirectory.Located measure, List<ContributionRef> refs,
            LinkOutcome outcome, String reason, PlanAccess access) {
        return linkChecked(measure, refs, null, outcome, reason, access);
    }

    private Uni<TraceViews.MeasureLinkBatch> linkChecked(MeasureDirectory.Located measure,
            List<ContributionRef> refs, LinkCluster cluster, LinkOutcome outcome, String reason,
            PlanAccess access) {
        return limits.apply(bounds.statementTimeout(), bounds.lockTimeout(), bounds.idleTimeout())
                .chain(() -> open(measure.plan().id, access)).flatMap(plan -> links.linkedRefs(measure.measureId())
                        .flatMap(linked -> check(plan, refs, cluster != null).flatMap(checked -> {
                            List<Violation> violations = new ArrayList<>(checked.violations());
                            List<SkippedContribution> skipped = new ArrayList<>(checked.skipped());
                            List<Checked> toLink = new ArrayList<>();
                            Set<String> seen = new HashSet<>();
                            for (int i = 0; i < refs.size(); i++) {
                                Checked c = checked.ok().get(i);
                                if (c == null) {
                                    continue;
                                }
                                if (linked.contains(c.ref()) || !seen.add(c.ref())) {
                                    if (cluster != null) {
                                        skipped.add(
                                                new SkippedContribution(refs.get(i), "già collegato all'intervento"));
                                    } else {
                                        violations.add(new Violation(field(refs, i), linked.contains(c.ref())
                                                ? "contributo già collegato a questo intervento"
                                                : "contributo indicato più di una volta"));
                                    }
                                    continue;
                                }
                                toLink.add(c);
                            }
                            if (!violations.isEmpty()) {
                                throw refused(refs.size() == 1 && cluster == null && violations.stream()
                                        .allMatch(v -> v.message().startsWith("contributo già collegato")), violations);
                            }
                            if (toLink.isEmpty()) {
                                throw ProblemException.invalidField("contribution.id",
                                        "nessun contributo del gruppo si può"
                                                + " collegare: sono già collegati o non si possono collegare ("
                                                + skipped.size() + ")");
                            }
                            OffsetDateTime now = now();
                            List<LinkRow> rows = toLink.stream().map(c -> new LinkRow(UUID.randomUUID(), plan.id,
                                    measure.measureId(), measure.code(), c.kind().name(), c.ref(), c.contributionId(),
                                    c.surveyId(), c.questionId(), cluster == null ? null : cluster.id(),
                                    cluster == null ? null : cluster.label(), outcome.name(), reason, access.actor(),
                                    now,
                                    now)).toList();
                            // One statement for the links and one for their events, however many (docs/performance.md).
                            // Announced now if the measure is public; else when a version first publishes it (LinkAnnouncer).
                            Uni<Void> chain = links.insertAll(rows).chain(() -> links.published(measure.measureId()))
                                    .chain(published -> outbox
                                            .recordAll(published ? linkedEvents(plan, rows) : List.of()));
                            String details = "intervento " + measure.code() + " del piano " + plan.id + ": "
                                    + (cluster != null
                                            ? "gruppo «" + cluster.label() + "» (" + cluster.id() + "), "
                                            : "")
                                    + rows.size() + " contributi, " + outcome.name()
                                    + (skipped.isEmpty() ? "" : ", " + skipped.size() + " esclusi");
                            return chain.chain(() -> audit.record(access.actor(), "measure.link", "measure",
                                    measure.measureId().toString(), details))
                                    .replaceWith(new TraceViews.MeasureLinkBatch(measure.measureId(),
                                            rows.stream().map(LinkWrites::view).toList(), skipped));
                        })));
    }

    /**
     * Links the members of a synthesis cluster, each as the kind its read-model row is (survey responses and imported
     * comments, which a link cannot name one by one, are skipped with why), in one action.
     */
    @WithTransaction
    Uni<TraceViews.MeasureLinkBatch> linkCluster(MeasureDirectory.Located measure, LinkCluster cluster,
            List<UUID> members, LinkOutcome outcome, String reason, PlanAccess access) {
        return links.contributions(members).flatMap(rows -> {
            Map<UUID, ContributionRow> byId = rows.stream()
                    .collect(Collectors.toMap(ContributionRow::id, Function.identity()));
            List<ContributionRef> refs = new ArrayList<>();
            List<SkippedContribution> skipped = new ArrayList<>();
            for (UUID member : members) {
                ContributionRow row = byId.get(member);
                ContributionKind kind = row == null ? null : ContributionKind.ofSource(row.source()).orElse(null);
                if (kind == null) {
                    skipped.add(new SkippedContribution(ContributionRef.of(row == null ? null : row.source(),
                            member.toString()),
                            row != null && "SURVEY".equals(row.source())
                                    ? "una risposta a un questionario si collega come domanda (SURVEY_QUESTION)"
                                    : "contributo che non si collega da solo"));
                } else {
                    refs.add(ContributionRef.of(kind.name(), member.toString()));
                }
            }
            return linkChecked(measure, refs, cluster, outcome, reason, access).map(batch -> {
                List<SkippedContribution> all = new ArrayList<>(skipped);
                all.addAll(batch.skipped());
                return new TraceViews.MeasureLinkBatch(batch.measureId(), batch.links(), all);
            });
        });
    }

    /** A new outcome and/or reason for the link. */
    @WithTransaction
    Uni<MeasureLinkView> change(UUID linkId, TraceViews.MeasureLinkChange body, PlanAccess access) {
        return locked(linkId, access).flatMap(row -> {
            TraceabilityService.requireChange(body);
            LinkOutcome outcome = LinkOutcome.parse(body.outcome()).orElse(null);
            String reason = body.reason() == null ? null : body.reason().strip();
            OffsetDateTime now = now();
            LinkRow changed = new LinkRow(row.id(), row.planId(), row.measureId(), row.measureCode(), row.kind(),
                    row.ref(), row.contributionId(), row.surveyId(), row.questionId(), row.clusterId(),
                    row.clusterLabel(), outcome == null ? row.outcome() : outcome.name(),
                    reason == null ? row.reason() : reason, row.createdBy(), row.createdAt(), now);
            return plans.require(row.planId())
                    .call(() -> links.change(linkId, changed.outcome(), changed.reason(), now))
                    .call(plan -> whenPublic(row, () -> outbox.record(Topics.PLANS,
                            EventTypes.PLAN_CONTRIBUTION_LINKED, plan.id.toString(), plan.id.toString(),
                            linkedEvent(plan, changed))))
                    .call(() -> audit.record(access.actor(), "measure.link.change", "measure-link",
                            linkId.toString(), row.outcome() + " → " + changed.outcome()))
                    .map(ignored -> view(changed));
        });
    }

    @WithTransaction
    Uni<Void> remove(UUID linkId, PlanAccess access) {
        return locked(linkId, access).flatMap(row -> plans.require(row.planId())
                .call(() -> links.delete(linkId))
                .call(plan -> whenPublic(row, () -> outbox.record(Topics.PLANS,
                        EventTypes.PLAN_CONTRIBUTION_UNLINKED, plan.id.toString(), plan.id.toString(),
                        new ContributionUnlinked(row.id(), plan.id, plan.region, row.measureId(), row.measureCode(),
                                ref(row), now()))))
                .call(() -> audit.record(access.actor(), "measure.unlink", "measure-link", linkId.toString(),
                        "intervento " + row.measureCode() + ": " + row.kind() + " " + row.ref()))
                .replaceWithVoid());
    }

    /** The event of a change to {@code link}, if its measure is public: nobody outside the region heard of it else. */
    private Uni<Void> whenPublic(LinkRow link, java.util.function.Supplier<Uni<?>> event) {
        return links.published(link.measureId())
                .chain(published -> published ? event.get().replaceWithVoid() : Uni.createFrom().voidItem());
    }

    /** The link, locked, once the caller is found to be staff of its plan's region and the plan open. */
    private Uni<LinkRow> locked(UUID linkId, PlanAccess access) {
        return links.lock(linkId).flatMap(row -> {
            if (row == null) {
                throw ProblemException.notFound("Collegamento non trovato");
            }
            return open(row.planId(), access).replaceWith(row);
        });
    }

    private Uni<Plan> open(UUID planId, PlanAccess access) {
        return plans.require(planId).invoke(plan -> {
            access.requireRegionStaff(plan);
            requireOpen(plan);
        });
    }

    /** No link changes once the Giunta adopted the plan or it closed: what it was adopted with stays as it was. */
    static void requireOpen(Plan plan) {
        if (plan.adoptionResolution != null || plan.phase == org.coprogram.contracts.Phase.MONITORING
                || plan.phase == org.coprogram.contracts.Phase.CLOSED) {
            throw ProblemException.conflict("Il piano è adottato: i collegamenti ai suoi interventi non cambiano più");
        }
    }

    private record Outcome(List<Checked> ok, List<Violation> violations, List<SkippedContribution> skipped) {
    }

    /**
     * Each ref checked against the read model: {@code ok} has one entry per ref (null where it failed). For a cluster's
     * members, a member that may not be linked is skipped with why instead of refusing the whole action.
     */
    private Uni<Outcome> check(Plan plan, List<ContributionRef> refs, boolean members) {
        List<Checked> ok = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        List<SkippedContribution> skipped = new ArrayList<>();
        Set<UUID> rowIds = new HashSet<>();
        Set<UUID> surveyIds = new HashSet<>();
        List<Object> parsed = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            ContributionRef ref = refs.get(i);
            ContributionKind kind = ContributionKind.parse(ref.kind()).orElse(null);
            String id = ref.id() == null ? "" : ref.id().strip();
            Object value = null;
            if (kind == ContributionKind.SURVEY_QUESTION) {
                int colon = id.indexOf(':');
                UUID survey = colon < 0 ? null : uuid(id.substring(0, colon));
                if (survey != null && QUESTION.matcher(id.substring(colon + 1)).matches()) {
                    surveyIds.add(survey);
                    value = survey;
                }
            } else {
                value = uuid(id);
                if (value != null) {
                    rowIds.add((UUID) value);
                }
            }
            parsed.add(value);
        }
        return links.contributions(rowIds).flatMap(rows -> links.surveys(surveyIds).map(surveys -> {
            Map<UUID, ContributionRow> byId = rows.stream()
                    .collect(Collectors.toMap(ContributionRow::id, Function.identity()));
            Map<UUID, LinkRepository.SurveyRow> surveyById = surveys.stream()
                    .collect(Collectors.toMap(LinkRepository.SurveyRow::id, Function.identity()));
            for (int i = 0; i < refs.size(); i++) {
                ContributionRef ref = refs.get(i);
                ContributionKind kind = ContributionKind.parse(ref.kind()).orElseThrow();
                String problem;
                Checked checked = null;
                Object value = parsed.get(i);
                if (kind == ContributionKind.SURVEY_QUESTION) {
                    LinkRepository.SurveyRow survey = value == null ? null : surveyById.get((UUID) value);
                    if (value == null) {
                        problem = "domanda di questionario non valida: <id del questionario>:<id della domanda>";
                    } else if (survey == null || !survey.planId().equals(plan.id)) {
                        problem = "questionario non trovato tra quelli pubblicati per questo piano";
                    } else {
                        String id = ref.id().strip();
                        checked = new Checked(kind, id, null, survey.id(), id.substring(id.indexOf(':') + 1));
                        problem = null;
                    }
                } else {
                    ContributionRow row = value == null ? null : byId.get((UUID) value);
                    problem = problem(kind, row, plan);
                    if (problem == null) {
                        checked = new Checked(kind, row.id().toString(), row.id(), null, null);
                    }
                }
                ok.add(checked);
                if (problem != null) {
                    if (members) {
                        skipped.add(new SkippedContribution(ref, problem));
                    } else {
                        violations.add(new Violation(field(refs, i), problem));
                    }
                }
            }
            return new Outcome(ok, violations, skipped);
        }));
    }

    /** Why the row may not be linked as {@code kind}, or null. */
    private static String problem(ContributionKind kind, ContributionRow row, Plan plan) {
        if (row == null || !row.planId().equals(plan.id) || !kind.source.equals(row.source())) {
            return switch (kind) {
                case PROPOSAL -> "proposta non trovata in questo piano";
                case MEETING_CONTRIBUTION -> "contributo di verbale non trovato in questo piano";
                default -> "voce di relazione sociale non trovata in questo piano";
            };
        }
        if (kind == ContributionKind.PROPOSAL && row.hidden()) {
            return "la proposta è nascosta dalla moderazione: non si può collegare";
        }
        if (kind == ContributionKind.PROPOSAL && "WITHDRAWN".equals(row.status())) {
            return "la proposta è stata ritirata dal suo autore: non si può collegare";
        }
        if (row.hidden()) {
            return kind == ContributionKind.SOCIAL_REPORT_SECTION
                    ? "la relazione sociale è stata riaperta: non si può collegare finché non è di nuovo trasmessa"
                    : "il contributo non è visibile: non si può collegare";
        }
        return null;
    }

    private static String field(List<ContributionRef> refs, int i) {
        return refs.size() == 1 ? "contribution.id" : "contributions[" + i + "].id";
    }

    private static ProblemException refused(boolean duplicate, List<Violation> violations) {
        if (duplicate) {
            return ProblemException.conflict("Il contributo è già collegato a questo intervento");
        }
        return new ProblemException(422, "Dati non validi",
                "Nessun collegamento è stato fatto: " + violations.size() + " contributi non si possono collegare",
                violations);
    }

    static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static ContributionRef ref(LinkRow row) {
        return ContributionRef.of(row.kind(), row.ref());
    }

    static LinkCluster cluster(LinkRow row) {
        return row.clusterId() == null ? null : new LinkCluster(row.clusterId(), row.clusterLabel());
    }

    static MeasureLinkView view(LinkRow row) {
        return new MeasureLinkView(row.id(), row.planId(), row.measureId(), row.measureCode(), ref(row),
                row.outcome(), row.reason(), cluster(row), row.createdAt(), row.updatedAt());
    }

    /**
     * The links made while these measures were only in the draft, announced now that a version publishes them: each
     * once, since a measure is first published once.
     */
    @Override
    public Uni<Void> firstPublished(Plan plan, int version, List<UUID> measureIds) {
        return links.ofMeasures(measureIds).chain(rows -> outbox.recordAll(linkedEvents(plan, rows)));
    }

    /** A {@code contribution-linked} event per row, in their order, for {@link Outbox#recordAll}. */
    private List<org.coprogram.common.outbox.OutboxEvent> linkedEvents(Plan plan, List<LinkRow> rows) {
        return rows.stream().map(row -> outbox.event(Topics.PLANS, EventTypes.PLAN_CONTRIBUTION_LINKED,
                plan.id.toString(), plan.id.toString(), linkedEvent(plan, row))).toList();
    }

    private static ContributionLinked linkedEvent(Plan plan, LinkRow row) {
        return new ContributionLinked(row.id(), plan.id, plan.region, row.measureId(), row.measureCode(), ref(row),
                row.outcome(), row.reason(), cluster(row), row.createdAt(), row.updatedAt());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
