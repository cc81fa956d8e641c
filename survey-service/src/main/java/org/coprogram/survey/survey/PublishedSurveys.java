package org.coprogram.survey.survey;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.planview.PlanTerritories;
import org.coprogram.common.planview.PlanViews;
import org.coprogram.common.problem.ProblemException;

import io.quarkus.cache.CacheResult;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Published questionnaires, kept in memory ({@code quarkus.cache.caffeine.published-surveys}): at a response peak
 * every submission needs the same few definitions, which never change once published. Drafts and unknown ids are
 * refused, not kept, so a questionnaire published a moment later is found at once.
 */
@ApplicationScoped
public class PublishedSurveys {

    private final SurveyRepository surveys;
    private final PlanViews plans;
    private final PlanTerritories territories;

    public PublishedSurveys(SurveyRepository surveys, PlanViews plans, PlanTerritories territories) {
        this.surveys = surveys;
        this.plans = plans;
        this.territories = territories;
    }

    @CacheResult(cacheName = "published-surveys")
    @WithSession
    public Uni<PublishedSurvey> find(UUID id) {
        return current(id);
    }

    /** As stored now, not from memory: for deciding why a response was not recorded. */
    @WithSession
    public Uni<PublishedSurvey> current(UUID id) {
        return surveys.find(id).flatMap(survey -> {
            if (survey == null || survey.status == SurveyStatus.DRAFT) {
                throw ProblemException.notFound("Questionario non trovato");
            }
            return plans.find(survey.planId)
                    .map(plan -> new PublishedSurvey(survey.id, survey.planId, plan.region, survey.version,
                            survey.anonymous, survey.questions, survey.status, survey.closesAt,
                            territories.of(survey.id, plan.region, survey.territoryVersion, survey.districts)));
        });
    }
}
