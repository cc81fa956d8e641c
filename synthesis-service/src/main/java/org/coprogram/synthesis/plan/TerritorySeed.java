package org.coprogram.synthesis.plan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.coprogram.contracts.Regions;
import org.coprogram.synthesis.territory.TerritoryVersions;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * At start-up, before the service takes requests: each region without a territory version gets the composition shipped
 * under {@code territory/} as its first, and each plan older than versions gets that first version (with the event a
 * move publishes). Both are idempotent, so replicas starting together and every later start do nothing more.
 */
@ApplicationScoped
public class TerritorySeed {

    private static final Logger LOG = Logger.getLogger(TerritorySeed.class);

    void onStart(@Observes StartupEvent start, TerritoryVersions versions, PlanService plans) throws Throwable {
        for (String region : Regions.ALL) {
            if (VertxContextSupport.subscribeAndAwait(() -> versions.seed(region))) {
                LOG.infof("Territory of %s: the shipped composition is version 1", region);
            }
        }
        for (var planId : VertxContextSupport.subscribeAndAwait(plans::withoutTerritory)) {
            VertxContextSupport.subscribeAndAwait(() -> plans.settleTerritory(planId));
            LOG.infof("Plan %s uses its region's territory version 1", planId);
        }
    }
}
