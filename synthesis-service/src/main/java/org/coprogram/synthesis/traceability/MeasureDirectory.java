package org.coprogram.synthesis.traceability;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.problem.ProblemException;
import org.coprogram.synthesis.plan.Plan;
import org.coprogram.synthesis.plan.PlanRepository;
import org.coprogram.synthesis.plandocument.PlanDocumentRepository;
import org.coprogram.synthesis.plandocument.PlanDocumentRepository.MeasureRow;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Finds a measure by its public id ({@link org.coprogram.contracts.MeasureIds}): the plan and code it is derived from,
 * looked up in the plan documents. An id, once found, always names the same plan and code (it is their hash), so
 * found ones are kept.
 */
@ApplicationScoped
public class MeasureDirectory {

    /** A measure's plan and code, with the plan as it is now. */
    public record Located(UUID measureId, String code, Plan plan) {
    }

    private final Cache<UUID, MeasureRow> found = Caffeine.newBuilder().maximumSize(50_000).build();
    private final PlanDocumentRepository documents;
    private final PlanRepository plans;

    MeasureDirectory(PlanDocumentRepository documents, PlanRepository plans) {
        this.documents = documents;
        this.plans = plans;
    }

    /**
     * The measure, in the plan's draft or one of its versions now; 404 otherwise. For writes: a measure taken out of
     * the draft before any version had it is not found any more.
     */
    @WithSession
    public Uni<Located> locate(UUID measureId) {
        return locate(measureId, null);
    }

    /**
     * The same, for reads that then require a published version (which never changes): a measure found once is not
     * looked up again.
     */
    @WithSession
    public Uni<Located> locateKnown(UUID measureId) {
        return locate(measureId, found.getIfPresent(measureId));
    }

    private Uni<Located> locate(UUID measureId, MeasureRow known) {
        Uni<MeasureRow> row = known != null ? Uni.createFrom().item(known) : documents.measure(measureId);
        return row.flatMap(measure -> {
            if (measure == null) {
                throw ProblemException.notFound("Intervento non trovato");
            }
            found.put(measureId, measure);
            return plans.require(measure.planId()).map(plan -> new Located(measureId, measure.code(), plan));
        });
    }
}
