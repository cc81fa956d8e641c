package org.coprogram.proposal.comment;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.common.personal.PersonalEvents.CommentPosted;
import org.coprogram.common.personal.PersonalOutbox;
import org.coprogram.common.planview.PlanView;
import org.coprogram.common.planview.PlanViews;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.contracts.Phase;
import org.coprogram.contracts.Regions;
import org.coprogram.proposal.comment.CommentRepository.CommentRow;
import org.coprogram.proposal.comment.CommentRepository.TargetRow;
import org.coprogram.proposal.moderation.FlagReason;
import org.coprogram.proposal.moderation.NewFlag;
import org.coprogram.proposal.organization.OrganizationRepository;
import org.coprogram.proposal.organization.OrganizationService;
import org.coprogram.proposal.proposal.Author;
import org.coprogram.proposal.proposal.ProposalRepository;
import org.coprogram.proposal.proposal.Viewer;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Comments on proposals, meetings, published social reports and plan measures (docs/dialogue.md): one level of
 * replies, edit window and deletion by the author, comments on behalf of a verified organisation, flags, and hiding
 * and restoring by the moderators of the plan's region. Every write locks the target's row first, then recounts its
 * public comments in the same transaction; events go through the outbox with the pseudonym, never the account.
 */
@ApplicationScoped
public class CommentService {

    static final String NOT_FOUND = "Commento non trovato";

    private final CommentRepository comments;
    private final ProposalRepository proposals;
    private final PlanViews plans;
    private final OrganizationService organizations;
    private final Outbox outbox;
    private final PersonalOutbox personal;
    private final AuditTrail audit;
    private final CommentConfig config;
    private final Clock clock;

    public CommentService(CommentRepository comments, ProposalRepository proposals, PlanViews plans,
            OrganizationService organizations, Outbox outbox, PersonalOutbox personal, AuditTrail audit,
            CommentConfig config, Clock clock) {
        this.comments = comments;
        this.proposals = proposals;
        this.plans = plans;
        this.organizations = organizations;
        this.outbox = outbox;
        this.personal = personal;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** A new comment or reply by {@code author}. */
    @WithTransaction
    public Uni<CommentView> create(TargetType type, UUID targetId, NewComment request, Author author) {
        return writableTarget(type, targetId).flatMap(target -> plans.find(target.planId()).flatMap(plan -> {
            requireOpen(plan);
            return comments.lockTarget(type, targetId).map(Optional::orElseThrow)
                    .flatMap(locked -> parent(request.parentId(), type, targetId))
                    .flatMap(parent -> speaksFor(request.onBehalfOfOrganization(), author, plan.region))
                    .flatMap(org -> anchor(type, targetId, request).flatMap(anchor -> {
                        CommentRow row = new CommentRow(UUID.randomUUID(), type, targetId, plan.id, plan.region,
                                request.parentId(), request.body().strip(), target.theme(), author.accountId(),
                                author.pseudonym(), org.map(OrganizationRepository.Row::name).orElse(null), anchor,
                                false, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), null, null);
                        return comments.insert(row)
                                .call(() -> comments.recount(type, targetId))
                                .call(() -> outbox.record(CommentEvents.TOPIC, CommentEvents.CREATED,
                                        targetId.toString(), plan.id.toString(), CommentEvents.Created.of(row)))
                                .call(() -> personal.commentPosted(new CommentPosted(author.accountId(),
                                        row.id().toString(), type.name(), targetId.toString(),
                                        row.parentId() == null ? null : row.parentId().toString(), plan.id.toString(),
                                        plan.region, row.createdAt())))
                                .call(() -> audit.record(author.accountId(), "comment.create", "comment",
                                        row.id().toString(), type + " " + targetId))
                                .chain(() -> latestText(type, targetId))
                                .map(latest -> view(row, Optional.of(author.accountId()), latest, null));
                    }));
        }));
    }

