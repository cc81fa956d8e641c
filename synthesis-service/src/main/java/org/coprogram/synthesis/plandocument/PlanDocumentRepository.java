package org.coprogram.synthesis.plandocument;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.paging.PageRequest;
import org.coprogram.synthesis.readmodel.NativeRepository;

import io.smallrye.mutiny.Uni;

/**
 * A plan's document (V1_8__plan_document.sql): its draft, one row rewritten under a revision number, and its
 * published versions, inserted once and never changed. Documents travel as JSON text.
 */
@ApplicationScoped
public class PlanDocumentRepository extends NativeRepository {

    public record DraftRow(int revision, String document, OffsetDateTime updatedAt) {
    }

    public record VersionRow(int version, String document, String note, OffsetDateTime publishedAt) {
    }

    /** A published version without its document: enough to tell whether a copy read earlier is still the one. */
    public record VersionStamp(int version, OffsetDateTime publishedAt) {
    }

    /** A measure found by its public id: its plan and its code. */
    public record MeasureRow(UUID planId, String code) {
    }

    /** The draft with its row locked until the transaction ends; null if the plan has none yet. */
    Uni<DraftRow> lockDraft(UUID planId) {
        return rows("SELECT revision, cast(document AS text), updated_at FROM plan_document_draft"
                + " WHERE plan_id = :plan FOR UPDATE", named("plan", planId)).map(
                        rows -> rows.isEmpty()
                                ? null
                                : new DraftRow((int) number(rows.get(0)[0]), (String) rows.get(0)[1],
                                        (OffsetDateTime) rows.get(0)[2]));
    }

    public Uni<DraftRow> draft(UUID planId) {
        return rows("SELECT revision, cast(document AS text), updated_at FROM plan_document_draft"
                + " WHERE plan_id = :plan", named("plan", planId)).map(
                        rows -> rows.isEmpty()
                                ? null
                                : new DraftRow((int) number(rows.get(0)[0]), (String) rows.get(0)[1],
                                        (OffsetDateTime) rows.get(0)[2]));
    }

    /** Writes revision {@code revision}; false if the plan's draft is not at {@code revision - 1} any more. */
    Uni<Boolean> writeDraft(UUID planId, int revision, String document, String actor, OffsetDateTime at) {
        String sql = revision == 1
                ? "INSERT INTO plan_document_draft (plan_id, revision, document, updated_by, updated_at)"
                        + " VALUES (:plan, :revision, cast(cast(:document AS text) AS jsonb), :actor, :at)"
                        + " ON CONFLICT (plan_id) DO NOTHING"
                : "UPDATE plan_document_draft SET revision = :revision, document = cast(cast(:document AS text) AS jsonb),"
                        + " updated_by = :actor, updated_at = :at WHERE plan_id = :plan AND revision = :revision - 1";
        return update(sql, named("plan", planId, "revision", revision, "document", document, "actor", actor, "at",
                at)).map(written -> written == 1);
    }

    /** The highest published version, 0 before the first. */
    Uni<Integer> latestVersion(UUID planId) {
        return rows("SELECT coalesce(max(version), 0), 1 FROM plan_document_version WHERE plan_id = :plan",
                named("plan", planId)).map(rows -> (int) number(rows.get(0)[0]));
    }

    Uni<Void> insertVersion(UUID planId, int version, String document, String note, String actor,
            OffsetDateTime at) {
        return update("INSERT INTO plan_document_version (plan_id, version, document, note, published_by,"
                + " published_at) VALUES (:plan, :version, cast(cast(:document AS text) AS jsonb), cast(:note AS text), :actor, :at)",
                named("plan", planId, "version", version, "document", document, "note", note, "actor", actor, "at",
                        at))
                .replaceWithVoid();
    }

    public Uni<VersionRow> version(UUID planId, int version) {
        return rows("SELECT version, cast(document AS text), note, published_at FROM plan_document_version"
                + " WHERE plan_id = :plan AND version = :version", named("plan", planId, "version", version))
                .map(rows -> rows.isEmpty() ? null : versionRow(rows.get(0)));
    }

    /** A page of the plan's versions, newest first. */
    public Uni<List<VersionRow>> versions(UUID planId, PageRequest page) {
        return rows("SELECT version, cast(document AS text), note, published_at FROM plan_document_version"
                + " WHERE plan_id = :plan ORDER BY version DESC LIMIT :size OFFSET :offset",
                named("plan", planId, "size", page.size(), "offset", page.page() * page.size()))
                .map(rows -> rows.stream().map(PlanDocumentRepository::versionRow).toList());
    }

    public Uni<Long> countVersions(UUID planId) {
        return rows("SELECT count(*), 1 FROM plan_document_version WHERE plan_id = :plan", named("plan", planId))
                .map(rows -> number(rows.get(0)[0]));
    }

    /**
     * The plan and code of the measure whose public id ({@link org.coprogram.contracts.MeasureIds}) is
     * {@code measureId}, in the plan's draft or one of its published versions; null if there is none. The id is
     * computed in SQL by {@code measure_id(plan, code)} (V2_0__measure_links.sql).
     */
    public Uni<MeasureRow> measure(UUID measureId) {
        return rows("SELECT d.plan_id, m ->> 'code' FROM (SELECT plan_id, document FROM plan_document_draft"
                + " UNION ALL SELECT plan_id, document FROM plan_document_version) d"
                + " CROSS JOIN LATERAL jsonb_array_elements(d.document -> 'measures') m"
                + " WHERE measure_id(d.plan_id, m ->> 'code') = :id LIMIT 1", named("id", measureId))
                .map(rows -> rows.isEmpty() ? null : new MeasureRow((UUID) rows.get(0)[0], (String) rows.get(0)[1]));
    }

    /** Every published version of the plan, oldest first. */
    public Uni<List<VersionRow>> allVersions(UUID planId) {
        return rows("SELECT version, cast(document AS text), note, published_at FROM plan_document_version"
                + " WHERE plan_id = :plan ORDER BY version", named("plan", planId))
                .map(rows -> rows.stream().map(PlanDocumentRepository::versionRow).toList());
    }

    /** The plan's published versions without their documents, oldest first. */
    public Uni<List<VersionStamp>> versionStamps(UUID planId) {
        return rows("SELECT version, published_at FROM plan_document_version WHERE plan_id = :plan ORDER BY version",
                named("plan", planId)).map(
                        rows -> rows.stream()
                                .map(r -> new VersionStamp((int) number(r[0]), (OffsetDateTime) r[1])).toList());
    }

    /** These published versions of the plan, oldest first. */
    public Uni<List<VersionRow>> versions(UUID planId, java.util.Collection<Integer> versions) {
        if (versions.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return rows("SELECT version, cast(document AS text), note, published_at FROM plan_document_version"
                + " WHERE plan_id = :plan AND version IN (:versions) ORDER BY version",
                named("plan", planId, "versions", List.copyOf(versions)))
                .map(rows -> rows.stream().map(PlanDocumentRepository::versionRow).toList());
    }

    private static VersionRow versionRow(Object[] r) {
        return new VersionRow((int) number(r[0]), (String) r[1], (String) r[2], (OffsetDateTime) r[3]);
    }
}
