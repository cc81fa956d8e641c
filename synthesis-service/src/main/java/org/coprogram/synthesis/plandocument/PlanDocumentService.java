package org.coprogram.synthesis.plandocument;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.sql.TransactionLimits;
import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.MeasureIds;
import org.coprogram.contracts.Phase;
import org.coprogram.contracts.Topics;
import org.coprogram.synthesis.monitoring.IndicatorRepository;
import org.coprogram.synthesis.plan.Plan;
import org.coprogram.synthesis.plan.PlanAccess;
import org.coprogram.synthesis.plan.PlanRepository;
import org.coprogram.synthesis.plan.Theme;
import org.coprogram.synthesis.plandocument.DocumentRules.PlanContext;
import org.coprogram.synthesis.plandocument.DocumentViews.DocumentAdoption;
import org.coprogram.synthesis.plandocument.DocumentViews.DocumentDraft;
import org.coprogram.synthesis.plandocument.DocumentViews.DocumentPublished;
import org.coprogram.synthesis.plandocument.DocumentViews.DocumentSectionTitle;
import org.coprogram.synthesis.plandocument.DocumentViews.DocumentVersion;
import org.coprogram.synthesis.plandocument.DocumentViews.DocumentVersionSummary;
import org.coprogram.synthesis.plandocument.DocumentViews.FundingSourceView;
import org.coprogram.synthesis.plandocument.DocumentViews.PublishedMeasure;
import org.coprogram.synthesis.territory.TerritoryVersions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * A plan's document: region staff of the plan's region rewrite its draft and publish versions of it, which everybody
 * reads and compares; once the plan is adopted (or closed) the document no longer changes, and its latest version is
 * the adopted one.
 */
@ApplicationScoped
public class PlanDocumentService {

    private final PlanRepository plans;
    private final PlanDocumentRepository documents;
    private final PlanMeasureRepository measures;
    private final IndicatorRepository indicators;
    private final TerritoryVersions territories;
    private final PlanDocumentConfig config;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final jakarta.enterprise.inject.Instance<MeasuresFirstPublished> firstPublished;
    private final TransactionLimits limits;

    public PlanDocumentService(PlanRepository plans, PlanDocumentRepository documents, PlanMeasureRepository measures,
            IndicatorRepository indicators, TerritoryVersions territories, PlanDocumentConfig config, Outbox outbox,
            AuditTrail audit, ObjectMapper json, Clock clock,
            jakarta.enterprise.inject.Instance<MeasuresFirstPublished> firstPublished, TransactionLimits limits) {
        this.firstPublished = firstPublished;
        this.limits = limits;
        this.plans = plans;
        this.documents = documents;
        this.measures = measures;
        this.indicators = indicators;
        this.territories = territories;
        this.config = config;
        this.outbox = outbox;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /**
     * One {@code plan.measure-published} per measure of the version, in the transaction of the document's event (one
     * statement for all of them), keyed
     * by plan so that they follow it: the services where people comment on measures learn their text from them
     * (docs/dialogue.md).
     */
    private Uni<Void> measuresPublished(String region, UUID planId, int version, PlanDocument document) {
        return outbox.recordAll(document.measures().stream().map(m -> outbox.event(Topics.PLANS,
                EventTypes.PLAN_MEASURE_PUBLISHED, planId.toString(), planId.toString(),
                new DocumentViews.MeasurePublished(planId, region, version, MeasureIds.of(planId, m.code()), m.code(),
                        m.title(), m.description(), m.theme())))
                .toList());
    }

    private Uni<Void> announce(Plan plan, int version, java.util.List<UUID> fresh) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (MeasuresFirstPublished listener : firstPublished) {
            done = done.call(() -> listener.firstPublished(plan, version, fresh));
        }
        return done;
    }

    @WithSession
    public Uni<DocumentDraft> draft(UUID planId, PlanAccess access) {
        return plans.require(planId).flatMap(plan -> {
            access.requireRegionStaff(plan);
            return documents.draft(planId).map(row -> row == null
                    ? draft(planId, 0, null, PlanDocument.EMPTY)
                    : draft(planId, row.revision(), row.updatedAt(), read(row.document())));
        });
    }