    /** The author rewrites the comment within the edit window. */
    @WithTransaction
    public Uni<CommentView> edit(UUID id, CommentEdit request, String accountId) {
        return lockedComment(id, c -> requireAuthor(c, accountId)).flatMap(comment -> {
            if (comment.hidden()) {
                throw ProblemException.conflict(
                        "Il commento è nascosto dalla moderazione: non è modificabile finché non viene ripristinato");
            }
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            if (now.isAfter(comment.createdAt().plus(config.editWindow()))) {
                throw ProblemException.conflict("Il tempo per modificare il commento è scaduto ("
                        + config.editWindow().toMinutes() + " minuti dalla pubblicazione)");
            }
            String body = request.body().strip();
            CommentRow edited = new CommentRow(comment.id(), comment.targetType(), comment.targetId(),
                    comment.planId(), comment.region(), comment.parentId(), body, comment.theme(),
                    comment.authorId(), comment.authorPseudonym(), comment.organization(), comment.anchor(), false,
                    comment.createdAt(), now, null);
            return comments.edit(id, body, now)
                    .call(() -> outbox.record(CommentEvents.TOPIC, CommentEvents.EDITED,
                            comment.targetId().toString(), comment.planId().toString(),
                            CommentEvents.Edited.of(edited)))
                    .call(() -> audit.record(accountId, "comment.edit", "comment", id.toString(), null))
                    .chain(() -> latestText(edited.targetType(), edited.targetId()))
                    .map(latest -> view(edited, Optional.of(accountId), latest, null));
        });
    }

    /** The author deletes the comment: it leaves every public output (a placeholder stays if it has replies). */
    @WithTransaction
    public Uni<Void> delete(UUID id, String accountId) {
        return lockedComment(id, c -> requireAuthor(c, accountId)).flatMap(comment -> {
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            return comments.delete(id, now)
                    .call(() -> comments.recount(comment.targetType(), comment.targetId()))
                    .call(() -> outbox.record(CommentEvents.TOPIC, CommentEvents.DELETED,
                            comment.targetId().toString(), comment.planId().toString(),
                            CommentEvents.Removed.of(comment, now)))
                    .call(() -> audit.record(accountId, "comment.delete", "comment", id.toString(), null))
                    .replaceWithVoid();
        });
    }

    /** A signed-in person flags a public comment, once. */
    @WithTransaction
    public Uni<Void> flag(UUID id, NewFlag flag, String flagger, String accountId) {
        if (flag.reason() == FlagReason.OTHER && (flag.details() == null || flag.details().isBlank())) {
            throw ProblemException.invalidField("details", "descrivi il problema quando il motivo è OTHER");
        }
        String details = flag.details() == null ? null : flag.details().strip();
        // The comment's row lock: a moderator's decision on it waits for this flag, or this flag for the decision.
        return comments.lock(id).flatMap(found -> {
            CommentRow comment = found.filter(CommentRow::isPublic)
                    .orElseThrow(() -> ProblemException.notFound(NOT_FOUND));
            return comments.flag(id, flagger, flag.reason(), details).flatMap(inserted -> {
                if (!inserted) {
                    throw ProblemException.conflict("Hai già segnalato questo commento");
                }
                return audit.record(accountId, "comment.flag", "comment", comment.id().toString(),
                        flag.reason().name());
            }).replaceWithVoid();
        });
    }

