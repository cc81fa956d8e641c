package org.coprogram.common.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.coprogram.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void defaultsToTheFirstPageOfTwenty() {
        assertThat(PageRequest.of(null, null)).isEqualTo(new PageRequest(0, PageRequest.DEFAULT_SIZE));
    }

    @Test
    void aPageAsDeepAsTheBoundIsAccepted() {
        assertThat(PageRequest.of(10_000, 100)).isEqualTo(new PageRequest(10_000, 100));
    }

    @Test
    void aPageWhoseOffsetWouldOverflowIsRefusedAsABadRequestNamingPage() {
        assertThatThrownBy(() -> PageRequest.of(Integer.MAX_VALUE, 100)).isInstanceOfSatisfying(ProblemException.class,
                problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.violations()).extracting("field").containsExactly("page");
                });
        assertThatThrownBy(() -> PageRequest.of(10_001, 100)).isInstanceOf(ProblemException.class);
    }

    @Test
    void negativePagesAndSizesOutsideOneToAHundredAreRefused() {
        assertThatThrownBy(() -> PageRequest.of(-1, 20)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> PageRequest.of(0, 0)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> PageRequest.of(0, 101)).isInstanceOf(ProblemException.class);
    }
}
