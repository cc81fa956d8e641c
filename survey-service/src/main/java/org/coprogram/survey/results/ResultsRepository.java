package org.coprogram.survey.results;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.survey.response.AnswerSheet;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The counts results are made of, and the snapshot they are published from. A snapshot is replaced only when at
 * least k responses came in since it was taken (or the survey closed): two consecutive snapshots never differ by the
 * answers of fewer than k people.
 */
@ApplicationScoped
class ResultsRepository {

    /** The counts a snapshot was taken from, and how many responses it holds. */
    record Snapshot(long respondents, List<Lattice.TallyRow> rows, OffsetDateTime takenAt) {
    }

    // Besides each tally, the set of options chosen together in each multiple-choice question ($2) counts as a tally
    // of its own, q|=q|a+q|b (ResultUnits.PATTERN).
    private static final String TALLIES = """
            SELECT r.district, r.province, r.category, tt.t, count(*)
            FROM response r CROSS JOIN LATERAL (
                SELECT unnest(r.tallies) AS t
                UNION ALL
                SELECT split_part(x, '|', 1) || '|=' || string_agg(x, '+' ORDER BY x)
                FROM unnest(r.tallies) x
                WHERE split_part(x, '|', 1) = ANY($2) AND x <> split_part(x, '|', 1) || '|'
                GROUP BY split_part(x, '|', 1)) tt
            WHERE r.survey_id = $1 GROUP BY 1, 2, 3, 4""";
    private static final String RESPONDENTS = "SELECT count(*) FROM response WHERE survey_id = $1";
    private static final String SNAPSHOT = "SELECT respondents, tallies, taken_at FROM results_snapshot WHERE survey_id = $1";
    private static final String SAVE = """
            INSERT INTO results_snapshot (survey_id, respondents, tallies, taken_at) VALUES ($1, $2, $3::jsonb, now())
            ON CONFLICT (survey_id) DO UPDATE SET respondents = EXCLUDED.respondents, tallies = EXCLUDED.tallies,
                taken_at = EXCLUDED.taken_at
            WHERE results_snapshot.respondents + $4 <= EXCLUDED.respondents
               OR ($5 AND results_snapshot.respondents <> EXCLUDED.respondents)""";

    private final Pool pool;

    ResultsRepository(Pool pool) {
        this.pool = pool;
    }

    Uni<Long> respondents(UUID surveyId) {
        return pool.preparedQuery(RESPONDENTS).execute(Tuple.of(surveyId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    Uni<Optional<Snapshot>> snapshot(UUID surveyId) {
        return pool.preparedQuery(SNAPSHOT).execute(Tuple.of(surveyId)).map(rows -> {
            if (!rows.iterator().hasNext()) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new Snapshot(row.getLong(0), decode(new JsonArray(row.getValue(1).toString())),
                    row.getOffsetDateTime(2)));
        });
    }

    /**
     * Counts the survey's responses now and keeps them as its snapshot if they are at least {@code step} more than
     * the saved one's, or if {@code last} (the survey closed) and they differ at all; answers the snapshot in force
     * afterwards, so that concurrent readers on any replica all get the same one.
     */
    Uni<Snapshot> take(UUID surveyId, List<String> multipleChoice, int step, boolean last) {
        return pool.preparedQuery(TALLIES).execute(Tuple.of(surveyId, multipleChoice.toArray(String[]::new)))
                .flatMap(rows -> {
                    List<Lattice.TallyRow> tallies = new ArrayList<>();
                    long respondents = 0;
                    for (Row row : rows) {
                        Lattice.TallyRow tally = new Lattice.TallyRow(row.getString(0), row.getString(1),
                                row.getString(2),
                                row.getString(3), row.getLong(4));
                        tallies.add(tally);
                        if (tally.tally().equals(AnswerSheet.RESPONSE_TALLY)) {
                            respondents += tally.count();
                        }
                    }
                    return pool.preparedQuery(SAVE)
                            .execute(Tuple.of(surveyId, respondents, encode(tallies).encode(), step, last))
                            .flatMap(saved -> snapshot(surveyId)).map(Optional::orElseThrow);
                });
    }

    private static JsonArray encode(List<Lattice.TallyRow> rows) {
        JsonArray array = new JsonArray();
        rows.forEach(r -> array.add(new JsonArray().add(r.district()).add(r.province()).add(r.category())
                .add(r.tally()).add(r.count())));
        return array;
    }

    private static List<Lattice.TallyRow> decode(JsonArray array) {
        List<Lattice.TallyRow> rows = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonArray r = array.getJsonArray(i);
            rows.add(new Lattice.TallyRow(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
                    r.getLong(4)));
        }
        return rows;
    }
}