    /** A moderator of the plan's region hides or restores the comment, with a reason for the audit trail. */
    @WithTransaction
    public Uni<CommentView> moderate(UUID id, CommentModeration decision, Caller caller) {
        return lockedComment(id,
                c -> caller.require(caller.isModeratorOf(c.region()), "Solo i moderatori della Regione "
                        + Regions.displayName(c.region()) + " moderano i commenti dei suoi piani"))
                .flatMap(comment -> comments.openFlags(id).flatMap(open -> {
                    boolean hide = decision.action() == CommentModeration.Action.HIDE;
                    if (hide && comment.hidden()) {
                        throw ProblemException.conflict("Il commento è già nascosto");
                    }
                    if (!hide && !comment.hidden()) {
                        if (open == 0) {
                            throw ProblemException
                                    .conflict("Il commento è visibile e non ha segnalazioni da esaminare");
                        }
                        // Kept as it is: the review closes the flags the moderator saw, the public sees no change
                        // and no event; a flag made since the moderator's reading asks for another look.
                        OffsetDateTime seen = decision.flagsSeenUntil();
                        Uni<Long> newer = seen == null ? Uni.createFrom().item(0L) : comments.flagsAfter(id, seen);
                        return newer.invoke(count -> {
                            if (count > 0) {
                                throw ProblemException.conflict("Il commento ha nuove segnalazioni dopo la tua"
                                        + " lettura: ricarica la coda e valutale");
                            }
                        }).chain(() -> comments.closeFlags(id, seen))
                                .call(() -> audit.record(caller.accountId(), "comment.restore", "comment",
                                        id.toString(), decision.reason().strip()))
                                .chain(() -> latestText(comment.targetType(), comment.targetId()))
                                .map(latest -> view(comment, Optional.of(caller.accountId()), latest, null));
                    }
                    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
                    CommentRow changed = new CommentRow(comment.id(), comment.targetType(), comment.targetId(),
                            comment.planId(), comment.region(), comment.parentId(), comment.body(), comment.theme(),
                            comment.authorId(), comment.authorPseudonym(), comment.organization(), comment.anchor(),
                            hide,
                            comment.createdAt(), comment.editedAt(), null);
                    return comments.visibility(id, hide, now)
                            .call(() -> comments.recount(comment.targetType(), comment.targetId()))
                            .call(() -> hide
                                    ? outbox.record(CommentEvents.TOPIC, CommentEvents.HIDDEN,
                                            comment.targetId().toString(),
                                            comment.planId().toString(), CommentEvents.Removed.of(comment, now))
                                    : outbox.record(CommentEvents.TOPIC, CommentEvents.RESTORED,
                                            comment.targetId().toString(), comment.planId().toString(),
                                            CommentEvents.Restored.of(changed, now)))
                            .call(() -> audit.record(caller.accountId(),
                                    "comment." + decision.action().name().toLowerCase(),
                                    "comment", id.toString(), decision.reason().strip()))
                            .chain(() -> latestText(changed.targetType(), changed.targetId()))
                            .map(latest -> view(changed, Optional.of(caller.accountId()), latest, null));
                }));
    }

    /**
     * The moderators' queue of a plan's comments: those flagged since the last decision on them (most recently flagged
     * first), or those hidden (most recently hidden first), for the moderators of the plan's region only.
     */
    @WithSession
    public Uni<Page<CommentQueueItem>> queue(UUID planId, CommentRepository.QueueFilter filter, PageRequest page,
            Caller caller) {
        return plans.require(planId).flatMap(plan -> {
            caller.require(caller.isModeratorOf(plan.region),
                    "Solo i moderatori della Regione del piano leggono le segnalazioni dei suoi commenti");
            return comments.countQueue(planId, filter)
                    .flatMap(total -> comments.queue(planId, filter, page.page() * page.size(), page.size())
                            .flatMap(rows -> comments
                                    .flagReasons(rows.stream().map(r -> r.comment().id()).toList())
                                    .map(reasons -> new Page<>(rows.stream().map(r -> queueItem(r, reasons)).toList(),
                                            page.page(), page.size(), total))));
        });
    }

    private static CommentQueueItem queueItem(CommentRepository.QueueRow row,
            List<CommentRepository.ReasonRow> reasons) {
        CommentRow c = row.comment();
        return new CommentQueueItem(c.id(), c.targetType(), c.targetId(), c.parentId(), c.body(), c.organization(),
                c.hidden(), c.createdAt(), c.editedAt(), row.flags(), row.openFlags(), row.lastFlaggedAt(),
                row.moderatedAt(), reasons.stream().filter(r -> r.commentId().equals(c.id()))
                        .map(r -> new CommentQueueItem.ReasonCount(r.reason(), r.count())).toList());
    }

    /** A page of the target's threads as the public sees them (the caller's own comments marked). */
    @WithSession
    public Uni<Page<CommentView>> list(TargetType type, UUID targetId, PageRequest page, Viewer viewer) {
        return readableTarget(type, targetId, viewer).flatMap(known -> comments.countThreads(type, targetId)
                .flatMap(total -> comments.threads(type, targetId, page.page() * page.size(), page.size())
                        .flatMap(threads -> comments.publicReplies(threads.stream().map(CommentRow::id).toList())
                                .flatMap(replies -> latestText(type, targetId).map(latest -> {
                                    Map<UUID, List<CommentView>> byParent = new HashMap<>();
                                    for (CommentRow reply : replies) {
                                        byParent.computeIfAbsent(reply.parentId(), k -> new ArrayList<>())
                                                .add(view(reply, viewer.accountId(), latest, null));
                                    }
                                    List<CommentView> items = threads.stream().map(t -> view(t, viewer.accountId(),
                                            latest, byParent.getOrDefault(t.id(), List.of()))).toList();
                                    return new Page<>(items, page.page(), page.size(), total);
                                })))));
    }

