package org.coprogram.common.planview;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.territory.TerritoryCatalog;
import org.coprogram.common.territory.TerritoryFiles.CompositionRow;

/**
 * The districts of a plan, as the territory version it uses has them (docs/territories.md): what a service places a
 * municipality in. A plan whose version this service has not heard of yet uses the composition shipped on the
 * classpath, which is every region's version 1. A version never changes, so each plan's catalog is built once.
 */
@ApplicationScoped
public class PlanTerritories {

    private final TerritoryCatalog shipped;
    private final Map<String, TerritoryCatalog> kept = new ConcurrentHashMap<>();

    public PlanTerritories(TerritoryCatalog shipped) {
        this.shipped = shipped;
    }

    public TerritoryCatalog of(PlanView plan) {
        return of(plan.id, plan.region, plan.territoryVersion, plan.districts);
    }

    /**
     * The catalog of {@code region}'s version {@code version} with these districts, as {@code owner} (a plan, or a
     * questionnaire that keeps the version it was published with) stores them; the shipped composition when either is
     * null. Kept per owner and version: what an owner stored for a version never changes.
     */
    public TerritoryCatalog of(UUID owner, String region, Integer version, List<PlanDistrict> districts) {
        if (districts == null || version == null) {
            return shipped;
        }
        return kept.computeIfAbsent(owner + "/" + version, key -> catalog(region, districts));
    }

    private TerritoryCatalog catalog(String region, List<PlanDistrict> districts) {
        List<CompositionRow> rows = new ArrayList<>();
        for (PlanDistrict district : districts) {
            for (String municipality : district.municipalities()) {
                // Only the region's own municipalities: an event never names others, and a catalog must not either.
                if (shipped.municipalityIn(region, municipality).isPresent()) {
                    rows.add(new CompositionRow(0, municipality, district.code(), district.name(), null, null));
                }
            }
        }
        return TerritoryCatalog.of(shipped.municipalityIndex(), region, rows, Map.of());
    }
}
