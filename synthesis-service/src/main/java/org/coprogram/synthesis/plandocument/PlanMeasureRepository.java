package org.coprogram.synthesis.plandocument;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.contracts.MeasureIds;
import org.coprogram.synthesis.readmodel.NativeRepository;

import io.smallrye.mutiny.Uni;

/**
 * The measures of a plan's published versions by their public id, {@link MeasureIds#of} (V2_1__plan_measures.sql):
 * written when a version is published, so a measure id leads to its plan and code. A code only ever in a draft has no
 * row: it is not public.
 */
@ApplicationScoped
public class PlanMeasureRepository extends NativeRepository {

    /** A published measure: its plan, its code, the first and the latest version that hold it. */
    public record MeasureRow(UUID measureId, UUID planId, String code, int firstVersion, int latestVersion) {
    }

    /**
     * Records the codes of version {@code version} of the plan's document, just published; gives the ids of those no
     * earlier version had (their measures are public from now on).
     */
    Uni<List<UUID>> published(UUID planId, int version, List<String> codes) {
        return rows("SELECT measure_id, 1 FROM plan_measure WHERE plan_id = :plan", named("plan", planId))
                .flatMap(rows -> {
                    java.util.Set<UUID> known = new java.util.HashSet<>();
                    rows.forEach(r -> known.add((UUID) r[0]));
                    List<UUID> fresh = codes.stream().map(code -> MeasureIds.of(planId, code))
                            .filter(id -> !known.contains(id)).toList();
                    // One statement for the whole version: measure_id() is MeasureIds.of in SQL (V2_0); a code has
                    // no comma (DocumentRules.CODE).
                    Uni<Integer> done = codes.isEmpty()
                            ? Uni.createFrom().item(0)
                            : update("INSERT INTO plan_measure (measure_id, plan_id, code, first_version,"
                                    + " latest_version) SELECT measure_id(:plan, code), :plan, code, :version, :version"
                                    + " FROM (SELECT DISTINCT unnest(string_to_array(:codes, ',')) AS code) codes"
                                    + " ON CONFLICT (measure_id) DO UPDATE SET latest_version ="
                                    + " greatest(plan_measure.latest_version, excluded.latest_version)",
                                    named("plan", planId, "codes", String.join(",", codes), "version", version));
                    return done.replaceWith(fresh);
                });
    }

    /** The published measure with this id, or null. */
    public Uni<MeasureRow> find(UUID measureId) {
        return rows("SELECT measure_id, plan_id, code, first_version, latest_version FROM plan_measure"
                + " WHERE measure_id = :id", named("id", measureId))
                .map(rows -> rows.isEmpty()
                        ? null
                        : new MeasureRow((UUID) rows.get(0)[0], (UUID) rows.get(0)[1], (String) rows.get(0)[2],
                                (int) number(rows.get(0)[3]), (int) number(rows.get(0)[4])));
    }
}
