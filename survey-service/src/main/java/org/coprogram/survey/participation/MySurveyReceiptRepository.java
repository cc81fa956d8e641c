package org.coprogram.survey.participation;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.survey.survey.SurveyStatus;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The caller's receipts. The ledger ({@code respondent}) keeps no account, only {@code HMAC(key, survey + account)}:
 * the keys of every questionnaire ever published are computed for the caller and looked up in one statement (a
 * region has tens to hundreds of questionnaires, not millions). The lookup reads no answer, and in an anonymous
 * questionnaire the ledger has no response to join (response_id is null there).
 */
@ApplicationScoped
public class MySurveyReceiptRepository {

    private static final String PUBLISHED = "SELECT id FROM survey WHERE status <> 'DRAFT'";

    private static final String FROM = """
            FROM unnest($1::uuid[], $2::text[]) AS k(survey_id, respondent_key)
            JOIN respondent r ON r.survey_id = k.survey_id AND r.respondent_key = k.respondent_key
            JOIN survey s ON s.id = r.survey_id
            LEFT JOIN response x ON x.id = r.response_id AND NOT s.anonymous""";

    private static final String PAGE = "SELECT s.id, s.plan_id, s.title, s.anonymous, s.status, s.closes_at,"
            + " x.id AS response_id, x.submitted_at " + FROM + " ORDER BY s.closes_at DESC NULLS LAST, s.id"
            + " LIMIT $3 OFFSET $4";

    private static final String COUNT = "SELECT count(*) " + FROM;

    private final Pool pool;

    MySurveyReceiptRepository(Pool pool) {
        this.pool = pool;
    }

    /** @param keyOf the caller's ledger key in a survey */
    public Uni<Page<MySurveyReceipt>> of(Function<UUID, String> keyOf, PageRequest page) {
        return pool.query(PUBLISHED).execute().flatMap(rows -> {
            List<UUID> surveys = new ArrayList<>(rows.rowCount());
            List<String> keys = new ArrayList<>(rows.rowCount());
            for (Row row : rows) {
                UUID id = row.getUUID("id");
                surveys.add(id);
                keys.add(keyOf.apply(id));
            }
            UUID[] ids = surveys.toArray(UUID[]::new);
            String[] ledgerKeys = keys.toArray(String[]::new);
            return pool.preparedQuery(PAGE)
                    .execute(Tuple.of(ids, ledgerKeys, page.size(), (long) page.page() * page.size()))
                    .flatMap(found -> {
                        List<MySurveyReceipt> items = new ArrayList<>(found.rowCount());
                        for (Row row : found) {
                            items.add(receipt(row));
                        }
                        return pool.preparedQuery(COUNT).execute(Tuple.of(ids, ledgerKeys))
                                .map(count -> new Page<>(items, page.page(), page.size(),
                                        count.iterator().next().getLong(0)));
                    });
        });
    }

    private static MySurveyReceipt receipt(Row row) {
        return new MySurveyReceipt(row.getUUID("id"), row.getUUID("plan_id"), row.getString("title"),
                row.getBoolean("anonymous"), SurveyStatus.valueOf(row.getString("status")),
                row.getOffsetDateTime("closes_at"), row.getUUID("response_id"),
                row.getOffsetDateTime("submitted_at"));
    }
}
