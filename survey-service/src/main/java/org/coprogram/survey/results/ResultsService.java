package org.coprogram.survey.results;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.planview.PlanView;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;
import org.coprogram.common.territory.TerritoryCatalog;
import org.coprogram.survey.response.StakeholderCategory;
import org.coprogram.survey.survey.Survey;
import org.coprogram.survey.survey.SurveyConfig;
import org.coprogram.survey.survey.SurveyStatus;

import io.quarkus.cache.CacheResult;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Results are counted from the responses' tallies in one statement that counts the requested slice and each of its
 * parents together; a computed result is served again for at most {@code survey.results-max-age}.
 */
@ApplicationScoped
public class ResultsService {

    private final TerritoryCatalog territory;
    private final Disclosure disclosure;

    public ResultsService(TerritoryCatalog territory, SurveyConfig config) {
        this.territory = territory;
        this.disclosure = new Disclosure(config.disclosureThreshold());
    }

    @WithSession
    @CacheResult(cacheName = "survey-results")
    public Uni<ResultsView> results(UUID surveyId, Filters filters) {
        return Survey.<Survey>findById(surveyId).flatMap(survey -> {
            if (survey == null || survey.status == SurveyStatus.DRAFT) {
                throw ProblemException.notFound("Questionario non trovato");
            }
            return PlanView.<PlanView>findById(survey.planId).flatMap(plan -> {
                validate(filters, plan.region);
                List<Filters> slices = new ArrayList<>();
                slices.add(filters);
                slices.addAll(filters.parents());
                return count(surveyId, filters, slices).map(tallies -> new ResultsBuilder(tallies, slices.size(),
                        disclosure).build(survey, filters, territory.provinces(plan.region)));
            });
        });
    }

    private Uni<Map<String, long[]>> count(UUID surveyId, Filters filters, List<Filters> slices) {
        StringBuilder sql = new StringBuilder("SELECT t");
        for (Filters slice : slices) {
            sql.append(", count(*) FILTER (WHERE ").append(slice.condition()).append(')');
        }
        sql.append(" FROM response r CROSS JOIN LATERAL unnest(r.tallies) t WHERE r.survey_id = :survey");
        if (slices.size() > 1) {
            sql.append(" AND (").append(String.join(" OR ", slices.subList(1, slices.size()).stream()
                    .map(Filters::condition).toList())).append(')');
        }
        sql.append(" GROUP BY t");
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql.toString(), Object[].class).setParameter("survey", surveyId);
            filters.columns().forEach(query::setParameter);
            return query.getResultList();
        }).map(rows -> {
            Map<String, long[]> tallies = new HashMap<>();
            for (Object[] row : rows) {
                long[] counts = new long[slices.size()];
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = ((Number) row[i + 1]).longValue();
                }
                tallies.put((String) row[0], counts);
            }
            return tallies;
        });
    }

    private void validate(Filters filters, String region) {
        List<Violation> violations = new ArrayList<>();
        if (filters.province() != null
                && territory.provinces(region).stream().noneMatch(p -> p.code().equals(filters.province()))) {
            violations.add(new Violation("province", "sigla di provincia non presente nella regione del piano"));
        }
        if (filters.district() != null
                && territory.district(filters.district()).filter(d -> d.region().equals(region)).isEmpty()) {
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
