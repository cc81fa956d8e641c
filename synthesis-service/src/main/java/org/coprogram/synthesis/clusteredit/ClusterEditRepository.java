package org.coprogram.synthesis.clusteredit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.synthesis.readmodel.NativeRepository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/** The {@code cluster_edit} table (V1_6__cluster_edits.sql), and the facts of contributions the overlay counts. */
@ApplicationScoped
class ClusterEditRepository extends NativeRepository {

    private static final TypeReference<List<List<UUID>>> ANCHORS = new TypeReference<>() {
    };
    private static final TypeReference<List<UUID>> IDS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> LABELS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, plan_id, scope_level, scope_code, kind, label, cast(anchors AS text),"
            + " cast(moved AS text), cast(before_labels AS text), note, created_by, created_at, undone_by, undone_at,"
            + " revision";

    private final ObjectMapper json;

    ClusterEditRepository(ObjectMapper json) {
        this.json = json;
    }

    /** Stores a new edit; its revision comes from the table's sequence. */
    Uni<Void> insert(ClusterEdit e) {
        return update("INSERT INTO cluster_edit (id, plan_id, scope_level, scope_code, kind, label, anchors, moved,"
                + " before_labels, note, created_by, created_at) VALUES (:id, :plan, :level, :code, :kind,"
                + " cast(:label AS text), cast(cast(:anchors AS text) AS jsonb), cast(cast(:moved AS text) AS jsonb),"
                + " cast(cast(:before AS text) AS jsonb), cast(:note AS text), :by, cast(:at AS timestamptz))",
                named("id", e.id(), "plan", e.planId(), "level", e.level(), "code", e.code(), "kind", e.kind().name(),
                        "label", e.label(), "anchors", write(e.anchors()), "moved", write(e.moved()), "before",
                        write(e.beforeLabels()), "note", e.note(), "by", e.createdBy(), "at", e.createdAt()))
                .replaceWithVoid();
    }

    /** Every edit of the plan, undone ones too, oldest first. */
    Uni<List<ClusterEdit>> ofPlan(UUID planId) {
        return rows("SELECT " + COLUMNS + " FROM cluster_edit WHERE plan_id = :plan ORDER BY created_at, id",
                named("plan", planId)).map(rows -> rows.stream().map(this::edit).toList());
    }

    /** Marks an active edit of the plan undone; false if there is none with that id. */
    Uni<Boolean> undo(UUID planId, UUID editId, String by, OffsetDateTime at) {
        return update("UPDATE cluster_edit SET undone_by = :by, undone_at = cast(:at AS timestamptz),"
                + " revision = nextval('cluster_edit_revision') WHERE id = :id AND plan_id = :plan"
                + " AND undone_at IS NULL", named("id", editId, "plan", planId, "by", by, "at", at))
                .map(updated -> updated == 1);
    }

    /** What the overlay counts of the plan's contributions: theme, territory and supports. */
    Uni<List<ClusterOverlay.Member>> members(UUID planId) {
        return rows("SELECT c.id, c.theme, c.province, c.district, c.municipality, c.supports FROM contribution c"
                + " WHERE c.plan_id = :plan", named("plan", planId))
                .map(rows -> rows.stream().map(r -> new ClusterOverlay.Member((UUID) r[0], (String) r[1],
                        (String) r[2], (String) r[3], (String) r[4], (int) number(r[5]))).toList());
    }

    private ClusterEdit edit(Object[] r) {
        return new ClusterEdit((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], EditKind.valueOf((String) r[4]),
                (String) r[5], read((String) r[6], ANCHORS), read((String) r[7], IDS), read((String) r[8], LABELS),
                (String) r[9], (String) r[10], (OffsetDateTime) r[11], (String) r[12], (OffsetDateTime) r[13],
                number(r[14]));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored cluster edit is not JSON", e);
        }
    }
}
