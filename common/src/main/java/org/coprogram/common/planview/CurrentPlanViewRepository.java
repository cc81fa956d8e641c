package org.coprogram.common.planview;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.persistence.StringListConverter;
import org.coprogram.contracts.Phase;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code plan_view} row read without Hibernate, for {@link PlanViews#current}: one round trip, and the JSON
 * columns (themes, a territory version's districts: the bulk of the row) sent and parsed only when the row is not the
 * one the caller already holds.
 */
@ApplicationScoped
public class CurrentPlanViewRepository {

    private static final String READ = """
            SELECT updated_at, updated_at IS NOT DISTINCT FROM $2::timestamptz AS unchanged, region, title, phase,
                   territory_version,
                   CASE WHEN updated_at IS NOT DISTINCT FROM $2::timestamptz THEN NULL ELSE themes END AS themes,
                   CASE WHEN updated_at IS NOT DISTINCT FROM $2::timestamptz THEN NULL ELSE districts END AS districts
            FROM plan_view WHERE id = $1""";

    /** What the database holds for a plan compared with the copy the caller holds. */
    public sealed interface Read {
    }

    /** This service has not heard of the plan. */
    public record Unknown() implements Read {
    }

    /** The copy the caller holds is the row. */
    public record Unchanged() implements Read {
    }

    /** The row, as it is now. */
    public record Changed(PlanView plan) implements Read {
    }

    private static final StringListConverter THEMES = new StringListConverter();
    private static final PlanDistrictsConverter DISTRICTS = new PlanDistrictsConverter();

    private final Pool pool;

    public CurrentPlanViewRepository(Pool pool) {
        this.pool = pool;
    }

    /** The plan's row, unless it is still the one last updated at {@code heldUpdatedAt} (null: none held). */
    public Uni<Read> read(UUID planId, OffsetDateTime heldUpdatedAt) {
        return pool.preparedQuery(READ).execute(Tuple.of(planId, heldUpdatedAt)).map(rows -> {
            if (rows.size() == 0) {
                return new Unknown();
            }
            Row row = rows.iterator().next();
            return Boolean.TRUE.equals(row.getBoolean("unchanged")) ? new Unchanged() : new Changed(plan(planId, row));
        });
    }

    private static PlanView plan(UUID planId, Row row) {
        PlanView plan = new PlanView();
        plan.id = planId;
        plan.region = row.getString("region");
        plan.title = row.getString("title");
        plan.phase = Phase.valueOf(row.getString("phase"));
        plan.themes = List.copyOf(THEMES.convertToEntityAttribute(row.getString("themes")));
        plan.territoryVersion = row.getInteger("territory_version");
        List<PlanDistrict> districts = DISTRICTS.convertToEntityAttribute(row.getString("districts"));
        plan.districts = districts == null ? null : List.copyOf(districts);
        plan.updatedAt = row.getOffsetDateTime("updated_at");
        return plan;
    }
}
