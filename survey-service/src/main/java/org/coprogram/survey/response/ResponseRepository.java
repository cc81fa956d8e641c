package org.coprogram.survey.response;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.outbox.OutboxEvent;
import org.coprogram.common.sql.PositionalStatement;
import org.coprogram.contracts.Phase;
import org.coprogram.survey.response.ResponseEvents.Profile;
import org.coprogram.survey.survey.SurveyStatus;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes a response in a single SQL statement, hence a single transaction. In a named survey: the respondent ledger
 * row, the response and its outbox event, or none of them. One round trip instead of five (begin, three inserts,
 * commit) is what lets the questionnaire take a press-release peak. In an anonymous survey: the ledger row and a
 * {@code pending_response}, which {@link ResponseMixer} later turns, shuffled among others, into a response and its
 * event; nothing written here names the response, its time or its content again.
 */
@ApplicationScoped
class ResponseRepository {

    /** A named response to write: who answered (ledger), what (response) and what to tell the others (event). */
    record Entry(UUID surveyId, int surveyVersion, Respondent respondent, String idempotencyKey, String requestHash,
            UUID responseId, String answers, List<String> tallies, OffsetDateTime submittedAt, OutboxEvent event) {
    }

    /**
     * An anonymous response as it waits to be mixed: no time, no response id, no pseudonym, no content hash stored.
     * {@code now} only decides whether the survey is still open; it is not written.
     */
    record Pending(UUID surveyId, int surveyVersion, String respondentKey, String idempotencyKey, String answers,
            List<String> tallies, Profile profile, OffsetDateTime now) {
    }

    /** What the ledger remembers of a first response; hash, id and time are null in anonymous surveys. */
    record LedgerEntry(String idempotencyKey, String requestHash, UUID responseId, OffsetDateTime submittedAt) {
    }

    // Answers go as text cast to jsonb: a String bound to a jsonb parameter would be stored as one JSON string.
    // The ledger insert admits one row per (survey, respondent key) and only while the survey is open and its plan in
    // consultation, checked in the statement itself; the response and the event follow only if it inserted its row.
    // "Open" is judged at the submission time the service took from its Clock ($15), not by the database's now().
    private static final PositionalStatement INSERT = PositionalStatement.of("""
            WITH ledger AS (
                INSERT INTO respondent (survey_id, respondent_key, idempotency_key, request_hash, response_id)
                SELECT $1::uuid, $2::text, $3::text, $4::text, $5::uuid
                WHERE EXISTS (SELECT 1 FROM survey s JOIN plan_view p ON p.id = s.plan_id
                              WHERE s.id = $1::uuid AND s.status = '%1$s'
                                AND (s.closes_at IS NULL OR s.closes_at > $15::timestamptz)
                                AND p.phase = '%2$s')
                ON CONFLICT DO NOTHING
                RETURNING survey_id),
            stored AS (
                INSERT INTO response (id, survey_id, survey_version, pseudonym, answers, tallies, municipality,
                                      district, province, category, submitted_at)
                SELECT $6::uuid, survey_id, $7::int, $8::text, $9::text::jsonb, $10::text[],
                       $11::text, $12::text, $13::text, $14::text, $15::timestamptz
                FROM ledger
                RETURNING id)
            """.formatted(SurveyStatus.PUBLISHED.name(), Phase.CONSULTATION.name())).withOutboxFrom("stored");

    // Same admission rule as INSERT, at the service's Clock time ($11), which is not stored. Same transaction for
    // ledger and pending row: an accepted response is never lost, and one person's two concurrent attempts still meet
    // on the ledger's primary key.
    private static final String INSERT_PENDING = """
            WITH ledger AS (
                INSERT INTO respondent (survey_id, respondent_key, idempotency_key)
                SELECT $1::uuid, $2::text, $3::text
                WHERE EXISTS (SELECT 1 FROM survey s JOIN plan_view p ON p.id = s.plan_id
                              WHERE s.id = $1::uuid AND s.anonymous AND s.status = '%1$s'
                                AND (s.closes_at IS NULL OR s.closes_at > $11::timestamptz)
                                AND p.phase = '%2$s')
                ON CONFLICT DO NOTHING
                RETURNING survey_id)
            INSERT INTO pending_response (survey_id, survey_version, answers, tallies, municipality, district, province,
                                          category)
            SELECT survey_id, $4::int, $5::text::jsonb, $6::text[], $7::text, $8::text, $9::text, $10::text
            FROM ledger""".formatted(SurveyStatus.PUBLISHED.name(), Phase.CONSULTATION.name());

