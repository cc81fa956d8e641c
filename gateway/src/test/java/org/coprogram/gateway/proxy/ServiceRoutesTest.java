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
    void followsNotificationsPreferencesAndUnsubscribeGoToNotificationService() {
        assertThat(ServiceRoutes.owner("/api/me/follows")).isEqualTo(Service.NOTIFICATION);
        assertThat(ServiceRoutes.owner("/api/me/follows/plan/p1")).isEqualTo(Service.NOTIFICATION);
        assertThat(ServiceRoutes.owner("/api/me/notifications")).isEqualTo(Service.NOTIFICATION);
        assertThat(ServiceRoutes.owner("/api/me/notifications/n1/read")).isEqualTo(Service.NOTIFICATION);
        assertThat(ServiceRoutes.owner("/api/me/notification-preferences")).isEqualTo(Service.NOTIFICATION);
        assertThat(ServiceRoutes.owner("/api/notifications/unsubscribe")).isEqualTo(Service.NOTIFICATION);
        // The unsubscribe link is the only write an anonymous caller may send (its token is the credential).
        assertThat(ServiceRoutes.acceptsAnonymousWrite("/api/notifications/unsubscribe")).isTrue();
        assertThat(ServiceRoutes.acceptsAnonymousWrite("/api/me/notification-preferences")).isFalse();
        assertThat(ServiceRoutes.acceptsAnonymousWrite("/api/notifications/unsubscribe/x")).isFalse();
        assertThat(ServiceRoutes.acceptsAnonymousWrite("/api/plans")).isFalse();
        // The rest of a person's area is not this service's.
        assertThat(ServiceRoutes.owner("/api/me/participation")).isNotEqualTo(Service.NOTIFICATION);
    }

    @Test
    void commentsOnEveryTargetGoToProposalServiceAndTheTargetsStayWithTheirOwners() {
        for (String path : new String[]{"/api/proposals/p1/comments", "/api/meetings/m1/comments",
                "/api/social-reports/r1/comments", "/api/measures/x1/comments", "/api/comments/c1",
                "/api/comments/c1/flags", "/api/comments/c1/moderation", "/api/comments/counts",
                "/api/plans/p1/comment-moderation-queue"}) {
            assertThat(ServiceRoutes.owner(path)).as(path).isEqualTo(Service.PROPOSAL);
        }
        assertThat(ServiceRoutes.owner("/api/meetings/m1")).isEqualTo(Service.MEETING);
        assertThat(ServiceRoutes.owner("/api/measures/x1")).isEqualTo(Service.SYNTHESIS);
        assertThat(ServiceRoutes.owner("/api/measures/x1/contributions")).isEqualTo(Service.SYNTHESIS);
        assertThat(ServiceRoutes.owner("/api/social-reports/r1")).isEqualTo(Service.SYNTHESIS);
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
        assertThat(ServiceRoutes.owner("/api/surveys/s1/started")).isEqualTo(Service.SURVEY);
    }

    @Test
    void eachPartOfMyParticipationGoesToTheServiceThatHoldsIt() {
        assertThat(ServiceRoutes.owner("/api/me/proposals")).isEqualTo(Service.PROPOSAL);
        assertThat(ServiceRoutes.owner("/api/me/supports")).isEqualTo(Service.PROPOSAL);
        assertThat(ServiceRoutes.owner("/api/me/comments")).isEqualTo(Service.PROPOSAL);
        assertThat(ServiceRoutes.owner("/api/me/registrations")).isEqualTo(Service.MEETING);
        assertThat(ServiceRoutes.owner("/api/me/survey-receipts")).isEqualTo(Service.SURVEY);
    }

    @Test
    void theErasureRequestGoesToProposalServiceWhichOwnsIt() {
        assertThat(ServiceRoutes.owner("/api/me/erasure")).isEqualTo(Service.PROPOSAL);
        assertThat(ServiceRoutes.acceptsAnonymousWrite("/api/me/erasure")).isFalse();
    }

    @Test
    void eachPartOfTheDataExportGoesToTheServiceThatHoldsIt() {
        assertThat(ServiceRoutes.owner("/api/me/export/proposals")).isEqualTo(Service.PROPOSAL);
        assertThat(ServiceRoutes.owner("/api/me/export/surveys")).isEqualTo(Service.SURVEY);
        assertThat(ServiceRoutes.owner("/api/me/export/meetings")).isEqualTo(Service.MEETING);
        assertThat(ServiceRoutes.owner("/api/me/export/notifications")).isEqualTo(Service.NOTIFICATION);
    }

    @Test
    void aProposalsFateAndTheMeasuresAndTheirLinksGoToSynthesisService() {
        assertThat(ServiceRoutes.owner("/api/proposals/7f0c/fate")).isEqualTo(Service.SYNTHESIS);
        assertThat(ServiceRoutes.owner("/api/measures/7f0c")).isEqualTo(Service.SYNTHESIS);
        assertThat(ServiceRoutes.owner("/api/measures/7f0c/links")).isEqualTo(Service.SYNTHESIS);
        assertThat(ServiceRoutes.owner("/api/measures/7f0c/links/bulk")).isEqualTo(Service.SYNTHESIS);
        assertThat(ServiceRoutes.owner("/api/measure-links/7f0c")).isEqualTo(Service.SYNTHESIS);
        assertThat(ServiceRoutes.owner("/api/plans/p1/links.csv")).isEqualTo(Service.SYNTHESIS);
        // Everything else of a proposal stays proposal-service's.
        assertThat(ServiceRoutes.owner("/api/proposals/7f0c")).isEqualTo(Service.PROPOSAL);
        assertThat(ServiceRoutes.owner("/api/proposals/7f0c/fate/x")).isEqualTo(Service.PROPOSAL);
        assertThat(ServiceRoutes.owner("/api/proposals/7f0c/supports")).isEqualTo(Service.PROPOSAL);
    }
}
