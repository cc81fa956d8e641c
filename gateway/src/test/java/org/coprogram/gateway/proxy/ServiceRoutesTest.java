package org.coprogram.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceRoutesTest {

    @Test
    void theOpenDataCatalogueAndTheAdoptedPlanDocumentGoToSynthesisService() {
        assertThat(ServiceRoutes.owner("/api/open-data/catalog/puglia")).isEqualTo(ServiceRoutes.Service.SYNTHESIS);
        assertThat(ServiceRoutes.owner("/api/plans/p1/document")).isEqualTo(ServiceRoutes.Service.SYNTHESIS);
        assertThat(ServiceRoutes.owner("/api/plans/p1/synthesis/report")).isEqualTo(ServiceRoutes.Service.SYNTHESIS);
    }

    @Test
    void theOpenDataFilesOfSurveysStayWithSurveyService() {
        assertThat(ServiceRoutes.owner("/api/surveys/s1/results.csv")).isEqualTo(ServiceRoutes.Service.SURVEY);
    }
}
