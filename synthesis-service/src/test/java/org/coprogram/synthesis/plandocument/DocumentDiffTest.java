package org.coprogram.synthesis.plandocument;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.coprogram.synthesis.plandocument.DocumentDiff.Change;
import org.coprogram.synthesis.plandocument.PlanDocument.Measure;
import org.coprogram.synthesis.plandocument.PlanDocument.Resource;
import org.coprogram.synthesis.plandocument.PlanDocument.Section;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class DocumentDiffTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void onlyWhatChangedIsListedPerSectionAndPerMeasureFieldWithAmountsAsWritten() throws Exception {
        Measure kept = ResourceTotalsTest.measure("M1", new Resource("FNPS", 2026, new BigDecimal("10.00")));
        Measure moved = ResourceTotalsTest.measure("M2", new Resource("FNA", 2027, new BigDecimal("50000.20")));
        Measure dropped = ResourceTotalsTest.measure("M3");
        PlanDocument before = new PlanDocument(
                List.of(new Section("CONTEXT", "Contesto"), new Section("NEEDS", "Bisogni")),
                List.of(kept, moved, dropped));
        Measure changed = new Measure("M2", "Intervento M2 rivisto", null, "poverta", List.of(), "HIGH",
                moved.scope(), List.of(new Resource("FNA", 2027, new BigDecimal("65000.00"))), null, List.of());
        Measure added = ResourceTotalsTest.measure("M4");
        PlanDocument after = new PlanDocument(
                List.of(new Section("CONTEXT", "Contesto"), new Section("PRIORITIES", "Priorità")),
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
        assertThat(diff.measures().get(1).change()).isEqualTo(Change.ADDED);
    }
}
