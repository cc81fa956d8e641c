package org.coprogram.telemetry.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class WarmUpRequestTest {

    @Test
    void aRequestIsAMethodAndAPathWithItsQuery() {
        assertThat(WarmUpRequest.parse("  get /api/plans/x/proposals?theme=anziani&page=1 "))
                .isEqualTo(new WarmUpRequest("GET", "/api/plans/x/proposals?theme=anziani&page=1"));
    }

    @Test
    void onlyWritesCarryABody() {
        assertThat(WarmUpRequest.parse("POST /api/proposals/x/supports").hasBody()).isTrue();
        assertThat(WarmUpRequest.parse("GET /api/proposals/x").hasBody()).isFalse();
    }

    @Test
    void aMalformedEntryIsRefusedAtStartNotIgnored() {
        assertThatThrownBy(() -> WarmUpRequest.parse("/api/plans")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WarmUpRequest.parse("GET api/plans")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WarmUpRequest.parse("DELETE /api/plans/x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePlanInterleavesTheRequestsRoundAfterRound() {
        assertThat(WarmUpRequest.plan(List.of("GET /a", "", "POST /b"), 3)).extracting(WarmUpRequest::path)
                .containsExactly("/a", "/b", "/a", "/b", "/a", "/b");
    }

    @Test
    void noRequestsMeanAnEmptyPlan() {
        assertThat(WarmUpRequest.plan(List.of(), 200)).isEmpty();
        assertThat(WarmUpRequest.plan(List.of("GET /a"), 0)).isEmpty();
    }
}
