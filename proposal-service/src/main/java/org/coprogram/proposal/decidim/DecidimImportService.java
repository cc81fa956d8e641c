package org.coprogram.proposal.decidim;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.identity.Pseudonymizer;
import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.planview.PlanTerritories;
import org.coprogram.common.planview.PlanView;
import org.coprogram.common.planview.PlanViews;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;
import org.coprogram.common.territory.Municipality;
import org.coprogram.common.territory.TerritoryCatalog;
import org.coprogram.contracts.StakeholderCategory;
import org.coprogram.proposal.decidim.DecidimImportRepository.FileRow;
import org.coprogram.proposal.decidim.DecidimImportRepository.ImportRow;
import org.coprogram.proposal.decidim.DecidimOpenData.CommentRow;
import org.coprogram.proposal.decidim.DecidimOpenData.ImportProblem;
import org.coprogram.proposal.decidim.ImportView.DecidimImportCounts;
import org.coprogram.proposal.proposal.Kind;
import org.coprogram.proposal.proposal.Proposal;
import org.coprogram.proposal.proposal.ProposalEvents;
import org.coprogram.proposal.proposal.ProposalRepository;
import org.coprogram.proposal.proposal.ProposalStatus;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Imports of Decidim open-data exports into a plan (docs/decidim.md). The request stores the files and answers at
 * once; a worker on every replica takes the oldest pending import (row lock, {@code SKIP LOCKED}) and applies it in
 * one transaction: every proposal through the proposal repository with its {@code proposal.submitted} event, every
 * comment with its {@code proposal.comment-imported} event, and the import's outcome. A crash mid-import rolls all
 * of it back and leaves the import pending, so the next round does it again from the stored files; an export that
 * cannot be read ends {@code FAILED} with its problems and nothing imported.
 */
@ApplicationScoped
public class DecidimImportService {

    private static final Logger LOG = Logger.getLogger(DecidimImportService.class);
    static final String PENDING = "PENDING";
    static final String DONE = "DONE";
    static final String FAILED = "FAILED";
    static final String NOT_FOUND = "Importazione non trovata";

    private final DecidimImportRepository imports;
    private final ProposalRepository proposals;
    private final PlanViews plans;
    private final TerritoryCatalog territory;
    private final PlanTerritories territories;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Pseudonymizer pseudonyms;
    private final Clock clock;
    private final ObjectMapper json;
    private final DecidimConfig config;

    public DecidimImportService(DecidimImportRepository imports, ProposalRepository proposals, PlanViews plans,
            TerritoryCatalog territory, PlanTerritories territories, Outbox outbox, AuditTrail audit,
            Pseudonymizer pseudonyms, Clock clock, ObjectMapper json, DecidimConfig config) {
        this.imports = imports;
        this.proposals = proposals;
        this.plans = plans;
        this.territory = territory;
        this.territories = territories;
        this.outbox = outbox;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
        this.json = json;
        this.config = config;
    }

