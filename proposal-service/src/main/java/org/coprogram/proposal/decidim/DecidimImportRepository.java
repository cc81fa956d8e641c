package org.coprogram.proposal.decidim;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.sql.NativeSelects;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The {@code decidim_import}, {@code decidim_import_file} and {@code imported_comment} rows, and what an import and
 * an export read of proposals. Call inside the caller's session or transaction.
 */
@ApplicationScoped
public class DecidimImportRepository {

    private static final String IMPORT_COLUMNS = "id, plan_id, region, requested_by, status, mapping, counts, problems,"
            + " created_at, finished_at";

    /** One import: counts and problems as the JSON the API shows. */
    public record ImportRow(UUID id, UUID planId, String region, String requestedBy, String status, String mapping,
            String counts, String problems, OffsetDateTime createdAt, OffsetDateTime finishedAt) {
    }

    /** One uploaded part of a pending import. */
    public record FileRow(int position, String name, byte[] content) {
    }

    /** One imported comment to write. */
    public record CommentRow(UUID id, UUID planId, UUID proposalId, UUID parentId, UUID importId, String body,
            String locale, int alignment, int depth, String authorPseudonym, String originalUrl,
            OffsetDateTime createdAt) {
    }

    /** A public proposal of a plan as the export writes it. */
    public record ExportedProposal(UUID id, String title, String body, String theme, String municipality,
            String status, int supports, int comments, String answerText, OffsetDateTime answeredAt,
            OffsetDateTime createdAt, OffsetDateTime withdrawnAt, String originalUrl) {
    }

