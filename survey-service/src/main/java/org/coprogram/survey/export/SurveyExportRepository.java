package org.coprogram.survey.export;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The statements of survey-service's export. The ledger ({@code respondent}) stores no account, only
 * {@code HMAC(key, survey + account)}: the caller's key for every published questionnaire is computed once
 * ({@link #ledgerKeys}, tens to hundreds of keys) and the receipts are read in keyset pages by survey id. A response is
 * joined only where the questionnaire is not anonymous; in an anonymous one the ledger has no response id to join.
 */
@ApplicationScoped
public class SurveyExportRepository {

    /** The caller's ledger keys, one per published questionnaire. */
    public record LedgerKeys(UUID[] surveys, String[] keys) {
    }

    private static final String PUBLISHED = "SELECT id FROM survey WHERE status <> 'DRAFT' ORDER BY id";

    private static final String RECEIPTS = """
            SELECT s.id, s.plan_id, s.title, s.anonymous, x.id AS response_id, x.submitted_at,
                   x.answers::text AS answers, x.municipality, x.district, x.category
            FROM unnest($1::uuid[], $2::text[]) AS k(survey_id, respondent_key)
            JOIN respondent r ON r.survey_id = k.survey_id AND r.respondent_key = k.respondent_key
            JOIN survey s ON s.id = r.survey_id
            LEFT JOIN response x ON x.id = r.response_id AND NOT s.anonymous
            WHERE $3::uuid IS NULL OR s.id > $3
            ORDER BY s.id LIMIT $4""";

    private final Pool pool;

    SurveyExportRepository(Pool pool) {
        this.pool = pool;
    }

    /** @param keyOf the caller's ledger key in a questionnaire */
    public Uni<LedgerKeys> ledgerKeys(Function<UUID, String> keyOf) {
        return pool.query(PUBLISHED).execute().map(rows -> {
            List<UUID> surveys = new ArrayList<>(rows.rowCount());
            List<String> keys = new ArrayList<>(rows.rowCount());
            for (Row row : rows) {
                UUID id = row.getUUID("id");
                surveys.add(id);
                keys.add(keyOf.apply(id));
            }
            return new LedgerKeys(surveys.toArray(UUID[]::new), keys.toArray(String[]::new));
        });
    }

    public Uni<List<MySurveyData>> receipts(LedgerKeys keys, MySurveyData after, int limit) {
        return pool.preparedQuery(RECEIPTS)
                .execute(Tuple.of(keys.surveys(), keys.keys(), after == null ? null : after.surveyId(), limit))
                .map(rows -> {
                    List<MySurveyData> items = new ArrayList<>(rows.rowCount());
                    for (Row row : rows) {
                        items.add(new MySurveyData(row.getUUID("id"), row.getUUID("plan_id"), row.getString("title"),
                                row.getBoolean("anonymous"), row.getUUID("response_id"),
                                row.getOffsetDateTime("submitted_at"), row.getString("answers"),
                                row.getString("municipality"), row.getString("district"),
                                row.getString("category")));
                    }
                    return items;
                });
    }
}
