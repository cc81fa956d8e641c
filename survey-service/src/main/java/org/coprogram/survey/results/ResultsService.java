package org.coprogram.survey.results;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.planview.PlanTerritories;
import org.coprogram.common.planview.PlanViews;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;
import org.coprogram.common.territory.TerritoryCatalog;
import org.coprogram.contracts.StakeholderCategory;
import org.coprogram.survey.survey.SurveyRepository;
import org.coprogram.survey.survey.SurveyStatus;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * A slice of a survey's public results, cut from the results of the whole lattice ({@link PublishedResults}).
 */
@ApplicationScoped
public class ResultsService {

    private final PlanTerritories territories;
    private final PublishedResults published;
    private final SurveyRepository surveys;
    private final PlanViews plans;

    public ResultsService(PlanTerritories territories, PublishedResults published, SurveyRepository surveys,
            PlanViews plans) {
        this.plans = plans;
        this.surveys = surveys;
        this.territories = territories;
        this.published = published;
    }

    @WithSession
    public Uni<ResultsView> results(UUID surveyId, Filters filters) {
        return surveys.find(surveyId).flatMap(survey -> {
            if (survey == null || survey.status == SurveyStatus.DRAFT) {
                throw ProblemException.notFound("Questionario non trovato");
            }
            return plans.find(survey.planId).flatMap(plan -> {
                validate(filters, plan.region,
                        territories.of(survey.id, plan.region, survey.territoryVersion, survey.districts));
                return published.of(survey.id, survey, plan.region).map(results -> results.slice(survey, filters));
            });
        });
    }

    private static void validate(Filters filters, String region, TerritoryCatalog territory) {
        List<Violation> violations = new ArrayList<>();
        if (filters.province() != null
                && territory.provinces(region).stream().noneMatch(p -> p.code().equals(filters.province()))) {
            violations.add(new Violation("province", "sigla di provincia non presente nella regione del piano"));
        }
        if (filters.district() != null
                && territory.districtIn(region, filters.district()).isEmpty()) {
            violations.add(new Violation("district", "ambito non presente nella regione del piano"));
        }
        if (filters.category() != null && StakeholderCategory.parse(filters.category()).isEmpty()) {
            violations.add(new Violation("category", "categoria sconosciuta: " + filters.category()));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.badRequest("Filtri non validi", violations);
        }
    }
}
