package org.coprogram.survey.started;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.outbox.OutboxEvent;
import org.coprogram.common.sql.PositionalStatement;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Who started which questionnaire (survey and account, nothing about answers), and the closing-soon job's statements.
 * A batch is one transaction: the waiting rows of surveys closing soon are locked with {@code SKIP LOCKED} (two
 * replicas take different ones); those whose person has since answered (their ledger key is in {@code respondent}) are
 * deleted; each other one gets its sent marker and its outbox event from one statement, whose event row exists only
 * if the marker was new, so a person is told once whatever runs the job, however often.
 */
@ApplicationScoped
public class StartedRepository {

    /** A person who started a questionnaire closing soon and was not told yet. */
    public record Due(UUID surveyId, String accountId, UUID planId, String region, String title,
            OffsetDateTime closesAt) {
    }

    private static final String START = """
            INSERT INTO survey_started (survey_id, account_id, started_at) VALUES ($1, $2, $3)
            ON CONFLICT DO NOTHING""";

    private static final String FORGET = "DELETE FROM survey_started WHERE survey_id = $1 AND account_id = $2";

    private static final String DUE = """
            SELECT st.survey_id, st.account_id, s.plan_id, p.region, s.title, s.closes_at
            FROM survey_started st
            JOIN survey s ON s.id = st.survey_id
            JOIN plan_view p ON p.id = s.plan_id
            WHERE s.status = 'PUBLISHED' AND s.closes_at > $1 AND s.closes_at <= $2 AND st.notified_at IS NULL
            ORDER BY s.closes_at, st.survey_id, st.account_id
            LIMIT $3
            FOR UPDATE OF st SKIP LOCKED""";

    private static final String ANSWERED = """
            SELECT k.i FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS k(survey_id, respondent_key, i)
            WHERE EXISTS (SELECT 1 FROM respondent r
                          WHERE r.survey_id = k.survey_id AND r.respondent_key = k.respondent_key)""";

    private static final PositionalStatement MARK = PositionalStatement.of("""
            WITH marked AS (
                UPDATE survey_started SET notified_at = $3
                WHERE survey_id = $1 AND account_id = $2 AND notified_at IS NULL
                RETURNING survey_id)
            """).withOutboxFrom("marked");

    private final Pool pool;

    StartedRepository(Pool pool) {
        this.pool = pool;
    }

    /** Records that the person opened the form; a second time changes nothing. */
    public Uni<Void> start(UUID surveyId, String accountId, OffsetDateTime now) {
        return pool.preparedQuery(START).execute(Tuple.of(surveyId, accountId, now)).replaceWithVoid();
    }

    /** Forgets that the person started: they answered. */
    public Uni<Void> forget(UUID surveyId, String accountId) {
        return pool.preparedQuery(FORGET).execute(Tuple.of(surveyId, accountId)).replaceWithVoid();
    }

    /**
     * In one transaction: takes up to {@code limit} waiting rows of surveys closing in ({@code from}, {@code to}],
     * forgets those whose person answered ({@code ledgerKey} of survey and account is in the ledger), and records for
     * each other its marker and the event {@code notice} makes of it.
     *
     * @return how many rows were taken
     */
    public Uni<Integer> notifyDue(OffsetDateTime from, OffsetDateTime to, int limit,
            Function<Due, String> ledgerKey, Function<Due, OutboxEvent> notice, OffsetDateTime now) {
        return pool.withTransaction(tx -> tx.preparedQuery(DUE).execute(Tuple.of(from, to, limit)).flatMap(rows -> {
            List<Due> due = new ArrayList<>(rows.rowCount());
            for (Row row : rows) {
                due.add(new Due(row.getUUID("survey_id"), row.getString("account_id"), row.getUUID("plan_id"),
                        row.getString("region"), row.getString("title"), row.getOffsetDateTime("closes_at")));
            }
            if (due.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            UUID[] surveys = due.stream().map(Due::surveyId).toArray(UUID[]::new);
            String[] keys = due.stream().map(ledgerKey).toArray(String[]::new);
            return tx.preparedQuery(ANSWERED).execute(Tuple.of(surveys, keys)).flatMap(answeredRows -> {
                Set<Integer> answered = new HashSet<>();
                for (Row row : answeredRows) {
                    answered.add((int) row.getLong(0).longValue() - 1);
                }
                List<Tuple> forget = new ArrayList<>();
                List<Tuple> mark = new ArrayList<>();
                for (int i = 0; i < due.size(); i++) {
                    Due one = due.get(i);
                    if (answered.contains(i)) {
                        forget.add(Tuple.of(one.surveyId(), one.accountId()));
                    } else {
                        mark.add(MARK.bind(Outbox.addValues(Tuple.of(one.surveyId(), one.accountId(), now),
                                notice.apply(one))));
                    }
                }
                Uni<Void> forgotten = forget.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : tx.preparedQuery(FORGET).executeBatch(forget).replaceWithVoid();
                return forgotten.flatMap(ignored -> mark.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : tx.preparedQuery(MARK.sql()).executeBatch(mark).replaceWithVoid())
                        .replaceWith(due.size());
            });
        }));
    }
}