    /**
     * Replaces the draft with {@code write.document()} if the draft is still at {@code write.revision()}: access is
     * checked before the body, so another region's staff learn nothing from the answer.
     */
    @WithTransaction
    public Uni<DocumentDraft> writeDraft(UUID planId, DocumentViews.DocumentDraftWrite write, PlanAccess access) {
        return plans.require(planId).flatMap(plan -> {
            access.requireRegionStaff(plan);
            requireOpen(plan);
            if (write == null || write.revision() == null || write.revision() < 0) {
                throw ProblemException.invalidField("revision",
                        "la revisione della bozza su cui si scrive è obbligatoria (0 per la prima)");
            }
            return context(plan).flatMap(context -> {
                PlanDocument document = DocumentRules.check(write.document(), context);
                OffsetDateTime now = OffsetDateTime.now(clock);
                int revision = write.revision() + 1;
                return documents.writeDraft(planId, revision, write(document), access.actor(), now)
                        .flatMap(written -> {
                            if (!written) {
                                throw ProblemException.conflict("La bozza è stata modificata da qualcun altro dopo"
                                        + " la revisione " + write.revision()
                                        + ": ricaricala e riapplica le modifiche");
                            }
                            return audit.record(access.actor(), "plan.document.draft", "plan", planId.toString(),
                                    "revisione " + revision + ", " + document.measures().size() + " interventi")
                                    .replaceWith(draft(planId, revision, now, document));
                        });
            });
        });
    }

    /** Publishes the draft as the next version, frozen; refused when empty or unchanged since the last version. */
    @WithTransaction
    public Uni<DocumentVersionSummary> publish(UUID planId, DocumentViews.DocumentPublication publication,
            PlanAccess access) {
        String note = publication == null || publication.note() == null || publication.note().isBlank()
                ? null
                : publication.note().strip();
        return plans.require(planId).flatMap(plan -> {
            access.requireRegionStaff(plan);
            requireOpen(plan);
            if (note != null && note.length() > 1000) {
                throw ProblemException.invalidField("note", "al massimo 1000 caratteri");
            }
            PlanDocumentConfig.WriteLimits bounds = config.writeLimits();
            return limits.apply(bounds.statementTimeout(), bounds.lockTimeout(), bounds.idleTimeout())
                    .chain(() -> documents.lockDraft(planId)).flatMap(draft -> {
                        PlanDocument document = draft == null ? PlanDocument.EMPTY : read(draft.document());
                        if (document.sections().isEmpty() && document.measures().isEmpty()) {
                            throw ProblemException
                                    .conflict("La bozza è vuota: scrivi almeno una sezione o un intervento");
                        }
                        return documents.latestVersion(planId).flatMap(latest -> (latest == 0
                                ? Uni.createFrom().item(false)
                                : documents.version(planId, latest).map(row -> read(row.document()).equals(document)))
                                .flatMap(unchanged -> {
                                    if (unchanged) {
                                        throw ProblemException
                                                .conflict("La bozza non è cambiata dalla versione " + latest);
                                    }
                                    int version = latest + 1;
                                    OffsetDateTime now = OffsetDateTime.now(clock)
                                            .withOffsetSameInstant(ZoneOffset.UTC);
                                    DocumentPublished event = new DocumentPublished(planId, plan.region, version, note,
                                            now,
                                            document.measures().stream()
                                                    .map(m -> new PublishedMeasure(m.code(), m.title(),
                                                            m.theme(), m.priority(), ResourceTotals.of(m)))
                                                    .toList(),
                                            totals(document).total());
                                    return documents
                                            .insertVersion(planId, version, write(document), note, access.actor(), now)
                                            .call(() -> measures.published(planId, version,
                                                    document.measures().stream().map(PlanDocument.PlanMeasure::code)
                                                            .toList())
                                                    .call(fresh -> announce(plan, version, fresh)))
                                            .call(() -> outbox.record(Topics.PLANS, EventTypes.PLAN_DOCUMENT_PUBLISHED,
                                                    planId.toString(), planId.toString(), event))
                                            .call(() -> measuresPublished(plan.region, planId, version, document))
                                            .call(() -> audit.record(access.actor(), "plan.document.publish", "plan",
                                                    planId.toString(), "versione " + version))
                                            .replaceWith(
                                                    new DocumentVersionSummary(version, now, note,
                                                            document.measures().size(),
                                                            event.total(), null));
                                }));
                    });
        });
    }

    @WithSession
    public Uni<Page<DocumentVersionSummary>> versions(UUID planId, PageRequest page) {
        return plans.require(planId).flatMap(plan -> documents.latestVersion(planId)
                .flatMap(latest -> documents.versions(planId, page).flatMap(rows -> documents.countVersions(planId)
                        .map(total -> new Page<>(rows.stream().map(row -> {
                            PlanDocument document = read(row.document());
                            return new DocumentVersionSummary(row.version(), row.publishedAt(), row.note(),
                                    document.measures().size(), totals(document).total(),
                                    row.version() == latest ? adoption(plan) : null);
                        }).toList(), page.page(), page.size(), total)))));
    }

