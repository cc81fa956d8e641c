package org.coprogram.synthesis.plandocument;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.coprogram.synthesis.plandocument.PlanDocument.MeasureResource;
import org.coprogram.synthesis.plandocument.PlanDocument.MeasureScope;
import org.coprogram.synthesis.plandocument.PlanDocument.PlanMeasure;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class ResourceTotalsTest {

    static PlanMeasure measure(String code, MeasureResource... resources) {
        return new PlanMeasure(code, "Intervento " + code, null, "poverta", List.of(), "HIGH",
                new MeasureScope("REGION", List.of()), List.of(resources), null, List.of());
    }

    @Test
    void tenThousandTenCentAmountsSumToExactlyOneThousandEuroWhereDoublesWouldDrift() {
        List<PlanMeasure> measures = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            measures.add(measure("M" + i, new MeasureResource("FNPS", 2026 + i % 3, new BigDecimal("0.10"))));
        }
        ResourceTotals totals = ResourceTotals.of(new PlanDocument(List.of(), measures), List.of("FNPS"));

        assertThat(totals.total()).isEqualByComparingTo("1000.00");
        assertThat(totals.byYear()).extracting(c -> c.amount().toPlainString()).containsExactly("333.40", "333.30",
                "333.30");
        double drifting = 0;
        for (int i = 0; i < 10_000; i++) {
            drifting += 0.10;
        }
        assertThat(drifting).isNotEqualTo(1000.0);
    }

    @Test
    void sourcesFollowTheConfiguredOrderAndUnknownOnesComeLast() {
        PlanDocument document = new PlanDocument(List.of(), List.of(
                measure("A", new MeasureResource("PNRR", 2027, new BigDecimal("5.00")),
                        new MeasureResource("FNA", 2026, new BigDecimal("1.25"))),
                measure("B", new MeasureResource("FNA", 2026, new BigDecimal("2.50")),
                        new MeasureResource("FNPS", 2028, new BigDecimal("0.01")))));

        ResourceTotals totals = ResourceTotals.of(document, List.of("FNPS", "FNA"));

        assertThat(totals.bySource()).extracting(ResourceTotals.ResourceSum::source).containsExactly("FNPS", "FNA",
                "PNRR");
        assertThat(totals.bySourceAndYear()).extracting(c -> c.source() + "/" + c.year() + "=" + c.amount())
                .containsExactly("FNPS/2028=0.01", "FNA/2026=3.75", "PNRR/2027=5.00");
        assertThat(totals.total()).isEqualByComparingTo("8.76");
        assertThat(ResourceTotals.of(document.measures().get(0))).isEqualByComparingTo("6.25");
    }

    @Test
    void aDocumentReadsBackEqualWithItsAmountsWrittenAsTheDecimalsTheyAre() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String body = """
                {"sections":[],"measures":[{"code":"M1","title":"Titolo","theme":"poverta","priority":"HIGH",
                 "scope":{"level":"REGION","codes":[]},
                 "resources":[{"source":"FNPS","year":2026,"amount":100000.10},{"source":"FNA","year":2026,"amount":0.30}]}]}""";

        PlanDocument read = json.readValue(body, PlanDocument.class);
        String written = json.writeValueAsString(read);

        assertThat(read.measures().get(0).resources().get(0).amount()).isEqualTo(new BigDecimal("100000.10"));
        assertThat(written).contains("\"amount\":100000.10", "\"amount\":0.30");
        assertThat(json.readValue(written, PlanDocument.class)).isEqualTo(read);
    }
}
