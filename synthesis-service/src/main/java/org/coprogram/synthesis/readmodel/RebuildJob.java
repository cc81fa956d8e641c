package org.coprogram.synthesis.readmodel;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * A rebuild of one plan's read model: {@code running}, then {@code succeeded} (with how many of the plan's events were
 * applied again and the read-model version after) or {@code failed} (with why). {@code progress} is how many records
 * of each topic have been read so far.
 */
public record RebuildJob(UUID id, UUID planId, String status, Map<String, Long> progress, Integer events,
        Long version, String error, OffsetDateTime startedAt, OffsetDateTime finishedAt) {

    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    static final String INTERRUPTED = "Ricostruzione interrotta: il servizio che la eseguiva si è fermato";
    static final String ERROR = "Ricostruzione non riuscita: vedere i log del servizio";
}
