package org.coprogram.synthesis.plandocument;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.coprogram.synthesis.plandocument.DocumentDiff.DiffChange;
import org.coprogram.synthesis.plandocument.PlanDocument.DocumentSection;
import org.coprogram.synthesis.plandocument.PlanDocument.MeasureResource;
import org.coprogram.synthesis.plandocument.PlanDocument.PlanMeasure;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class DocumentDiffTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void onlyWhatChangedIsListedPerSectionAndPerMeasureFieldWithAmountsAsWritten() throws Exception {
        PlanMeasure kept = ResourceTotalsTest.measure("M1", new MeasureResource("FNPS", 2026, new BigDecimal("10.00")));
        PlanMeasure moved = ResourceTotalsTest.measure("M2",
                new MeasureResource("FNA", 2027, new BigDecimal("50000.20")));
        PlanMeasure dropped = ResourceTotalsTest.measure("M3");
        PlanDocument before = new PlanDocument(
                List.of(new DocumentSection("CONTEXT", "Contesto"), new DocumentSection("NEEDS", "Bisogni")),
                List.of(kept, moved, dropped));
        PlanMeasure changed = new PlanMeasure("M2", "Intervento M2 rivisto", null, "poverta", List.of(), "HIGH",
                moved.scope(), List.of(new MeasureResource("FNA", 2027, new BigDecimal("65000.00"))), null, List.of());
        PlanMeasure added = ResourceTotalsTest.measure("M4");
        PlanDocument after = new PlanDocument(
                List.of(new DocumentSection("CONTEXT", "Contesto"), new DocumentSection("PRIORITIES", "Priorità")),
                List.of(kept, changed, added));

        DocumentDiff diff = DocumentDiff.between(1, before, 2, after, JSON);

        assertThat(diff.sections()).extracting(s -> s.key() + ":" + s.change()).containsExactly("NEEDS:REMOVED",
                "PRIORITIES:ADDED");
        assertThat(diff.measures()).extracting(m -> m.code() + ":" + m.change()).containsExactly("M2:CHANGED",
                "M4:ADDED", "M3:REMOVED");
        assertThat(diff.measures().get(0).fields()).extracting(DocumentDiff.FieldChange::field)
                .containsExactly("title", "resources");
        assertThat(JSON.writeValueAsString(diff.measures().get(0).fields().get(1).after()))
                .contains("\"amount\":65000.00");
        assertThat(diff.measures().get(1).change()).isEqualTo(DiffChange.ADDED);
    }
}
