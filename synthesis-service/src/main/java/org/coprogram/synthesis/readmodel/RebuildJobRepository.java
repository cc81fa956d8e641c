package org.coprogram.synthesis.readmodel;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/** The {@code rebuild_job} table (V1_5__rebuild_job.sql). */
@ApplicationScoped
class RebuildJobRepository extends NativeRepository {

    private static final TypeReference<LinkedHashMap<String, Long>> PROGRESS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    RebuildJobRepository(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Inserts the job as running unless another one is running (not counting one whose last heartbeat is before
     * {@code staleBefore}, which is marked failed first). False if another one is. The horizon and every time written
     * here come from the service's clock, never the database's {@code now()} (docs/architecture.md, "Time").
     */
    Uni<Boolean> start(RebuildJob job, String requestedBy, OffsetDateTime staleBefore) {
        return update("UPDATE rebuild_job SET status = 'failed', error = :error, finished_at = cast(:at AS timestamptz)"
                + " WHERE status = 'running' AND updated_at < cast(:stale AS timestamptz)",
                named("error", RebuildJob.INTERRUPTED, "at", job.startedAt(), "stale", staleBefore))
                .chain(() -> update("INSERT INTO rebuild_job (id, plan_id, requested_by, status, progress,"
                        + " started_at, updated_at) SELECT cast(:id AS uuid), cast(:plan AS uuid),"
                        + " cast(:by AS text), 'running', cast(cast(:progress AS text) AS json), cast(:started AS timestamptz),"
                        + " cast(:started AS timestamptz) WHERE NOT EXISTS (SELECT 1 FROM rebuild_job WHERE status = 'running')"
                        + " ON CONFLICT DO NOTHING",
                        named("id", job.id(), "plan", job.planId(), "by", requestedBy, "progress",
                                write(job.progress()), "started", job.startedAt())))
                .map(inserted -> inserted == 1);
    }

    /** Records read so far, committed after each batch; also the job's heartbeat, at {@code at}. */
    Uni<Void> progress(UUID jobId, Map<String, Long> progress, OffsetDateTime at) {
        return update("UPDATE rebuild_job SET progress = cast(cast(:progress AS text) AS json),"
                + " updated_at = cast(:at AS timestamptz) WHERE id = :id AND status = 'running'",
                named("id", jobId, "progress", write(progress), "at", at)).replaceWithVoid();
    }

    Uni<Void> succeeded(UUID jobId, int events, long version, OffsetDateTime at) {
        return update("UPDATE rebuild_job SET status = 'succeeded', events = :events, version = :version,"
                + " updated_at = cast(:at AS timestamptz), finished_at = cast(:at AS timestamptz) WHERE id = :id",
                named("id", jobId, "events", events, "version", version, "at", at)).replaceWithVoid();
    }

    Uni<Void> failed(UUID jobId, String error, OffsetDateTime at) {
        return update("UPDATE rebuild_job SET status = 'failed', error = :error, updated_at = cast(:at AS timestamptz),"
                + " finished_at = cast(:at AS timestamptz) WHERE id = :id",
                named("id", jobId, "error", error, "at", at))
                .replaceWithVoid();
    }

    Uni<Optional<RebuildJob>> find(UUID jobId) {
        return rows("SELECT id, plan_id, status, cast(progress AS text), events, version, error, started_at,"
                + " finished_at FROM rebuild_job WHERE id = :id", named("id", jobId))
                .map(rows -> rows.stream().findFirst().map(r -> new RebuildJob((UUID) r[0], (UUID) r[1],
                        (String) r[2], read((String) r[3]), r[4] == null ? null : ((Number) r[4]).intValue(),
                        r[5] == null ? null : ((Number) r[5]).longValue(), (String) r[6], (OffsetDateTime) r[7],
                        (OffsetDateTime) r[8])));
    }

    private String write(Map<String, Long> progress) {
        try {
            return json.writeValueAsString(progress);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private LinkedHashMap<String, Long> read(String progress) {
        try {
            return json.readValue(progress, PROGRESS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored progress is not JSON", e);
        }
    }
}