    public Uni<Void> insert(ImportRow row, List<FileRow> files) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("INSERT INTO decidim_import ("
                + IMPORT_COLUMNS + ") VALUES (:id, :plan, :region, :by, :status, :mapping, :counts, :problems,"
                + " :created, :finished)")
                .setParameter("id", row.id()).setParameter("plan", row.planId()).setParameter("region", row.region())
                .setParameter("by", row.requestedBy()).setParameter("status", row.status())
                .setParameter("mapping", row.mapping()).setParameter("counts", row.counts())
                .setParameter("problems", row.problems()).setParameter("created", row.createdAt())
                .setParameter("finished", row.finishedAt()).executeUpdate())
                .chain(() -> Multi.createFrom().iterable(files)
                        .onItem().transformToUniAndConcatenate(file -> Panache.getSession()
                                .flatMap(session -> session.createNativeQuery("INSERT INTO decidim_import_file"
                                        + " (import_id, position, name, content) VALUES (:id, :position, :name,"
                                        + " :content)")
                                        .setParameter("id", row.id()).setParameter("position", file.position())
                                        .setParameter("name", file.name()).setParameter("content", file.content())
                                        .executeUpdate()))
                        .collect().last())
                .replaceWithVoid();
    }

    public Uni<Optional<ImportRow>> find(UUID id) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT " + IMPORT_COLUMNS + " FROM decidim_import WHERE id = :id", Object[].class)
                .setParameter("id", id).getResultList())
                .map(rows -> rows.stream().findFirst().map(DecidimImportRepository::importRow));
    }

    /** The oldest pending import, locked for this transaction; another worker skips it. */
    public Uni<Optional<ImportRow>> lockNextPending() {
        return Panache.getSession().flatMap(session -> NativeSelects.bindOutsidePlanCache(session.createNativeQuery(
                "SELECT " + IMPORT_COLUMNS + " FROM decidim_import WHERE status = 'PENDING' ORDER BY created_at, id"
                        + " LIMIT :one FOR UPDATE SKIP LOCKED",
                Object[].class), "one", 1)
                .getResultList())
                .map(rows -> rows.stream().findFirst().map(DecidimImportRepository::importRow));
    }

    public Uni<List<FileRow>> files(UUID importId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT position, name, content FROM decidim_import_file WHERE import_id = :id ORDER BY position",
                Object[].class).setParameter("id", importId).getResultList())
                .map(rows -> rows.stream()
                        .map(r -> new FileRow(((Number) r[0]).intValue(), (String) r[1], (byte[]) r[2])).toList());
    }

    /** Ends the import: its outcome, and its files are no longer kept. */
    public Uni<Void> finish(UUID id, String status, String counts, String problems, OffsetDateTime at) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("UPDATE decidim_import SET"
                + " status = :status, counts = :counts, problems = :problems, finished_at = :at WHERE id = :id")
                .setParameter("id", id).setParameter("status", status).setParameter("counts", counts)
                .setParameter("problems", problems).setParameter("at", at).executeUpdate())
                .chain(() -> Panache.getSession().flatMap(session -> session
                        .createNativeQuery("DELETE FROM decidim_import_file WHERE import_id = :id")
                        .setParameter("id", id).executeUpdate()))
                .replaceWithVoid();
    }

    /** The plan's proposals already imported, by original URL. */
    public Uni<java.util.Map<String, UUID>> importedProposalUrls(UUID planId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT id, original_url FROM proposal WHERE plan_id = :plan AND original_url IS NOT NULL",
                Object[].class).setParameter("plan", planId).getResultList())
                .map(rows -> {
                    java.util.Map<String, UUID> byUrl = new java.util.HashMap<>();
                    rows.forEach(r -> byUrl.put((String) r[1], (UUID) r[0]));
                    return byUrl;
                });
    }

    /** The plan's imported comments' original URLs. */
    public Uni<List<String>> importedCommentUrls(UUID planId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT original_url FROM imported_comment WHERE plan_id = :plan", String.class)
                .setParameter("plan", planId).getResultList());
    }

    /** Sets an imported proposal's support count as Decidim had it (no supporter is known here). */
    public Uni<Void> importedSupports(UUID proposalId, int supports) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("UPDATE proposal SET supports = :supports WHERE id = :id")
                .setParameter("supports", supports).setParameter("id", proposalId).executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Void> insertComment(CommentRow c) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("INSERT INTO imported_comment"
                + " (id, plan_id, proposal_id, parent_id, import_id, body, locale, alignment, depth,"
                + " author_pseudonym, original_url, created_at) VALUES (:id, :plan, :proposal, :parent, :import,"
                + " :body, :locale, :alignment, :depth, :author, :url, :created)")
                .setParameter("id", c.id()).setParameter("plan", c.planId()).setParameter("proposal", c.proposalId())
                .setParameter("parent", c.parentId()).setParameter("import", c.importId())
                .setParameter("body", c.body()).setParameter("locale", c.locale())
                .setParameter("alignment", c.alignment()).setParameter("depth", c.depth())
                .setParameter("author", c.authorPseudonym()).setParameter("url", c.originalUrl())
                .setParameter("created", c.createdAt()).executeUpdate())
                .replaceWithVoid();
    }

    /** The plan's public proposals: visible to everyone (never hidden or under review), oldest first. */
    public Uni<List<ExportedProposal>> publicProposals(UUID planId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT id, title, body, theme,"
                + " municipality, status, supports, comments, answer_text, answered_at, created_at, withdrawn_at,"
                + " original_url FROM proposal WHERE plan_id = :plan AND visibility = 'VISIBLE'"
                + " ORDER BY created_at, id", Object[].class).setParameter("plan", planId).getResultList())
                .map(rows -> rows.stream().map(r -> new ExportedProposal((UUID) r[0], (String) r[1], (String) r[2],
                        (String) r[3], ((String) r[4]).strip(), (String) r[5], ((Number) r[6]).intValue(),
                        ((Number) r[7]).intValue(), (String) r[8], time(r[9]), time(r[10]), time(r[11]),
                        (String) r[12])).toList());
    }

    /** The imported comments of the plan's public proposals, parents before replies. */
    public Uni<List<CommentRow>> publicComments(UUID planId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT c.id, c.plan_id,"
                + " c.proposal_id, c.parent_id, c.import_id, c.body, c.locale, c.alignment, c.depth,"
                + " c.author_pseudonym, c.original_url, c.created_at FROM imported_comment c JOIN proposal p"
                + " ON p.id = c.proposal_id WHERE c.plan_id = :plan AND p.visibility = 'VISIBLE'"
                + " ORDER BY c.depth, c.created_at, c.id", Object[].class).setParameter("plan", planId)
                .getResultList())
                .map(rows -> rows.stream().map(r -> new CommentRow((UUID) r[0], (UUID) r[1], (UUID) r[2],
                        (UUID) r[3], (UUID) r[4], (String) r[5], (String) r[6], ((Number) r[7]).intValue(),
                        ((Number) r[8]).intValue(), (String) r[9], (String) r[10], time(r[11]))).toList());
    }

    private static ImportRow importRow(Object[] r) {
        return new ImportRow((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                (String) r[6], (String) r[7], time(r[8]), time(r[9]));
    }

    private static OffsetDateTime time(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime t) {
            return t;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("Not a time: " + value.getClass());
    }
}
