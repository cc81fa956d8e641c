package org.coprogram.proposal.decidim;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.planview.PlanViews;
import org.coprogram.common.territory.Municipality;
import org.coprogram.common.territory.TerritoryCatalog;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** A plan's public data as a Decidim open-data zip (docs/decidim.md, "Export"). */
@ApplicationScoped
public class DecidimExportService {

    /** The zip and its file name. */
    public record Zip(String name, byte[] bytes) {
    }

    private final DecidimImportRepository rows;
    private final PlanViews plans;
    private final TerritoryCatalog territory;
    private final DecidimConfig config;

    public DecidimExportService(DecidimImportRepository rows, PlanViews plans, TerritoryCatalog territory,
            DecidimConfig config) {
        this.rows = rows;
        this.plans = plans;
        this.territory = territory;
        this.config = config;
    }

    @WithSession
    public Uni<Zip> export(UUID planId) {
        return plans.require(planId).flatMap(plan -> rows.publicProposals(planId)
                .flatMap(proposals -> rows.publicComments(planId).map(comments -> {
                    String base = config.publicUrl().replaceAll("/+$", "");
                    String prefix = "coprogram-" + plan.region + "-" + planId;
                    byte[] zip = DecidimExport.zip(prefix, planId, base + "/piani/" + planId, proposals, comments,
                            id -> base + "/proposte/" + id,
                            istat -> territory.municipality(istat).map(Municipality::name).orElse(""));
                    return new Zip(prefix + "-open-data.zip", zip);
                })));
    }
}
