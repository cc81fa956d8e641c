package org.coprogram.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class HeavyRequestsTest {

    @Test
    void reportsClustersAdoptedPlanDocumentsCsvAndDecidimExportsAreHeavy() {
        for (String path : List.of("/api/plans/p1/synthesis/report", "/api/plans/p1/synthesis/clusters",
                "/api/plans/p1/document", "/api/surveys/s1/results.csv", "/api/surveys/s1/responses.csv",
                "/api/plans/p1/exports/decidim", "/api/me/export", "/api/me/export/proposals")) {
            assertThat(HeavyRequests.isHeavy(path)).as(path).isTrue();
        }
    }

    @Test
    void ordinaryReadsAreNot() {
        for (String path : List.of("/api/plans/p1/synthesis", "/api/plans/p1", "/api/surveys/s1/results",
                "/api/surveys/s1", "/api/plans/p1/synthesis/rebuild", "/api/plans/p1/proposals",
                "/api/plans/p1/synthesis/reports", "/api/surveys/s1/results.csv/x",
                "/api/open-data/catalog/puglia", "/api/plans/p1/documents")) {
            assertThat(HeavyRequests.isHeavy(path)).as(path).isFalse();
        }
    }

    @Test
    void anErasureRequestIsHeavyButReadingItsStatusIsNot() {
        for (String path : List.of("/api/me/erasure", "/api/me/erasure/", "/api//me/%65rasure",
                "/api/me/erasure;x=1", "/api/me/export/../erasure")) {
            assertThat(HeavyRequests.isHeavy("POST", path)).as("POST " + path).isTrue();
            assertThat(HeavyRequests.isHeavy("GET", path)).as("GET " + path).isFalse();
        }
        assertThat(HeavyRequests.isHeavy("POST", "/api/me/erasures")).isFalse();
        assertThat(HeavyRequests.isHeavy("POST", "/api/proposals/p1/supports")).isFalse();
        assertThat(HeavyRequests.isHeavy("GET", "/api/me/export")).isTrue();
    }

    @Test
    void spellingsThatTheServicesResolveToTheSameEndpointAreHeavyToo() {
        for (String path : List.of("/api/plans/p1/synthesis/report/", "/api//plans/p1/synthesis//report",
                "/api/plans/p1/synthesis/%72eport", "/api/plans/p1/synthesis/report;format=pdf",
                "/api/plans/p1/synthesis;x=1/clusters", "/api/plans/p1/./synthesis/clusters",
                "/api/plans/p1/proposals/../synthesis/report", "/api/surveys/s1/results%2Ecsv",
                "/api/plans/%E2%82%AC/synthesis/report")) {
            assertThat(HeavyRequests.isHeavy(path)).as(path).isTrue();
        }
    }
}