    @WithSession
    public Uni<DocumentVersion> version(UUID planId, int version) {
        return plans.require(planId).flatMap(plan -> documents.latestVersion(planId)
                .flatMap(latest -> documents.version(planId, version).map(row -> {
                    if (row == null) {
                        throw ProblemException.notFound("Versione " + version + " del documento non trovata");
                    }
                    PlanDocument document = read(row.document());
                    return new DocumentVersion(planId, plan.region, plan.title, row.version(), row.publishedAt(),
                            row.note(),
                            row.version() == latest ? adoption(plan) : null, document, totals(document), sources(),
                            Arrays.stream(SectionKey.values()).map(k -> new DocumentSectionTitle(k.name(), k.title()))
                                    .toList(),
                            measureIds(planId, document));
                })));
    }

    /** The latest published version (the adopted one once the plan is adopted), null if none was published. */
    @WithSession
    public Uni<DocumentVersion> latest(UUID planId) {
        return documents.latestVersion(planId)
                .flatMap(latest -> latest == 0 ? Uni.createFrom().nullItem() : version(planId, latest));
    }

    @WithSession
    public Uni<DocumentDiff> diff(UUID planId, int from, int to) {
        if (from == to) {
            throw ProblemException.invalidField("to", "due versioni diverse");
        }
        return plans.require(planId).flatMap(plan -> documents.version(planId, from)
                .flatMap(before -> documents.version(planId, to).map(after -> {
                    if (before == null || after == null) {
                        throw ProblemException.notFound("Versione " + (before == null ? from : to)
                                + " del documento non trovata");
                    }
                    return DocumentDiff.between(from, read(before.document()), to, read(after.document()), json);
                })));
    }

    /** No change once the Giunta adopted the plan or it closed: the adopted version is the latest. */
    private static void requireOpen(Plan plan) {
        if (plan.adoptionResolution != null || plan.phase == Phase.MONITORING || plan.phase == Phase.CLOSED) {
            throw ProblemException.conflict("Il piano è adottato: il suo documento non cambia più");
        }
    }

    private Uni<PlanContext> context(Plan plan) {
        Set<String> themes = plan.themes.stream().map(Theme::code).collect(Collectors.toSet());
        Set<String> leps = new HashSet<>(plan.leps == null ? List.of() : plan.leps);
        return territories.catalog(plan.region, plan.territoryVersion).flatMap(catalog -> indicators.ofPlan(plan.id)
                .map(found -> new PlanContext(themes, leps, plan.periodStart.getYear(), plan.periodEnd.getYear(),
                        catalog.provinces(plan.region).stream().map(p -> p.code()).collect(Collectors.toSet()),
                        catalog.districts(plan.region).stream().map(d -> d.code()).collect(Collectors.toSet()),
                        found.stream().map(i -> i.id).collect(Collectors.toSet()),
                        sources().stream().map(FundingSourceView::code).collect(Collectors.toCollection(
                                java.util.LinkedHashSet::new)),
                        config.maxMeasures())));
    }

    private DocumentDraft draft(UUID planId, int revision, OffsetDateTime updatedAt, PlanDocument document) {
        return new DocumentDraft(planId, revision, updatedAt, document, totals(document), sources(),
                measureIds(planId, document));
    }

    private static java.util.Map<String, UUID> measureIds(UUID planId, PlanDocument document) {
        return document.measures().stream().collect(Collectors.toMap(PlanDocument.PlanMeasure::code,
                m -> MeasureIds.of(planId, m.code()), (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private ResourceTotals totals(PlanDocument document) {
        return ResourceTotals.of(document, sources().stream().map(FundingSourceView::code).toList());
    }

    private List<FundingSourceView> sources() {
        return config.fundingSources().stream().map(s -> new FundingSourceView(s.code(), s.label())).toList();
    }

    private static DocumentAdoption adoption(Plan plan) {
        return plan.adoptionResolution == null
                ? null
                : new DocumentAdoption(plan.adoptionResolution, plan.adoptionDate, plan.adoptionUrl);
    }

    private PlanDocument read(String document) {
        try {
            return json.readValue(document, PlanDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored plan document is not readable", e);
        }
    }

    private String write(PlanDocument document) {
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Plan document is not writable", e);
        }
    }
}
