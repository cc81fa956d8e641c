package org.coprogram.common.planview;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.territory.Municipality;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The one statement that places again a plan's rows of a table that holds {@code plan_id}, {@code municipality} and
 * {@code district}: each row takes its municipality's district in the given list, null where it is in no district.
 */
@ApplicationScoped
public class DistrictPlacementRepository {

    /** {@code table} is a constant of the calling service's code, never a value from a request. */
    public Uni<Void> placeDistricts(String table, UUID planId, List<Municipality> municipalities) {
        if (municipalities.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> rows = new ArrayList<>(municipalities.size());
        for (int i = 0; i < municipalities.size(); i++) {
            rows.add("(cast(:m" + i + " AS text), cast(:d" + i + " AS text))");
        }
        String sql = "UPDATE " + table + " t SET district = v.district FROM (VALUES " + String.join(", ", rows)
                + ") AS v (municipality, district) WHERE t.plan_id = :plan AND t.municipality = v.municipality"
                + " AND t.district IS DISTINCT FROM v.district";
        return Panache.getSession().flatMap(session -> {
            var update = session.createNativeQuery(sql).setParameter("plan", planId);
            for (int i = 0; i < municipalities.size(); i++) {
                update.setParameter("m" + i, municipalities.get(i).istatCode()).setParameter("d" + i,
                        municipalities.get(i).districtCode());
            }
            return update.executeUpdate();
        }).replaceWithVoid();
    }
}