    private static final String LEDGER = """
            SELECT r.idempotency_key, r.request_hash, r.response_id, s.submitted_at
            FROM respondent r LEFT JOIN response s ON s.id = r.response_id
            WHERE r.survey_id = $1 AND r.respondent_key = $2""";

    // On the caller's Hibernate session, so the export reads inside the transaction that audits it.
    private static final String EXPORT_PAGE = """
            SELECT id, pseudonym, submitted_at, survey_version, municipality, district, province, category,
                   cast(answers AS text)
            FROM response
            WHERE survey_id = :survey AND (cast(:afterTime AS timestamptz) IS NULL
                  OR (submitted_at, id) > (cast(:afterTime AS timestamptz), cast(:afterId AS uuid)))
            ORDER BY submitted_at, id LIMIT :limit""";

    /** A stored response as the export writes it; {@code answers} is the JSON text. */
    record ExportRow(UUID id, String pseudonym, OffsetDateTime submittedAt, int surveyVersion, String municipality,
            String district, String province, String category, String answers) {
    }

    private final Pool pool;

    ResponseRepository(Pool pool) {
        this.pool = pool;
    }

    /** A named response. True if the response was recorded; false if the ledger refused it (answered already, or no longer open). */
    Uni<Boolean> insert(Entry entry) {
        Profile profile = entry.respondent().profile();
        Tuple values = Tuple.tuple()
                .addUUID(entry.surveyId()).addString(entry.respondent().key()).addString(entry.idempotencyKey())
                .addString(entry.requestHash()).addUUID(entry.responseId())
                .addUUID(entry.responseId()).addInteger(entry.surveyVersion())
                .addString(entry.respondent().pseudonym()).addString(entry.answers())
                .addArrayOfString(entry.tallies().toArray(String[]::new))
                .addString(profile.municipality()).addString(profile.district()).addString(profile.province())
                .addString(profile.category().name()).addOffsetDateTime(entry.submittedAt());
        return pool.preparedQuery(INSERT.sql()).execute(INSERT.bind(Outbox.addValues(values, entry.event())))
                .map(rows -> rows.rowCount() == 1);
    }

    /** True if the anonymous response was accepted; false if the ledger refused it, as {@link #insert}. */
    Uni<Boolean> insertPending(Pending pending) {
        Profile profile = pending.profile();
        Tuple values = Tuple.tuple()
                .addUUID(pending.surveyId()).addString(pending.respondentKey()).addString(pending.idempotencyKey())
                .addInteger(pending.surveyVersion()).addString(pending.answers())
                .addArrayOfString(pending.tallies().toArray(String[]::new))
                .addString(profile.municipality()).addString(profile.district()).addString(profile.province())
                .addString(profile.category().name()).addOffsetDateTime(pending.now());
        return pool.preparedQuery(INSERT_PENDING).execute(values).map(rows -> rows.rowCount() == 1);
    }

    /** The ledger row of this person and survey, which must exist. */
    Uni<LedgerEntry> ledger(UUID surveyId, String respondentKey) {
        return pool.preparedQuery(LEDGER).execute(Tuple.of(surveyId, respondentKey)).map(rows -> {
            Row row = rows.iterator().next();
            return new LedgerEntry(row.getString("idempotency_key"), row.getString("request_hash"),
                    row.getUUID("response_id"), row.getOffsetDateTime("submitted_at"));
        });
    }

    /** Up to {@code limit} responses of the survey after ({@code afterTime}, {@code afterId}), or from the first. */
    Uni<List<ExportRow>> exportPage(UUID surveyId, OffsetDateTime afterTime, UUID afterId, int limit) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(EXPORT_PAGE, Object[].class)
                .setParameter("survey", surveyId).setParameter("afterTime", afterTime)
                .setParameter("afterId", afterId).setParameter("limit", limit).getResultList())
                .map(rows -> rows.stream().map(r -> new ExportRow((UUID) r[0], (String) r[1], (OffsetDateTime) r[2],
                        ((Number) r[3]).intValue(), (String) r[4], (String) r[5], (String) r[6], (String) r[7],
                        (String) r[8])).toList());
    }
}
