package org.coprogram.synthesis.analysis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.synthesis.readmodel.NativeRepository;
import org.coprogram.synthesis.synthesis.Scope;

import io.smallrye.mutiny.Uni;

/**
 * The change log of contributions ({@code contribution_change}, V1_9, written by triggers on {@code contribution}):
 * which contributions of a plan changed since a position, with their rows as they are now. A position is the oldest
 * transaction still running when it was taken (the snapshot's xmin): every change of an older transaction is
 * committed (or rolled back) by then, so reading from a position never skips a transaction that committed late; the
 * changes of transactions from the position on may be read again, which the analysis ignores (it compares rows).
 */
@ApplicationScoped
public class ContributionChangeRepository extends NativeRepository {

    /** The snapshot's xmin as a bigint (xid8, 64 bits: never wraps around). */
    private static final String XMIN = "CAST(CAST(pg_snapshot_xmin(pg_current_snapshot()) AS text) AS bigint)";

    /**
     * The contributions changed since a position, and the position to read from next time (taken in the same snapshot).
     * {@code overflow} when more than the limit changed: a full computation reads them all anyway.
     */
    public record Changes(long position, List<ContributionChange> changes, boolean overflow) {
    }

    /** Where to read from next time, taken before a full computation reads the texts. */
    Uni<Long> position() {
        // Two columns: a native query of one column would give scalars, not rows.
        return rows("SELECT " + XMIN + ", 0", Map.of()).map(rows -> number(rows.get(0)[0]));
    }

    /**
     * The plan's contributions changed from {@code position} on (at most {@code limit}), each with its row now when
     * the analysis of this scope counts it (as {@code SynthesisRepository.texts} reads them), else none.
     */
    Uni<Changes> since(UUID planId, Scope scope, boolean unpublished, long position, int limit) {
        String counted = "c.plan_id = :plan AND NOT c.hidden" + (unpublished ? "" : " AND NOT c.restricted")
                + " AND c.status IS DISTINCT FROM 'WITHDRAWN' AND c.body <> ''" + switch (scope.level()) {
                    case Scope.PROVINCE -> " AND c.province = :scope";
                    case Scope.DISTRICT -> " AND c.district = :scope";
                    default -> "";
                };
        Map<String, Object> parameters = new java.util.HashMap<>(Map.of("plan", planId, "position", position,
                "limit", limit + 1));
        if (!scope.level().equals(Scope.REGION)) {
            parameters.put("scope", scope.code());
        }
        return rows("WITH snapshot AS (SELECT " + XMIN + " AS xmin),"
                + " changed AS (SELECT DISTINCT contribution_id FROM contribution_change"
                + " WHERE plan_id = :plan AND tx >= :position LIMIT :limit)"
                + " SELECT s.xmin, ch.contribution_id, coalesce(" + counted + ", false), c.kind, c.title, c.body,"
                + " c.theme, c.province, c.district, c.municipality, c.supports"
                + " FROM snapshot s LEFT JOIN changed ch ON true LEFT JOIN contribution c ON c.id = ch.contribution_id"
                + " ORDER BY ch.contribution_id", parameters).map(rows -> {
                    long next = number(rows.get(0)[0]);
                    List<ContributionChange> changes = new ArrayList<>();
                    for (Object[] r : rows) {
                        if (r[1] == null) {
                            continue;
                        }
                        UUID id = (UUID) r[1];
                        changes.add(Boolean.TRUE.equals(r[2])
                                ? new ContributionChange(id, new TextContribution(id, (String) r[3], (String) r[4],
                                        (String) r[5], (String) r[6], (String) r[7], (String) r[8], (String) r[9],
                                        (int) number(r[10])))
                                : new ContributionChange(id, null));
                    }
                    return changes.size() > limit
                            ? new Changes(position, List.of(), true)
                            : new Changes(next, changes, false);
                });
    }

    /**
     * Forgets the changes logged more than {@code retention} ago (no kept analysis reads from that far back). A
     * retention of the log's own rows, so measured by the database's clock, which stamped them.
     */
    Uni<Integer> forget(Duration retention) {
        return update("DELETE FROM contribution_change WHERE changed_at < now() - make_interval(secs => :seconds)",
                Map.of("seconds", (double) retention.toSeconds()));
    }
}
