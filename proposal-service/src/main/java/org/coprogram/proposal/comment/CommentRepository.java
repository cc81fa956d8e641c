package org.coprogram.proposal.comment;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.proposal.moderation.FlagReason;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Every statement on {@code comment}, {@code comment_target}, {@code comment_flag} and {@code measure_text}
 * (V1_6_1__comments.sql), and the recount of {@code proposal.comment_count}. Call inside the caller's session.
 */
@ApplicationScoped
public class CommentRepository {

    private static final String COLUMNS = "id, target_type, target_id, plan_id, region, parent_id, body, theme,"
            + " author_id, author_pseudonym, organization, anchor_version, anchor_exact, anchor_prefix, anchor_suffix,"
            + " visibility, created_at, edited_at, deleted_at";
    private static final String PUBLIC = "visibility = 'VISIBLE' AND deleted_at IS NULL";

    /** A comment row; {@code anchor} is null for comments without one. */
    public record CommentRow(UUID id, TargetType targetType, UUID targetId, UUID planId, String region, UUID parentId,
            String body, String theme, String authorId, String authorPseudonym, String organization,
            AnchorSelector anchor, boolean hidden, OffsetDateTime createdAt, OffsetDateTime editedAt,
            OffsetDateTime deletedAt) {

        boolean isPublic() {
            return !hidden && deletedAt == null;
        }
    }

    /** A commentable target. */
    public record TargetRow(TargetType type, UUID id, UUID planId, String theme, boolean closed, int comments) {
    }

    /** A measure's text in one published version. */
    public record MeasureTextRow(UUID measureId, int version, UUID planId, String code, String title,
            String description, String theme) {
    }

    // Targets

