package org.coprogram.synthesis.traceability;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.territory.District;
import org.coprogram.common.territory.Municipality;
import org.coprogram.common.territory.TerritoryCatalog;
import org.coprogram.synthesis.plan.PlanRepository;
import org.coprogram.synthesis.synthesis.Labels;
import org.coprogram.synthesis.territory.TerritoryVersions;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;

/**
 * A plan's uptake equity ({@link UptakeEquity}), kept per plan until its read model or its links change: the
 * synthesis shows it next to participation. Runs in the caller's session.
 */
@ApplicationScoped
public class UptakeService {

    private record Kept(long version, List<Long> stamp, UptakeEquity.Uptake uptake) {
    }

    private final Cache<UUID, Kept> kept = Caffeine.newBuilder().maximumSize(1000).build();
    private final LinkRepository links;
    private final PlanRepository plans;
    private final TerritoryVersions territories;

    UptakeService(LinkRepository links, PlanRepository plans, TerritoryVersions territories) {
        this.links = links;
        this.plans = plans;
        this.territories = territories;
    }

    /** The plan's uptake at read-model {@code version}, with its links as they are now. */
    public Uni<UptakeEquity.Uptake> uptake(UUID planId, long version) {
        return links.stamp(planId).flatMap(stamp -> {
            Kept found = kept.getIfPresent(planId);
            if (found != null && found.version() == version && found.stamp().equals(stamp)) {
                return Uni.createFrom().item(found.uptake());
            }
            return plans.require(planId).flatMap(plan -> territories.territory(plan.region, plan.territoryVersion)
                    .flatMap(territory -> links.uptake(planId).flatMap(cells -> links.participants(planId)
                            .map(people -> {
                                UptakeEquity.Uptake uptake = compute(plan.region, territory.catalog(), cells, people);
                                kept.put(planId, new Kept(version, stamp, uptake));
                                return uptake;
                            }))));
        });
    }

    static UptakeEquity.Uptake compute(String region, TerritoryCatalog territory, List<LinkRepository.UptakeCell> cells,
            List<LinkRepository.Participants> people) {
        Map<String, UptakeEquity.Place> provinces = new java.util.LinkedHashMap<>();
        Map<String, Long> provincePopulation = new HashMap<>();
        for (Municipality m : territory.municipalities(region)) {
            provincePopulation.merge(m.provinceCode(), (long) m.population(), Long::sum);
        }
        territory.provinces(region).forEach(p -> provinces.put(p.code(),
                new UptakeEquity.Place(p.name(), provincePopulation.getOrDefault(p.code(), 0L))));
        Map<String, UptakeEquity.Place> districts = new java.util.LinkedHashMap<>();
        for (District d : territory.districts(region)) {
            long population = d.municipalities().stream().map(territory::municipality)
                    .flatMap(java.util.Optional::stream).mapToLong(Municipality::population).sum();
            districts.put(d.code(), new UptakeEquity.Place(d.name(), population));
        }
        Map<String, Long> participants = new HashMap<>();
        people.forEach(p -> participants.put(p.level() + ":" + p.code(), p.participants()));
        return UptakeEquity.of(cells, provinces, districts, participants, Labels::category);
    }
}
