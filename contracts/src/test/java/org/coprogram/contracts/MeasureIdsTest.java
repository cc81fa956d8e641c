package org.coprogram.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class MeasureIdsTest {

    private static final UUID PLAN = UUID.fromString("6f1c2a36-1f44-4a55-9d0e-3c1f0f6b9a01");

    @Test
    void sameCodeOfTheSamePlanGivesTheSameIdEveryTime() {
        assertThat(MeasureIds.of(PLAN, "M1")).isEqualTo(MeasureIds.of(PLAN, "M1"));
    }

    @Test
    void anotherCodeOrAnotherPlanGivesAnotherId() {
        assertThat(MeasureIds.of(PLAN, "M1")).isNotEqualTo(MeasureIds.of(PLAN, "M2"))
                .isNotEqualTo(MeasureIds.of(UUID.randomUUID(), "M1"));
    }
}
