package org.coprogram.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The enums are the glossary of docs/DESIGN.md, in its order; their names are the wire and database values. */
class VocabularyTest {

    private static final String DESIGN = Repository.read("docs/DESIGN.md");

    @Test
    void phasesAreTheGlossarysInTheirOnlyOrder() {
        assertThat(Phase.values()).extracting(Enum::name).containsExactly("DRAFT", "SOCIAL_REPORT", "CONSULTATION",
                "SYNTHESIS", "ADOPTION", "MONITORING", "CLOSED");
        assertThat(glossaryCodes("fase")).containsExactly("SOCIAL_REPORT", "CONSULTATION", "SYNTHESIS", "ADOPTION",
                "MONITORING", "DRAFT", "CLOSED");
    }

    @Test
    void aPhaseMovesOnlyForwardAndMaySkip() {
        assertThat(Phase.DRAFT.canMoveTo(Phase.CONSULTATION)).isTrue();
        assertThat(Phase.CONSULTATION.canMoveTo(Phase.SYNTHESIS)).isTrue();
        assertThat(Phase.CONSULTATION.canMoveTo(Phase.CONSULTATION)).isFalse();
        assertThat(Phase.SYNTHESIS.canMoveTo(Phase.CONSULTATION)).isFalse();
        assertThat(Phase.CLOSED.canMoveTo(Phase.DRAFT)).isFalse();
        assertThat(Phase.SOCIAL_REPORT.isBefore(Phase.CONSULTATION)).isTrue();
        assertThat(Phase.CONSULTATION.isBefore(Phase.SOCIAL_REPORT)).isFalse();
    }

    @Test
    void unknownNamesParseToNothing() {
        assertThat(Phase.parse("CONSULTATION")).contains(Phase.CONSULTATION);
        assertThat(Phase.parse("consultation")).isEmpty();
        assertThat(Phase.parse(null)).isEmpty();
        assertThat(StakeholderCategory.parse("THIRD_SECTOR")).contains(StakeholderCategory.THIRD_SECTOR);
        assertThat(StakeholderCategory.parse("ADMIN")).isEmpty();
        assertThat(StakeholderCategory.parse(null)).isEmpty();
    }

    @Test
    void stakeholderCategoriesAreTheGlossarys() {
        assertThat(StakeholderCategory.values()).extracting(Enum::name)
                .containsExactlyElementsOf(glossaryCodes("categoria di portatore di interesse"));
    }

    @Test
    void regionsAreKnownByCodeAndShownByName() {
        assertThat(Regions.ALL).doesNotHaveDuplicates().allMatch(Regions::isKnown);
        assertThat(Regions.ALL).allMatch(region -> region.matches(Regions.PATTERN));
        assertThat("molise").doesNotMatch(Regions.PATTERN);
        assertThat(Regions.displayName(Regions.PUGLIA)).isEqualTo("Puglia");
        assertThat(Regions.displayName(Regions.ABRUZZO)).isEqualTo("Abruzzo");
        assertThat(Regions.ALL).allMatch(region -> DESIGN.contains('"' + region + '"'));
    }

    /** The backquoted codes of the glossary row whose Italian term starts with {@code term}. */
    private static List<String> glossaryCodes(String term) {
        String row = Arrays.stream(DESIGN.split("\n")).filter(line -> line.startsWith("| " + term + " |"))
                .findFirst().orElseThrow(() -> new AssertionError("no glossary row for " + term));
        String meaning = row.split("\\|")[3];
        Matcher code = Pattern.compile("`([A-Z_]+)`").matcher(meaning);
        List<String> codes = new java.util.ArrayList<>();
        while (code.find()) {
            codes.add(code.group(1));
        }
        return codes;
    }
}
