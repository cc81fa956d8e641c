package org.coprogram.survey.response;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.outbox.OutboxEvent;
import org.coprogram.common.sql.PositionalStatement;
import org.coprogram.contracts.StakeholderCategory;
import org.coprogram.survey.response.ResponseEvents.Profile;
import org.coprogram.survey.survey.QuestionType;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The anonymous responses waiting in {@code pending_response}, and their move into {@code response} and the outbox. */
@ApplicationScoped
class PendingResponseRepository {

    /**
     * A survey with responses to mix now: enough of them, or a survey that no longer takes responses (then all).
     *
     * @param textQuestions ids of its free-text questions, whose answers never go into events
     */
    record DueSurvey(UUID surveyId, UUID planId, boolean accepting, List<String> textQuestions) {
    }

    /** One waiting response: what it answered and who, in profile, answered it. Nothing else. */
    record PendingResponse(int surveyVersion, String answers, List<String> tallies, Profile profile) {
    }

    /** A response as the mixer publishes it: fresh id, random pseudonym, a time shared by its batch, and its event. */
    record MixedResponse(UUID id, UUID surveyId, String pseudonym, PendingResponse pending,
            OffsetDateTime submittedAt, OutboxEvent event) {
    }

    // The acceptance test is the one the submit statements use (ResponseRepository), negated; "now" is the
    // service's Clock ($3), as there.
    private static final String DUE = """
            SELECT s.id, s.plan_id,
                   s.status = 'PUBLISHED' AND (s.closes_at IS NULL OR s.closes_at > $3::timestamptz)
                       AND v.phase = 'CONSULTATION' AS accepting,
                   ARRAY(SELECT q ->> 'id' FROM jsonb_array_elements(s.questions::jsonb) q
                         WHERE q ->> 'type' = ANY ($2::text[])) AS text_questions
            FROM (SELECT survey_id, count(*) AS waiting FROM pending_response GROUP BY survey_id) p
            JOIN survey s ON s.id = p.survey_id
            JOIN plan_view v ON v.id = s.plan_id
            WHERE p.waiting >= $1
               OR NOT (s.status = 'PUBLISHED' AND (s.closes_at IS NULL OR s.closes_at > $3::timestamptz)
                       AND v.phase = 'CONSULTATION')""";

    // SKIP LOCKED: two replicas never take the same rows. The count is checked in the statement, on the rows actually
    // locked, so rows another replica left behind are not published in a batch smaller than the least allowed.
    private static final String TAKE = """
            WITH picked AS (
                SELECT id FROM pending_response WHERE survey_id = $1 LIMIT $2 FOR UPDATE SKIP LOCKED)
            DELETE FROM pending_response
            WHERE id IN (SELECT id FROM picked) AND (SELECT count(*) FROM picked) >= $3
            RETURNING survey_version, answers::text AS answers, tallies, municipality, district, province, category""";

    private static final PositionalStatement STORE = PositionalStatement.of("""
            WITH stored AS (
                INSERT INTO response (id, survey_id, survey_version, pseudonym, answers, tallies, municipality,
                                      district, province, category, submitted_at)
                VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7, $8, $9, $10, $11)
                RETURNING id)
            """).withOutboxFrom("stored");

    private static final String[] TEXT_TYPES = Arrays.stream(QuestionType.values()).filter(QuestionType::isText)
            .map(QuestionType::name).toArray(String[]::new);

    private final Pool pool;

    PendingResponseRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Surveys with at least {@code minBatch} responses waiting, and those no longer taking responses at {@code now}
     * with any.
     */
    Uni<List<DueSurvey>> due(int minBatch, OffsetDateTime now) {
        return pool.preparedQuery(DUE).execute(Tuple.of(minBatch, TEXT_TYPES, now)).map(rows -> {
            List<DueSurvey> due = new ArrayList<>();
            for (Row row : rows) {
                due.add(new DueSurvey(row.getUUID("id"), row.getUUID("plan_id"), row.getBoolean("accepting"),
                        Arrays.asList(row.getArrayOfStrings("text_questions"))));
            }
            return due;
        });
    }

    /**
     * In one transaction: takes up to {@code most} waiting responses of the survey, but only if at least
     * {@code least} could be taken, and stores what {@code mix} makes of them, in the order it returns them.
     *
     * @return how many were moved (0 if fewer than {@code least} were free)
     */
    Uni<Integer> move(UUID surveyId, int least, int most, Function<List<PendingResponse>, List<MixedResponse>> mix) {
        return pool.withTransaction(tx -> tx.preparedQuery(TAKE).execute(Tuple.of(surveyId, most, least))
                .map(rows -> {
                    List<PendingResponse> taken = new ArrayList<>(rows.rowCount());
                    for (Row row : rows) {
                        taken.add(pending(row));
                    }
                    return taken;
                })
                .flatMap(taken -> {
                    if (taken.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    List<Tuple> batch = mix.apply(taken).stream().map(PendingResponseRepository::values).toList();
                    return tx.preparedQuery(STORE.sql()).executeBatch(batch).replaceWith(batch.size());
                }));
    }

    /**
     * Reclaims the deleted pending rows, whose tuples carry the transaction id of their ledger rows; outside any
     * transaction, as VACUUM requires. It can only remove what no open transaction may still see.
     */
    Uni<Void> vacuum() {
        return pool.query("VACUUM pending_response").execute().replaceWithVoid();
    }

    private static PendingResponse pending(Row row) {
        return new PendingResponse(row.getInteger("survey_version"), row.getString("answers"),
                Arrays.asList(row.getArrayOfStrings("tallies")),
                new Profile(row.getString("municipality"), row.getString("district"), row.getString("province"),
                        StakeholderCategory.valueOf(row.getString("category"))));
    }

    private static Tuple values(MixedResponse mixed) {
        PendingResponse pending = mixed.pending();
        Profile profile = pending.profile();
        Tuple values = Tuple.tuple().addUUID(mixed.id()).addUUID(mixed.surveyId()).addInteger(pending.surveyVersion())
                .addString(mixed.pseudonym()).addString(pending.answers())
                .addArrayOfString(pending.tallies().toArray(String[]::new))
                .addString(profile.municipality()).addString(profile.district()).addString(profile.province())
                .addString(profile.category().name()).addOffsetDateTime(mixed.submittedAt());
        return STORE.bind(Outbox.addValues(values, mixed.event()));
    }
}
