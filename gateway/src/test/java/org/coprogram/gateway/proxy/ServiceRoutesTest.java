package org.coprogram.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.coprogram.gateway.proxy.ServiceRoutes.Service;
import org.junit.jupiter.api.Test;

class ServiceRoutesTest {

    @Test
    void decidimImportsAndExportsAreRoutedToProposalService() {
        assertThat(ServiceRoutes.owner("/api/plans/p1/imports/decidim")).isEqualTo(Service.PROPOSAL);
        assertThat(ServiceRoutes.owner("/api/imports/i1")).isEqualTo(Service.PROPOSAL);
        assertThat(ServiceRoutes.owner("/api/plans/p1/exports/decidim")).isEqualTo(Service.PROPOSAL);
        assertThat(ServiceRoutes.owner("/api/plans/p1/exports")).isEqualTo(Service.SYNTHESIS);
        assertThat(ServiceRoutes.isUpload("/api/plans/p1/imports/decidim")).isTrue();
        assertThat(ServiceRoutes.isUpload("/api/plans/p1/proposals")).isFalse();
    }

    @Test
    void theOrganisationRegistryIsRoutedToProposalService() {
        assertThat(ServiceRoutes.owner("/api/regions/puglia/organizations")).isEqualTo(Service.PROPOSAL);
        assertThat(ServiceRoutes.owner("/api/organizations/7f0c/representatives/ets")).isEqualTo(Service.PROPOSAL);
        assertThat(ServiceRoutes.owner("/api/organizations/7f0c/verification")).isEqualTo(Service.PROPOSAL);
        // Territories stay synthesis-service's.
        assertThat(ServiceRoutes.owner("/api/territories/puglia/versions")).isEqualTo(Service.SYNTHESIS);
        assertThat(ServiceRoutes.owner("/api/regions/puglia/territories")).isEqualTo(Service.SYNTHESIS);
    }

    @Test
    void theOpenDataCatalogueAndThePlanDocumentGoToSynthesisService() {
        assertThat(ServiceRoutes.owner("/api/open-data/catalog/puglia")).isEqualTo(Service.SYNTHESIS);
        assertThat(ServiceRoutes.owner("/api/plans/p1/document")).isEqualTo(Service.SYNTHESIS);
        assertThat(ServiceRoutes.owner("/api/plans/p1/document/versions/2")).isEqualTo(Service.SYNTHESIS);
        assertThat(ServiceRoutes.owner("/api/plans/p1/synthesis/report")).isEqualTo(Service.SYNTHESIS);
    }

    @Test
    void theOpenDataFilesOfSurveysStayWithSurveyService() {
        assertThat(ServiceRoutes.owner("/api/surveys/s1/results.csv")).isEqualTo(Service.SURVEY);
    }
}