    /** Adds the target unless it is known (proposals, on their first comment). */
    public Uni<Void> ensureTarget(TargetType type, UUID id, UUID planId, String theme) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO comment_target (target_type, target_id, plan_id, theme, updated_at)
                VALUES (:type, :id, :plan, :theme, now()) ON CONFLICT DO NOTHING""")
                .setParameter("type", type.name()).setParameter("id", id).setParameter("plan", planId)
                .setParameter("theme", theme).executeUpdate()).replaceWithVoid();
    }

    /** The target as its owner's latest event describes it. */
    public Uni<Void> upsertTarget(TargetType type, UUID id, UUID planId, String theme, boolean closed) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO comment_target (target_type, target_id, plan_id, theme, closed, updated_at)
                VALUES (:type, :id, :plan, :theme, :closed, now())
                ON CONFLICT (target_type, target_id) DO UPDATE SET plan_id = excluded.plan_id,
                    theme = excluded.theme, closed = excluded.closed, updated_at = excluded.updated_at""")
                .setParameter("type", type.name()).setParameter("id", id).setParameter("plan", planId)
                .setParameter("theme", theme).setParameter("closed", closed).executeUpdate()).replaceWithVoid();
    }

    public Uni<Optional<TargetRow>> findTarget(TargetType type, UUID id) {
        return target(type, id, "");
    }

    /** The target, locked: every write to its comments takes this lock first, so its recount is exact. */
    public Uni<Optional<TargetRow>> lockTarget(TargetType type, UUID id) {
        return target(type, id, " FOR UPDATE");
    }

    private Uni<Optional<TargetRow>> target(TargetType type, UUID id, String lock) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT plan_id, theme, closed, comments FROM comment_target WHERE target_type = :type"
                        + " AND target_id = :id" + lock,
                Object[].class)
                .setParameter("type", type.name()).setParameter("id", id).getResultList())
                .map(rows -> rows.stream().findFirst().map(r -> new TargetRow(type, id, (UUID) r[0], (String) r[1],
                        (Boolean) r[2], ((Number) r[3]).intValue())));
    }

    /** Counts again the target's public comments, and the proposal's copy of the count. Under the target's lock. */
    public Uni<Void> recount(TargetType type, UUID id) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                UPDATE comment_target SET comments = (SELECT count(*) FROM comment WHERE target_type = :type
                    AND target_id = :id AND visibility = 'VISIBLE' AND deleted_at IS NULL)
                WHERE target_type = :type AND target_id = :id""")
                .setParameter("type", type.name()).setParameter("id", id).executeUpdate()
                .chain(() -> type != TargetType.PROPOSAL
                        ? Uni.createFrom().item(0)
                        : session.createNativeQuery("""
                                UPDATE proposal SET comment_count = (SELECT comments FROM comment_target
                                    WHERE target_type = 'PROPOSAL' AND target_id = :id) WHERE id = :id""")
                                .setParameter("id", id).executeUpdate()))
                .replaceWithVoid();
    }

    /**
     * The public counts of these targets that have a row here. A proposal the public does not see (hidden or pending
     * review) has none: the public must not learn from its count that it exists, nor that it has comments.
     */
    public Uni<List<TargetRow>> counts(TargetType type, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String publicOnly = type == TargetType.PROPOSAL
                ? " AND EXISTS (SELECT 1 FROM proposal p WHERE p.id = t.target_id AND p.visibility = 'VISIBLE')"
                : "";
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT target_id, plan_id, theme, closed, comments FROM comment_target t"
                        + " WHERE target_type = :type AND target_id IN (:ids)" + publicOnly,
                Object[].class)
                .setParameter("type", type.name()).setParameter("ids", ids).getResultList())
                .map(rows -> rows.stream().map(r -> new TargetRow(type, (UUID) r[0], (UUID) r[1], (String) r[2],
                        (Boolean) r[3], ((Number) r[4]).intValue())).toList());
    }

    // Comments

    public Uni<Void> insert(CommentRow c) {
        AnchorSelector a = c.anchor();
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO comment (id, target_type, target_id, plan_id, region, parent_id, body, theme, author_id,
                    author_pseudonym, organization, anchor_version, anchor_exact, anchor_prefix, anchor_suffix,
                    visibility, created_at)
                VALUES (:id, :type, :target, :plan, :region, :parent, :body, :theme, :author, :pseudonym, :org,
                    :version, :exact, :prefix, :suffix, 'VISIBLE', :created)""")
                .setParameter("id", c.id()).setParameter("type", c.targetType().name())
                .setParameter("target", c.targetId()).setParameter("plan", c.planId())
                .setParameter("region", c.region()).setParameter("parent", c.parentId())
                .setParameter("body", c.body()).setParameter("theme", c.theme())
                .setParameter("author", c.authorId()).setParameter("pseudonym", c.authorPseudonym())
                .setParameter("org", c.organization())
                .setParameter("version", a == null ? null : a.version())
                .setParameter("exact", a == null ? null : a.exact())
                .setParameter("prefix", a == null ? null : a.prefix())
                .setParameter("suffix", a == null ? null : a.suffix())
                .setParameter("created", c.createdAt()).executeUpdate()).replaceWithVoid();
    }

    public Uni<Optional<CommentRow>> find(UUID id) {
        return comments("SELECT " + COLUMNS + " FROM comment WHERE id = :id", id).map(l -> l.stream().findFirst());
    }

    public Uni<Optional<CommentRow>> lock(UUID id) {
        return comments("SELECT " + COLUMNS + " FROM comment WHERE id = :id FOR UPDATE", id)
                .map(l -> l.stream().findFirst());
    }

    public Uni<Void> edit(UUID id, String body, OffsetDateTime at) {
        return update("UPDATE comment SET body = :body, edited_at = :at WHERE id = :id", id, "body", body, at);
    }

    public Uni<Void> delete(UUID id, OffsetDateTime at) {
        return update("UPDATE comment SET deleted_at = :at WHERE id = :id", id, null, null, at);
    }

    /** A moderator's hide or restore; it also closes the comment's open flags. */
    public Uni<Void> visibility(UUID id, boolean hidden, OffsetDateTime at) {
        return update(hidden
                ? "UPDATE comment SET visibility = 'HIDDEN', moderated_at = :at, flags_reviewed_at = now() WHERE id = :id"
                : "UPDATE comment SET visibility = 'VISIBLE', moderated_at = :at, flags_reviewed_at = now()"
                        + " WHERE id = :id",
                id, null, null, at);
    }

    /**
     * A moderator keeps a visible comment as it is: its flags made until {@code seenUntil} (all, when null) are closed,
     * nothing else changes.
     */
    public Uni<Void> closeFlags(UUID id, OffsetDateTime seenUntil) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("UPDATE comment SET flags_reviewed_at = coalesce(CAST(:seen AS timestamptz), now())"
                        + " WHERE id = :id")
                .setParameter("seen", seenUntil).setParameter("id", id).executeUpdate()).replaceWithVoid();
    }

    /** The comment's flags made after {@code instant}. */
    public Uni<Long> flagsAfter(UUID id, OffsetDateTime instant) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT count(*) FROM comment_flag WHERE comment_id = :id AND created_at > :instant", Long.class)
                .setParameter("id", id).setParameter("instant", instant).getSingleResult());
    }

    /** The flags made since the moderators' last decision on the comment. */
    public Uni<Long> openFlags(UUID id) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT count(*) FROM comment_flag f"
                + " JOIN comment c ON c.id = f.comment_id WHERE c.id = :id AND " + OPEN_FLAG, Long.class)
                .setParameter("id", id).getSingleResult());
    }

    // The moderation queue

    private static final String OPEN_FLAG = "f.created_at > coalesce(c.flags_reviewed_at, '-infinity'::timestamptz)";

    /** Which comments of a plan the queue lists: flagged since the last decision, or hidden. */
    public enum QueueFilter {
        FLAGGED(" AND c.flags > 0 AND o.open_flags > 0", " ORDER BY o.last_flagged_at DESC, c.id"), HIDDEN(
                " AND c.visibility = 'HIDDEN'", " ORDER BY c.moderated_at DESC NULLS LAST, c.id");

        private final String where;
        private final String order;

        QueueFilter(String where, String order) {
            this.where = where;
            this.order = order;
        }
    }

    /** A comment in the moderators' queue, with its flags: all of them, those still open, and the latest one's time. */
    public record QueueRow(CommentRow comment, int flags, int openFlags, OffsetDateTime lastFlaggedAt,
            OffsetDateTime moderatedAt) {
    }

    /** The reasons given in a comment's flags, with how often each was given. */
    public record ReasonRow(UUID commentId, String reason, long count) {
    }

    private static final String QUEUE_FROM = " FROM comment c CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE "
            + OPEN_FLAG + ") AS open_flags, max(f.created_at) AS last_flagged_at FROM comment_flag f"
            + " WHERE f.comment_id = c.id) o WHERE c.plan_id = :plan AND c.deleted_at IS NULL";

    public Uni<List<QueueRow>> queue(UUID planId, QueueFilter filter, int offset, int limit) {
        String columns = java.util.Arrays.stream(COLUMNS.split(",")).map(c -> "c." + c.strip())
                .collect(java.util.stream.Collectors.joining(", "));
        return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT " + columns
                + ", c.flags, o.open_flags, o.last_flagged_at, c.moderated_at" + QUEUE_FROM + filter.where
                + filter.order + " OFFSET :offset LIMIT :limit", Object[].class)
                .setParameter("plan", planId).setParameter("offset", offset).setParameter("limit", limit)
                .getResultList())
                .map(rows -> rows.stream().map(r -> new QueueRow(row(r), ((Number) r[19]).intValue(),
                        ((Number) r[20]).intValue(), offset(r[21]), offset(r[22]))).toList());
    }

    public Uni<Long> countQueue(UUID planId, QueueFilter filter) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT count(*)" + QUEUE_FROM + filter.where, Long.class)
                .setParameter("plan", planId).getSingleResult());
    }

    /** How often each reason was given, per comment: most frequent first. */
    public Uni<List<ReasonRow>> flagReasons(List<UUID> commentIds) {
        if (commentIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT comment_id, reason, count(*) FROM comment_flag WHERE comment_id IN (:ids)
                GROUP BY comment_id, reason ORDER BY comment_id, count(*) DESC, reason""", Object[].class)
                .setParameter("ids", commentIds).getResultList())
                .map(rows -> rows.stream()
                        .map(r -> new ReasonRow((UUID) r[0], (String) r[1], ((Number) r[2]).longValue())).toList());
    }

    /** A page of the author's comments, newest first, whatever their state (the author's own view). */
    public Uni<List<CommentRow>> byAuthor(String authorId, int offset, int limit) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT " + COLUMNS
                + " FROM comment c WHERE author_id = :author ORDER BY created_at DESC, id OFFSET :offset LIMIT :limit",
                Object[].class).setParameter("author", authorId).setParameter("offset", offset)
                .setParameter("limit", limit).getResultList())
                .map(rows -> rows.stream().map(CommentRepository::row).toList());
    }

    public Uni<Long> countByAuthor(String authorId) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT count(*) FROM comment WHERE author_id = :author", Long.class)
                .setParameter("author", authorId).getSingleResult());
    }

    /**
     * A page of the target's threads, oldest first: its top-level comments that are public or have a public reply
     * (those stay as placeholders).
     */
    public Uni<List<CommentRow>> threads(TargetType type, UUID targetId, int offset, int limit) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT " + COLUMNS
                + " FROM comment c WHERE target_type = :type AND target_id = :target AND parent_id IS NULL AND ("
                + threadShown() + ") ORDER BY created_at, id OFFSET :offset LIMIT :limit", Object[].class)
                .setParameter("type", type.name()).setParameter("target", targetId)
                .setParameter("offset", offset).setParameter("limit", limit).getResultList())
                .map(rows -> rows.stream().map(CommentRepository::row).toList());
    }

    public Uni<Long> countThreads(TargetType type, UUID targetId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT count(*) FROM comment c WHERE target_type = :type AND target_id = :target"
                        + " AND parent_id IS NULL AND (" + threadShown() + ")",
                Long.class)
                .setParameter("type", type.name()).setParameter("target", targetId).getSingleResult());
    }

    private static String threadShown() {
        return "(c.visibility = 'VISIBLE' AND c.deleted_at IS NULL) OR EXISTS (SELECT 1 FROM comment r"
                + " WHERE r.parent_id = c.id AND r.visibility = 'VISIBLE' AND r.deleted_at IS NULL)";
    }

    /** The public replies to these comments, oldest first. */
    public Uni<List<CommentRow>> publicReplies(List<UUID> parentIds) {
        if (parentIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT " + COLUMNS
                + " FROM comment WHERE parent_id IN (:ids) AND " + PUBLIC + " ORDER BY created_at, id",
                Object[].class)
                .setParameter("ids", parentIds).getResultList())
                .map(rows -> rows.stream().map(CommentRepository::row).toList());
    }

    // Flags

    /** False when this person already flagged the comment. */
    public Uni<Boolean> flag(UUID commentId, String flagger, FlagReason reason, String details) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO comment_flag (comment_id, flagger, reason, details, created_at)
                VALUES (:comment, :flagger, :reason, :details, now()) ON CONFLICT DO NOTHING""")
                .setParameter("comment", commentId).setParameter("flagger", flagger)
                .setParameter("reason", reason.name()).setParameter("details", details).executeUpdate())
                .flatMap(inserted -> inserted == 0
                        ? Uni.createFrom().item(false)
                        : Panache.getSession().flatMap(session -> session
                                .createNativeQuery("UPDATE comment SET flags = flags + 1 WHERE id = :id")
                                .setParameter("id", commentId).executeUpdate()).replaceWith(true));
    }

    // Measure texts

    public Uni<Void> insertMeasureText(MeasureTextRow m) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO measure_text (measure_id, version, plan_id, code, title, description, theme)
                VALUES (:measure, :version, :plan, :code, :title, :description, :theme) ON CONFLICT DO NOTHING""")
                .setParameter("measure", m.measureId()).setParameter("version", m.version())
                .setParameter("plan", m.planId()).setParameter("code", m.code()).setParameter("title", m.title())
                .setParameter("description", m.description()).setParameter("theme", m.theme()).executeUpdate())
                .replaceWithVoid();
    }

    private static final String MEASURE_COLUMNS = "measure_id, version, plan_id, code, title, description, theme";

    public Uni<Optional<MeasureTextRow>> measureText(UUID measureId, int version) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT " + MEASURE_COLUMNS
                + " FROM measure_text WHERE measure_id = :measure AND version = :version", Object[].class)
                .setParameter("measure", measureId).setParameter("version", version).getResultList())
                .map(rows -> rows.stream().findFirst().map(CommentRepository::measure));
    }

    /** The measure in its plan's latest published version; empty when that version no longer has it. */
    public Uni<Optional<MeasureTextRow>> latestMeasureText(UUID measureId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT " + MEASURE_COLUMNS
                + " FROM measure_text m WHERE measure_id = :measure AND version = (SELECT max(version)"
                + " FROM measure_text l WHERE l.plan_id = m.plan_id)", Object[].class)
                .setParameter("measure", measureId).getResultList())
                .map(rows -> rows.stream().findFirst().map(CommentRepository::measure));
    }

    private static MeasureTextRow measure(Object[] r) {
        return new MeasureTextRow((UUID) r[0], ((Number) r[1]).intValue(), (UUID) r[2], (String) r[3],
                (String) r[4], (String) r[5], (String) r[6]);
    }

    // Mapping

    private Uni<List<CommentRow>> comments(String sql, UUID id) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(sql, Object[].class)
                .setParameter("id", id).getResultList())
                .map(rows -> rows.stream().map(CommentRepository::row).toList());
    }

    private Uni<Void> update(String sql, UUID id, String name, Object value, OffsetDateTime at) {
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql).setParameter("id", id).setParameter("at", at);
            if (name != null) {
                query.setParameter(name, value);
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    private static CommentRow row(Object[] r) {
        AnchorSelector anchor = r[11] == null
                ? null
                : new AnchorSelector(((Number) r[11]).intValue(), (String) r[12], (String) r[13], (String) r[14]);
        return new CommentRow((UUID) r[0], TargetType.valueOf((String) r[1]), (UUID) r[2], (UUID) r[3],
                (String) r[4], (UUID) r[5], (String) r[6], (String) r[7], (String) r[8], (String) r[9],
                (String) r[10], anchor, "HIDDEN".equals(r[15]), offset(r[16]), offset(r[17]), offset(r[18]));
    }

    private static OffsetDateTime offset(Object value) {
        if (value == null || value instanceof OffsetDateTime) {
            return (OffsetDateTime) value;
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime local) {
            return local.atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("Not a timestamp: " + value.getClass());
    }
}
