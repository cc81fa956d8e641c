package org.coprogram.survey.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.planview.PlanTerritories;
import org.coprogram.common.territory.District;
import org.coprogram.common.territory.Municipality;
import org.coprogram.common.territory.Province;
import org.coprogram.common.territory.TerritoryCatalog;
import org.coprogram.contracts.StakeholderCategory;
import org.coprogram.survey.survey.Question;
import org.coprogram.survey.survey.QuestionType;
import org.coprogram.survey.survey.Survey;
import org.coprogram.survey.survey.SurveyConfig;
import org.coprogram.survey.survey.SurveyStatus;

import io.quarkus.cache.CacheKey;
import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;

/**
 * A survey's results on the whole lattice, from its current snapshot: what {@link Publication} shows, computed once
 * and served again for at most {@code survey.results-max-age}. A new snapshot is taken when at least k more people
 * answered, or once the survey closed.
 */
@ApplicationScoped
public class PublishedResults {

    /** The lattice of one snapshot with the decision of what it shows; cut into a slice per request. */
    record LatticeResults(Lattice lattice, ResultUnits units, Publication publication,
            Map<String, String> provinceOfDistrict, List<Province> provinces, ResultsRepository.Snapshot snapshot,
            Disclosure disclosure) {

        ResultsView slice(Survey survey, Filters filters) {
            String node = filters.node(provinceOfDistrict);
            return new ResultsBuilder(lattice, units, publication, disclosure).build(survey, filters, node, provinces,
                    snapshot.takenAt());
        }
    }

    private final PlanTerritories territories;
    private final ResultsRepository repository;
    private final Disclosure disclosure;

    public PublishedResults(PlanTerritories territories, ResultsRepository repository, SurveyConfig config) {
        this.territories = territories;
        this.repository = repository;
        this.disclosure = new Disclosure(config.disclosureThreshold());
    }

    @CacheResult(cacheName = "survey-results")
    Uni<LatticeResults> of(@CacheKey UUID surveyId, Survey survey, String region) {
        // The districts of the version the survey was published with: its respondents were placed by them.
        TerritoryCatalog territory = territories.of(survey.id, region, survey.territoryVersion, survey.districts);
        return current(survey).map(snapshot -> {
            Map<String, List<String>> provinceDistricts = provinceDistricts(territory, region);
            Map<String, String> provinceOfDistrict = new LinkedHashMap<>();
            provinceDistricts.forEach((province, districts) -> districts.forEach(d -> provinceOfDistrict.put(d,
                    province)));
            List<Province> provinces = territory.provinces(region);
            Lattice lattice = new Lattice(provinceDistricts,
                    Arrays.stream(StakeholderCategory.values()).map(Enum::name).toList(), snapshot.rows());
            ResultUnits units = new ResultUnits(survey.questions, provinces, lattice, disclosure);
            return new LatticeResults(lattice, units, Publication.decide(lattice, units.all(), disclosure),
                    provinceOfDistrict, provinces, snapshot, disclosure);
        });
    }

    private Uni<ResultsRepository.Snapshot> current(Survey survey) {
        boolean closed = survey.status == SurveyStatus.CLOSED;
        return repository.snapshot(survey.id).flatMap(saved -> repository.respondents(survey.id).flatMap(now -> {
            boolean stale = saved.isEmpty() || now >= saved.get().respondents() + disclosure.threshold()
                    || closed && now != saved.get().respondents();
            List<String> multipleChoice = survey.questions.stream()
                    .filter(q -> q.type() == QuestionType.MULTIPLE_CHOICE).map(Question::id).toList();
            return stale
                    ? repository.take(survey.id, multipleChoice, disclosure.threshold(), closed)
                    : Uni.createFrom().item(saved.get());
        }));
    }

    /**
     * Each province of the region with the districts that lie wholly inside it. A district spread over two provinces
     * would not nest in either, so it is not a published slice.
     */
    private static Map<String, List<String>> provinceDistricts(TerritoryCatalog territory, String region) {
        Map<String, List<String>> nested = new LinkedHashMap<>();
        territory.provinces(region).forEach(p -> nested.put(p.code(), new ArrayList<>()));
        for (District district : territory.districts(region)) {
            Set<String> provinces = district.municipalities().stream().map(territory::municipality)
                    .flatMap(Optional::stream).map(Municipality::provinceCode).collect(Collectors.toSet());
            if (provinces.size() == 1 && nested.containsKey(provinces.iterator().next())) {
                nested.get(provinces.iterator().next()).add(district.code());
            }
        }
        return nested;
    }
}
