package org.coprogram.survey.response;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.outbox.OutboxEvent;
import org.coprogram.survey.response.ResponseEvents.Profile;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes a response in a single SQL statement, hence a single transaction: the respondent ledger row, the response
 * and its outbox event, or none of them. One round trip instead of five (begin, three inserts, commit) is what lets
 * the questionnaire take a press-release peak.
 */
@ApplicationScoped
class ResponseRecorder {

    /** A row to write: who answered (ledger), what (response) and what to tell the others (event). */
    record Entry(UUID surveyId, int surveyVersion, Respondent respondent, String idempotencyKey, String requestHash,
            UUID responseId, boolean anonymous, String answers, List<String> tallies, OffsetDateTime submittedAt,
            OutboxEvent event) {
    }

    // Answers go as text cast to jsonb: a String bound to a jsonb parameter would be stored as one JSON string.
    // The ledger insert admits one row per (survey, respondent key) and only while the survey is open and its plan in
    // consultation, checked in the statement itself; the response and the event follow only if it inserted its row.
    private static final String INSERT = """
            WITH ledger AS (
                INSERT INTO respondent (survey_id, respondent_key, idempotency_key, request_hash, response_id)
                SELECT $1::uuid, $2::text, $3::text, $4::text, $5::uuid
                WHERE EXISTS (SELECT 1 FROM survey s JOIN plan_view p ON p.id = s.plan_id
                              WHERE s.id = $1::uuid AND s.status = 'PUBLISHED'
                                AND (s.closes_at IS NULL OR s.closes_at > now()) AND p.phase = 'CONSULTATION')
                ON CONFLICT DO NOTHING
                RETURNING survey_id),
            stored AS (
                INSERT INTO response (id, survey_id, survey_version, pseudonym, answers, tallies, municipality,
                                      district, province, category, submitted_at)
                SELECT $6::uuid, survey_id, $7::int, $8::text, $9::text::jsonb, $10::text[],
                       $11::text, $12::text, $13::text, $14::text, $15::timestamptz
                FROM ledger
                RETURNING id)
            """ + Outbox.insertFrom("stored", 16);

    private final Pool pool;

    ResponseRecorder(Pool pool) {
        this.pool = pool;
    }

    /** True if the response was recorded; false if the ledger refused it (answered already, or no longer open). */
    Uni<Boolean> insert(Entry entry) {
        Profile profile = entry.respondent().profile();
        Tuple values = Tuple.tuple()
                .addUUID(entry.surveyId()).addString(entry.respondent().key()).addString(entry.idempotencyKey())
                .addString(entry.requestHash()).addUUID(entry.anonymous() ? null : entry.responseId())
                .addUUID(entry.responseId()).addInteger(entry.surveyVersion())
                .addString(entry.respondent().pseudonym()).addString(entry.answers())
                .addArrayOfString(entry.tallies().toArray(String[]::new))
                .addString(profile.municipality()).addString(profile.district()).addString(profile.province())
                .addString(profile.category().name()).addOffsetDateTime(entry.submittedAt());
        return pool.preparedQuery(INSERT).execute(Outbox.addValues(values, entry.event()))
                .map(rows -> rows.rowCount() == 1);
    }
}