    /** Stores the request as a pending import of the plan; only the plan's region staff may. */
    @WithTransaction
    public Uni<UUID> accept(UUID planId, List<DecidimOpenData.Upload> files, String mapping, Caller caller) {
        return plans.find(planId).flatMap(found -> {
            PlanView plan = PlanViews.requireKnown(found);
            caller.require(caller.isRegionStaffOf(plan.region),
                    "Solo il personale della Regione del piano può importare dati da Decidim");
            PlanViews.requireNotClosed(plan);
            if (files.isEmpty()) {
                throw ProblemException.badRequest("Allega almeno un file (parte \"file\"): lo zip dei dati aperti di"
                        + " Decidim o i suoi CSV", List.of(new Violation("file", "almeno un file è obbligatorio")));
            }
            UUID id = UUID.randomUUID();
            OffsetDateTime now = OffsetDateTime.now(clock);
            List<FileRow> rows = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                rows.add(new FileRow(i, files.get(i).name(), files.get(i).content()));
            }
            ImportRow row = new ImportRow(id, planId, plan.region, caller.accountId(), PENDING, mapping,
                    write(DecidimImportCounts.NONE), write(new Problems(0, List.of())), now, null);
            return imports.insert(row, rows)
                    .call(() -> audit.record(caller.accountId(), "decidim.import", "plan", planId.toString(),
                            "import " + id + ", " + files.size() + " file"))
                    .replaceWith(id);
        });
    }

    /** The plan, if the caller may import into it: 404 for an unknown plan, 403 for anyone but its region's staff. */
    @WithSession
    public Uni<PlanView> authorize(UUID planId, Caller caller) {
        return plans.find(planId).map(found -> {
            PlanView plan = PlanViews.requireKnown(found);
            caller.require(caller.isRegionStaffOf(plan.region),
                    "Solo il personale della Regione del piano può importare dati da Decidim");
            return plan;
        });
    }

    /** The import, for the staff of its plan's region; 404 for anyone else. */
    @WithSession
    public Uni<ImportView> view(UUID id, Caller caller) {
        return imports.find(id).map(found -> {
            ImportRow row = found.filter(r -> caller.isRegionStaffOf(r.region()))
                    .orElseThrow(() -> ProblemException.notFound(NOT_FOUND));
            Problems problems = read(row.problems(), Problems.class);
            return new ImportView(row.id(), row.planId(), row.status(), read(row.counts(), DecidimImportCounts.class),
                    problems.items(), problems.count(), row.createdAt(), row.finishedAt());
        });
    }

    /** The problems as stored: how many, and the first ones. */
    record Problems(int count, List<ImportProblem> items) {
    }

    /** One round of the worker: the oldest pending import, applied or refused; the next round takes the next. */
    @Scheduled(every = "${coprogram.decidim.poll-interval:2s}", delayed = "${coprogram.decidim.poll-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> processPending() {
        AtomicReference<UUID> current = new AtomicReference<>();
        return Panache.withTransaction(() -> imports.lockNextPending()
                .flatMap(next -> next.map(row -> {
                    current.set(row.id());
                    return process(row);
                }).orElseGet(() -> Uni.createFrom().voidItem())))
                .onFailure().recoverWithUni(e -> {
                    UUID id = current.get();
                    if (id == null) {
                        // No import was taken: the database could not be asked (down, or this replica stopping).
                        LOG.warnf("Looking for a pending Decidim import failed; the next round retries: %s", e);
                        return Uni.createFrom().voidItem();
                    }
                    LOG.errorf(e, "Decidim import %s failed; nothing of it was applied", id);
                    return Panache.withTransaction(() -> imports
                            .finish(id, FAILED, write(DecidimImportCounts.NONE), write(new Problems(1, List.of(
                                    new ImportProblem(null, null, null,
                                            "importazione non riuscita per un errore interno:"
                                                    + " nulla è stato importato; riprova o segnala il problema")))),
                                    OffsetDateTime.now(clock)))
                            .onFailure().recoverWithNull().replaceWithVoid();
                });
    }

    private Uni<Void> process(ImportRow row) {
        return imports.files(row.id()).flatMap(files -> plans.find(row.planId()).flatMap(plan -> {
            List<ImportProblem> problems = new ArrayList<>();
            DecidimMapping mapping = DecidimMapping.parse(row.mapping(), problems);
            List<DecidimOpenData.Upload> uploads = files.stream()
                    .map(f -> new DecidimOpenData.Upload(f.name(), f.content())).toList();
            DecidimOpenData.Parsed parsed = DecidimOpenData.read(uploads, mapping.locale(), config.limits());
            if (!problems.isEmpty() || !parsed.readable()) {
                problems.addAll(parsed.problems());
                return refuse(row, problems, problems.size() - parsed.problems().size() + parsed.problemCount());
            }
            TerritoryCatalog placed = territories.of(plan);
            ImportPlan.Result result = ImportPlan.of(parsed, mapping, Set.copyOf(plan.themes),
                    istat -> territory.municipalityIn(plan.region, istat).isPresent());
            if (!result.problems().isEmpty()) {
                return refuse(row, result.problems(), result.problems().size());
            }
            return apply(row, plan, placed, parsed, result);
        }));
    }

    private Uni<Void> refuse(ImportRow row, List<ImportProblem> problems, int count) {
        List<ImportProblem> first = problems.subList(0, Math.min(problems.size(), DecidimOpenData.MAX_PROBLEMS));
        return imports.finish(row.id(), FAILED, write(DecidimImportCounts.NONE),
                write(new Problems(count, List.copyOf(first))), OffsetDateTime.now(clock));
    }

    private Uni<Void> apply(ImportRow row, PlanView plan, TerritoryCatalog placed, DecidimOpenData.Parsed parsed,
            ImportPlan.Result result) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return imports.importedProposalUrls(plan.id).flatMap(existing -> imports.importedCommentUrls(plan.id)
                .flatMap(existingComments -> {
                    Map<String, UUID> byDecidimId = new HashMap<>();
                    List<Proposal> created = new ArrayList<>();
                    Map<UUID, Integer> supports = new HashMap<>();
                    int already = 0;
                    for (ImportPlan.Placed p : result.proposals()) {
                        UUID present = existing.get(p.row().url());
                        if (present != null) {
                            byDecidimId.put(p.row().id(), present);
                            already++;
                            continue;
                        }
                        Proposal proposal = proposal(row, plan, placed, p, now);
                        existing.put(p.row().url(), proposal.id);
                        byDecidimId.put(p.row().id(), proposal.id);
                        created.add(proposal);
                        supports.put(proposal.id, p.row().supports());
                    }
                    Map<String, CommentRow> commentsById = new HashMap<>();
                    parsed.comments().forEach(c -> commentsById.put(c.id(), c));
                    Map<String, UUID> commentIds = new HashMap<>();
                    Set<String> commentUrls = new HashSet<>(existingComments);
                    List<DecidimImportRepository.CommentRow> comments = new ArrayList<>();
                    Map<String, String> proposalUrls = new HashMap<>();
                    result.proposals().forEach(p -> proposalUrls.put(p.row().id(), p.row().url()));
                    int commentsAlready = 0;
                    for (CommentRow c : result.comments()) {
                        String decidimProposal = DecidimOpenData.proposalOf(c, commentsById);
                        String root = c.rootCommentableUrl() != null
                                ? c.rootCommentableUrl()
                                : proposalUrls.get(decidimProposal);
                        String url = commentUrl(root, c.id());
                        UUID id = UUID.randomUUID();
                        commentIds.put(c.id(), id);
                        if (!commentUrls.add(url)) {
                            commentsAlready++;
                            continue;
                        }
                        UUID parent = c.commentableType().equals(DecidimOpenData.COMMENT_TYPE)
                                ? commentIds.get(c.commentableId())
                                : null;
                        comments.add(new DecidimImportRepository.CommentRow(id, plan.id,
                                byDecidimId.get(decidimProposal), parent, row.id(), c.body(), c.locale(),
                                c.alignment(), c.depth(), pseudonym(url, c.authorId(), "comment:" + c.id()), url,
                                c.createdAt() == null ? now : c.createdAt()));
                    }
                    DecidimImportCounts counts = new DecidimImportCounts(created.size(), comments.size(), already,
                            commentsAlready, parsed.rows(), notImported(parsed.rows()), parsed.columnsUsed(),
                            parsed.ignoredFiles());
                    return Multi.createFrom().iterable(created)
                            .onItem().transformToUniAndConcatenate(proposals::save).collect().asList()
                            .call(() -> Panache.getSession().flatMap(session -> session.flush()))
                            .call(() -> Multi.createFrom().iterable(created).onItem()
                                    .transformToUniAndConcatenate(p -> imports.importedSupports(p.id,
                                            supports.get(p.id))
                                            .call(() -> outbox.record(ProposalEvents.TOPIC, ProposalEvents.SUBMITTED,
                                                    p.id.toString(), plan.id.toString(),
                                                    DecidimEvents.ImportedProposal.of(p, plan.region,
                                                            supports.get(p.id)))))
                                    .collect().last())
                            .call(() -> Multi.createFrom().iterable(comments).onItem()
                                    .transformToUniAndConcatenate(c -> imports.insertComment(c)
                                            .call(() -> outbox.record(ProposalEvents.TOPIC,
                                                    DecidimEvents.COMMENT_IMPORTED, c.proposalId().toString(),
                                                    plan.id.toString(), new DecidimEvents.CommentImported(c.id(),
                                                            c.proposalId(), plan.id, c.parentId(), c.body(),
                                                            c.locale(), c.alignment(), c.depth(),
                                                            c.authorPseudonym(), DecidimEvents.ORIGIN,
                                                            c.originalUrl(), c.createdAt()))))
                                    .collect().last())
                            .call(() -> imports.finish(row.id(), DONE, write(counts), write(new Problems(0,
                                    List.of())), OffsetDateTime.now(clock)))
                            .replaceWithVoid();
                }));
    }

    private Proposal proposal(ImportRow row, PlanView plan, TerritoryCatalog placed, ImportPlan.Placed p,
            OffsetDateTime now) {
        Municipality municipality = territory.municipalityIn(plan.region, p.municipality()).orElseThrow();
        Proposal proposal = new Proposal();
        proposal.id = UUID.randomUUID();
        proposal.planId = plan.id;
        proposal.kind = Kind.PROPOSAL;
        proposal.title = p.row().title().strip();
        proposal.body = p.row().body().strip();
        proposal.theme = p.theme();
        proposal.municipality = municipality.istatCode();
        proposal.district = placed.municipality(municipality.istatCode()).map(Municipality::districtCode)
                .orElse(null);
        proposal.province = municipality.provinceCode();
        proposal.category = StakeholderCategory.CITIZEN;
        proposal.status = p.status();
        OffsetDateTime published = p.row().publishedAt() == null ? now : p.row().publishedAt();
        if (p.status() == ProposalStatus.ACCEPTED || p.status() == ProposalStatus.NOT_ACCEPTED) {
            proposal.answerText = p.row().answer() == null ? "" : p.row().answer();
            proposal.answeredAt = p.row().answeredAt() == null ? published : p.row().answeredAt();
        }
        if (p.status() == ProposalStatus.WITHDRAWN) {
            proposal.withdrawnAt = published;
        }
        // No account: nobody may edit or withdraw an imported proposal as its author.
        proposal.authorId = "decidim-import:" + row.id();
        proposal.authorPseudonym = pseudonym(p.row().url(), p.row().authorId(), "proposal:" + p.row().id());
        proposal.createdAt = published;
        proposal.updatedAt = now;
        proposal.origin = DecidimEvents.ORIGIN;
        proposal.originalUrl = p.row().url();
        proposal.comments = p.row().comments();
        proposal.importId = row.id();
        return proposal;
    }

    /** A pseudonym of the Decidim author (per Decidim host), or of the contribution when the export names none. */
    private String pseudonym(String url, String authorId, String otherwise) {
        String host = Optional.ofNullable(url).map(DecidimImportService::host).orElse("");
        return pseudonyms.of("decidim:" + host + ":" + (authorId != null ? "user:" + authorId : otherwise));
    }

    static String commentUrl(String root, String commentId) {
        String base = root == null ? "" : root;
        return base + (base.contains("?") ? "&" : "?") + "commentId=" + commentId + "#comment_" + commentId;
    }

    private static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "" : host;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static Map<String, Integer> notImported(Map<String, Integer> rows) {
        Map<String, Integer> skipped = new LinkedHashMap<>();
        rows.forEach((resource, count) -> {
            if (!resource.equals(DecidimOpenData.PROPOSALS) && !resource.equals(DecidimOpenData.PROPOSAL_COMMENTS)) {
                skipped.put(resource, count);
            }
        });
        return skipped;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String value, Class<T> type) {
        try {
            // A row written by an older version, or with the table's defaults, may lack fields: they read as 0.
            return json.readerFor(type)
                    .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .readValue(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
