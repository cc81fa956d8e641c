package org.coprogram.synthesis.plan;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.paging.PageRequest;
import org.coprogram.common.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class PlanRepository implements PanacheRepositoryBase<Plan, UUID> {

    /** The plan, or 404 "Piano non trovato". */
    public Uni<Plan> require(UUID planId) {
        return findById(planId).map(plan -> {
            if (plan == null) {
                throw ProblemException.notFound("Piano non trovato");
            }
            return plan;
        });
    }

    public Uni<List<Plan>> page(String region, PageRequest page) {
        Sort sort = Sort.descending("createdAt").and("id");
        var query = region == null ? findAll(sort) : find("region", sort, region);
        return query.page(page.page(), page.size()).list();
    }

    /** Plans older than territory versions, which start-up gives their region's first. */
    public Uni<List<Plan>> withoutTerritory() {
        return list("territoryVersion is null");
    }

    public Uni<Long> count(String region) {
        return region == null ? count() : count("region", region);
    }
}
