package org.coprogram.synthesis.plandocument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;
import org.coprogram.synthesis.plandocument.DocumentRules.PlanContext;
import org.coprogram.synthesis.plandocument.PlanDocument.DocumentSection;
import org.coprogram.synthesis.plandocument.PlanDocument.MeasureResource;
import org.coprogram.synthesis.plandocument.PlanDocument.MeasureScope;
import org.coprogram.synthesis.plandocument.PlanDocument.PlanMeasure;
import org.junit.jupiter.api.Test;

class DocumentRulesTest {

    static final PlanContext PUGLIA = new PlanContext(Set.of("poverta", "anziani"), Set.of("pippi"), 2026, 2028,
            Set.of("BA", "LE"), Set.of("BA-BARI"), Set.of(), Set.of("FNPS", "FNA"), 3);

    static PlanMeasure measure(String code, MeasureScope scope, MeasureResource... resources) {
        return new PlanMeasure(code, "Un intervento", null, "anziani", List.of("pippi"), "LOW", scope,
                List.of(resources), null, List.of());
    }

    @Test
    void aValidDocumentComesBackInItsNormalForm() {
        PlanDocument document = new PlanDocument(
                List.of(new DocumentSection("NEEDS", "  Bisogni  "), new DocumentSection("CONTEXT", "Contesto")),
                List.of(measure("M1", new MeasureScope("PROVINCES", List.of("LE", "BA")),
                        new MeasureResource("FNPS", 2027, new BigDecimal("5")),
                        new MeasureResource("FNA", 2026, new BigDecimal("1.5")))));

        PlanDocument normal = DocumentRules.check(document, PUGLIA);

        assertThat(normal.sections()).extracting(DocumentSection::key, DocumentSection::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("CONTEXT", "Contesto"),
                org.assertj.core.groups.Tuple.tuple("NEEDS", "Bisogni"));
        assertThat(normal.measures().get(0).scope().codes()).containsExactly("BA", "LE");
        assertThat(normal.measures().get(0).resources()).extracting(r -> r.source() + r.amount().toPlainString())
                .containsExactly("FNA1.50", "FNPS5.00");
        assertThat(DocumentRules.check(normal, PUGLIA)).isEqualTo(normal);
    }

    @Test
    void everyBrokenRuleIsReportedWithItsFieldAndNothingElse() {
        PlanDocument document = new PlanDocument(
                List.of(new DocumentSection("NEEDS", "a"), new DocumentSection("NEEDS", "b")),
                List.of(measure("M1", new MeasureScope("REGION", List.of("BA"))),
                        measure("M2", new MeasureScope("DISTRICTS", List.of("FG-FOGGIA")),
                                new MeasureResource("FNPS", 2026, new BigDecimal("1.00")),
                                new MeasureResource("FNPS", 2026, new BigDecimal("2.001")))));

        ProblemException problem = catchThrowableOfType(ProblemException.class,
                () -> DocumentRules.check(document, PUGLIA));

        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.violations()).extracting(Violation::field).containsExactly("sections[1].key",
                "measures[0].scope.codes", "measures[1].scope.codes[0]", "measures[1].resources[1].amount",
                "measures[1].resources[1]");
    }

    @Test
    void moreMeasuresThanTheLimitAreRefusedAsAWhole() {
        List<PlanMeasure> four = List.of("A", "B", "C", "D").stream()
                .map(code -> measure(code, new MeasureScope("REGION", List.of()))).toList();

        ProblemException problem = catchThrowableOfType(ProblemException.class,
                () -> DocumentRules.check(new PlanDocument(List.of(), four), PUGLIA));

        assertThat(problem.violations()).extracting(Violation::field).containsExactly("measures");
    }
}
