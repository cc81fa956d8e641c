package org.coprogram.synthesis.traceability;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.synthesis.analysis.AnalysisService;
import org.coprogram.synthesis.clusteredit.ClusterEditService;
import org.coprogram.synthesis.clusteredit.ServedCluster;
import org.coprogram.synthesis.synthesis.SynthesisService;

import io.smallrye.mutiny.Uni;

/**
 * A synthesis cluster as the public clusters view ({@code GET /api/plans/{planId}/synthesis/clusters}) shows it now
 * for a scope: the analysis with the region's edits applied, so the members linked are the ones staff saw.
 */
@ApplicationScoped
class ClusterMembers {

    private final SynthesisService synthesis;
    private final AnalysisService analysis;
    private final ClusterEditService edits;

    ClusterMembers(SynthesisService synthesis, AnalysisService analysis, ClusterEditService edits) {
        this.synthesis = synthesis;
        this.analysis = analysis;
        this.edits = edits;
    }

    /** The cluster {@code clusterId} of the scope; null if the scope's current clusters have none of that id. */
    Uni<ServedCluster> cluster(UUID planId, String level, String code, String clusterId) {
        return synthesis.synthesis(planId, level, code, false)
                .flatMap(view -> analysis.analysis(planId, view.scope(), view.version(), false)
                        .flatMap(result -> edits.served(planId, view.scope(), view.version(), false, result)))
                .map(served -> served.clusters().stream().filter(c -> c.id().equals(clusterId)).findFirst()
                        .orElse(null));
    }
}
