package org.coprogram.synthesis.traceability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.coprogram.synthesis.traceability.LinkRepository.UptakeCell;
import org.coprogram.synthesis.traceability.UptakeEquity.Place;
import org.coprogram.synthesis.traceability.UptakeEquity.Uptake;
import org.coprogram.synthesis.traceability.UptakeEquity.UptakeGroup;
import org.junit.jupiter.api.Test;

/**
 * Uptake shares on a fixed corpus, against values computed by hand (docs/plan-document.md, "Uptake equity").
 *
 * <pre>
 * province district category      contributions answered linked heard
 * BA       BA-1     CITIZEN        12            6        4      8
 * LE       LE-1     CITIZEN        10            0        1      1
 * LE       LE-1     THIRD_SECTOR    2            1        1      2
 * LE       LE-2     CITIZEN         6            0        0      0
 * -        -        -               4            0        0      0
 * all                              34            7        6     11   share 11/34 = 0.3235, flag below 0.1618
 * </pre>
 */
class UptakeEquityTest {

    static final List<UptakeCell> CORPUS = List.of(new UptakeCell("BA", "BA-1", "CITIZEN", 12, 6, 4, 8),
            new UptakeCell("LE", "LE-1", "CITIZEN", 10, 0, 1, 1),
            new UptakeCell("LE", "LE-1", "THIRD_SECTOR", 2, 1, 1, 2),
            new UptakeCell("LE", "LE-2", "CITIZEN", 6, 0, 0, 0), new UptakeCell(null, null, null, 4, 0, 0, 0));

    static Uptake uptake() {
        Map<String, Place> provinces = new LinkedHashMap<>();
        provinces.put("BA", new Place("Bari", 10_000));
        provinces.put("LE", new Place("Lecce", 40_000));
        Map<String, Place> districts = new LinkedHashMap<>();
        districts.put("BA-1", new Place("Bari uno", 10_000));
        districts.put("LE-1", new Place("Lecce uno", 30_000));
        districts.put("LE-2", new Place("Lecce due", 10_000));
        districts.put("TA-9", new Place("Taranto nove", 5_000));
        Map<String, Long> participants = Map.of("province:BA", 30L, "province:LE", 20L, "district:BA-1", 30L,
                "district:LE-1", 12L, "district:LE-2", 8L);
        return UptakeEquity.of(CORPUS, provinces, districts, participants, code -> "categoria " + code);
    }

    @Test
    void theOverallShareIsTheHeardContributionsOverAllContributions() {
        Uptake uptake = uptake();
        assertThat(uptake.contributions()).isEqualTo(34);
        assertThat(uptake.answered()).isEqualTo(7);
        assertThat(uptake.linked()).isEqualTo(6);
        assertThat(uptake.heard()).isEqualTo(11);
        assertThat(uptake.share()).isEqualTo(0.3235);
    }

    @Test
    void provincesHaveTheirSharesAndParticipationPerThousandInhabitants() {
        Map<String, UptakeGroup> provinces = byCode(uptake().provinces());
        assertThat(provinces.get("BA")).isEqualTo(new UptakeGroup("BA", "Bari", 12, 6, 4, 8, 0.6667, 10_000L, 30L,
                3.0, false));
        // 3 of 18 = 0.1667: just above half the overall share (0.1618), so not flagged.
        assertThat(provinces.get("LE")).isEqualTo(new UptakeGroup("LE", "Lecce", 18, 1, 2, 3, 0.1667, 40_000L, 20L,
                0.5, false));
        assertThat(provinces.get("")).isEqualTo(new UptakeGroup("", "Non indicato", 4, 0, 0, 0, 0.0, null, null,
                null, false));
    }

    @Test
    void aDistrictWithEnoughContributionsAndLessThanHalfTheOverallShareIsFlaggedFirst() {
        List<UptakeGroup> districts = uptake().districts();
        assertThat(districts).extracting(UptakeGroup::code).containsExactly("LE-2", "", "TA-9", "LE-1", "BA-1");
        assertThat(districts.get(0)).isEqualTo(new UptakeGroup("LE-2", "Lecce due", 6, 0, 0, 0, 0.0, 10_000L, 8L,
                0.8, true));
        Map<String, UptakeGroup> byCode = byCode(districts);
        assertThat(byCode.get("LE-1").share()).isEqualTo(0.25);
        assertThat(byCode.get("LE-1").participantsPer1000()).isEqualTo(0.4);
        assertThat(byCode.get("BA-1").share()).isEqualTo(0.6667);
        assertThat(byCode.get("TA-9")).as("a district where nobody spoke is listed, never flagged")
                .isEqualTo(new UptakeGroup("TA-9", "Taranto nove", 0, 0, 0, 0, 0.0, 5_000L, 0L, 0.0, false));
        assertThat(byCode.get("").heardLess()).as("4 contributions are too few to flag").isFalse();
    }

    @Test
    void categoriesHaveSharesButNoPopulation() {
        Map<String, UptakeGroup> categories = byCode(uptake().categories());
        assertThat(categories.get("CITIZEN")).isEqualTo(new UptakeGroup("CITIZEN", "categoria CITIZEN", 28, 6, 5, 9,
                0.3214, null, null, null, false));
        assertThat(categories.get("THIRD_SECTOR").share()).isEqualTo(1.0);
        assertThat(categories.get("").name()).isEqualTo("Non indicata");
    }

    @Test
    void aPlanWhereNothingWasHeardYetFlagsNobody() {
        Uptake uptake = UptakeEquity.of(List.of(new UptakeCell("BA", "BA-1", "CITIZEN", 50, 0, 0, 0)), Map.of(),
                Map.of(), Map.of(), code -> code);
        assertThat(uptake.share()).isZero();
        assertThat(uptake.districts()).noneMatch(UptakeGroup::heardLess);
    }

    private static Map<String, UptakeGroup> byCode(List<UptakeGroup> groups) {
        Map<String, UptakeGroup> found = new LinkedHashMap<>();
        groups.forEach(g -> found.put(g.code(), g));
        return found;
    }
}