    /** Public counts of up to 100 targets of one type. */
    @WithSession
    public Uni<CommentCounts> counts(TargetType type, List<UUID> ids) {
        return comments.counts(type, ids).map(rows -> {
            Map<UUID, Integer> counts = new LinkedHashMap<>();
            ids.forEach(id -> counts.put(id, 0));
            rows.forEach(row -> counts.put(row.id(), row.comments()));
            return new CommentCounts(type, counts);
        });
    }

    // Targets

    /**
     * The target a new comment goes to: a proposal the public sees (added as a target on its first comment), or a
     * meeting, published social report or measure this service learned from events; a cancelled meeting takes none.
     */
    private Uni<TargetRow> writableTarget(TargetType type, UUID id) {
        if (type == TargetType.PROPOSAL) {
            return proposals.findById(id).flatMap(found -> proposals.visibleTo(found, Viewer.PUBLIC))
                    .flatMap(proposal -> comments.ensureTarget(type, id, proposal.planId, proposal.theme)
                            .replaceWith(new TargetRow(type, id, proposal.planId, proposal.theme, false, 0)));
        }
        return comments.findTarget(type, id).map(found -> {
            TargetRow target = found.orElseThrow(() -> ProblemException.notFound(type.notFound()));
            if (target.closed()) {
                throw ProblemException.conflict("L'incontro è stato annullato: non accetta commenti");
            }
            return target;
        });
    }

    private Uni<Void> readableTarget(TargetType type, UUID id, Viewer viewer) {
        if (type == TargetType.PROPOSAL) {
            return proposals.findById(id).flatMap(found -> proposals.visibleTo(found, viewer)).replaceWithVoid();
        }
        return comments.findTarget(type, id).map(found -> {
            found.orElseThrow(() -> ProblemException.notFound(type.notFound()));
            return null;
        });
    }

    /** Comments are open while the plan is not yet adopted (phases before MONITORING) and not closed. */
    private static void requireOpen(PlanView plan) {
        PlanViews.requireKnown(plan);
        if (!plan.phase.isBefore(Phase.MONITORING)) {
            throw ProblemException.conflict("Il piano è già adottato o chiuso: non accetta più commenti");
        }
    }

    private Uni<CommentRow> parent(UUID parentId, TargetType type, UUID targetId) {
        if (parentId == null) {
            return Uni.createFrom().nullItem();
        }
        return comments.find(parentId).map(found -> {
            CommentRow parent = found.filter(p -> p.targetType() == type && p.targetId().equals(targetId))
                    .orElseThrow(() -> ProblemException.invalidField("parentId",
                            "il commento a cui rispondi non esiste o non riguarda questo oggetto"));
            if (parent.parentId() != null) {
                throw ProblemException.invalidField("parentId",
                        "si può rispondere a un commento, non a una risposta: rispondi al commento di partenza");
            }
            if (!parent.isPublic()) {
                throw ProblemException.conflict("Il commento a cui rispondi non è più visibile");
            }
            return parent;
        });
    }

    /**
     * The verified organisation the author speaks for, when the body names one: it must be the one of the caller's
     * {@code organization} claim, verified in the registry of the plan's region (403 otherwise).
     */
    private Uni<Optional<OrganizationRepository.Row>> speaksFor(String requested, Author author, String region) {
        if (requested == null || requested.isBlank()) {
            return Uni.createFrom().item(Optional.empty());
        }
        String name = requested.strip();
        return organizations.verifiedFor(author.accountId(), author.organization(), region).map(verified -> {
            if (verified.filter(o -> o.id().toString().equals(name) || o.name().equals(name)).isEmpty()) {
                throw ProblemException.forbidden(verified.isPresent()
                        ? "Puoi commentare solo a nome della tua organizzazione verificata: " + verified.get().name()
                        : "Puoi commentare a nome di un'organizzazione solo se ne sei rappresentante verificato"
                                + " nella Regione del piano");
            }
            return verified;
        });
    }

    /** The anchor, checked: only on a measure's top-level comment, and the quote must be in that version. */
    private Uni<AnchorSelector> anchor(TargetType type, UUID targetId, NewComment request) {
        AnchorSelector anchor = request.anchor();
        if (anchor == null) {
            return Uni.createFrom().nullItem();
        }
        if (type != TargetType.MEASURE) {
            throw ProblemException.invalidField("anchor",
                    "il riferimento al testo si usa solo nei commenti agli interventi del piano");
        }
        if (request.parentId() != null) {
            throw ProblemException.invalidField("anchor",
                    "una risposta non cita il testo: il riferimento è del commento di partenza");
        }
        AnchorSelector normalized = new AnchorSelector(anchor.version(), anchor.exact(), emptyToNull(anchor.prefix()),
                emptyToNull(anchor.suffix()));
        return comments.measureText(targetId, anchor.version()).map(found -> {
            CommentRepository.MeasureTextRow text = found.orElseThrow(() -> ProblemException.invalidField(
                    "anchor.version", "l'intervento non ha una versione " + anchor.version() + " pubblicata"));
            AnchorResolver.MeasureText measure = new AnchorResolver.MeasureText(text.version(), text.title(),
                    text.description());
            if (AnchorResolver.locate(measure, anchor.exact(), null, null).isEmpty()) {
                throw ProblemException.invalidField("anchor.exact",
                        "il testo citato non compare nella versione " + anchor.version() + " dell'intervento");
            }
            return normalized;
        });
    }

    private Uni<AnchorResolver.MeasureText> latestText(TargetType type, UUID targetId) {
        if (type != TargetType.MEASURE) {
            return Uni.createFrom().nullItem();
        }
        return comments.latestMeasureText(targetId).map(found -> found
                .map(t -> new AnchorResolver.MeasureText(t.version(), t.title(), t.description())).orElse(null));
    }

    // Comments

    /**
     * The comment, not deleted, with its target's lock and then its own taken (always in this order); {@code allowed}
     * refuses the caller first, so that a refused caller learns nothing of the comment's state.
     */
    private Uni<CommentRow> lockedComment(UUID id, Consumer<CommentRow> allowed) {
        return comments.find(id).flatMap(found -> {
            CommentRow comment = found.orElseThrow(() -> ProblemException.notFound(NOT_FOUND));
            allowed.accept(comment);
            if (comment.deletedAt() != null) {
                throw ProblemException.notFound(NOT_FOUND);
            }
            return comments.lockTarget(comment.targetType(), comment.targetId())
                    .chain(() -> comments.lock(id))
                    .map(locked -> locked.filter(c -> c.deletedAt() == null)
                            .orElseThrow(() -> ProblemException.notFound(NOT_FOUND)));
        });
    }

    private static void requireAuthor(CommentRow comment, String accountId) {
        if (!comment.authorId().equals(accountId)) {
            throw ProblemException.forbidden("Solo chi ha scritto il commento può modificarlo o eliminarlo");
        }
    }

    /** The comment as the public sees it: a placeholder when deleted or hidden (listed only if it has replies). */
    static CommentView view(CommentRow c, Optional<String> accountId, AnchorResolver.MeasureText latest,
            List<CommentView> replies) {
        Boolean mine = accountId.map(c.authorId()::equals).orElse(null);
        List<CommentView> threadReplies = c.parentId() == null ? (replies == null ? List.of() : replies) : null;
        if (c.deletedAt() != null || c.hidden()) {
            boolean deleted = c.deletedAt() != null;
            return new CommentView(c.id(), c.targetType(), c.targetId(), c.parentId(),
                    deleted ? CommentView.Status.DELETED : CommentView.Status.REMOVED, null,
                    deleted ? CommentView.DELETED_NOTICE : CommentView.REMOVED_NOTICE, null, null, c.createdAt(),
                    null, null, null, threadReplies);
        }
        ResolvedAnchor resolution = c.anchor() == null ? null : AnchorResolver.resolve(c.anchor(), latest);
        return new CommentView(c.id(), c.targetType(), c.targetId(), c.parentId(), CommentView.Status.PUBLISHED,
                c.body(), null, c.organization(), mine, c.createdAt(), c.editedAt(), c.anchor(), resolution,
                threadReplies);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
