package org.coprogram.survey.survey;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * One question as DESIGN.md shapes it. {@code min}/{@code max} are the scale's ends, a number's bounds or a text's
 * length limits; {@code showIf} shows the question only when an earlier choice question has the given option.
 */
public record Question(String id, QuestionType type, String label, Boolean required, List<Option> options,
        BigDecimal min, BigDecimal max, Integer maxSelections, ShowIf showIf) {

    public static final int SHORT_TEXT_LIMIT = 200;
    public static final int LONG_TEXT_LIMIT = 4000;

    public record Option(String id, String label) {
    }

    public record ShowIf(String question, String equals) {
    }

    public boolean isRequired() {
        return Boolean.TRUE.equals(required);
    }

    public List<Option> optionList() {
        return options == null ? List.of() : options;
    }

    public Optional<Option> option(String optionId) {
        return optionList().stream().filter(o -> o.id().equals(optionId)).findFirst();
    }

    /** Longest accepted text, in characters. */
    public int textLimit() {
        if (max != null) {
            return max.intValue();
        }
        return type == QuestionType.SHORT_TEXT ? SHORT_TEXT_LIMIT : LONG_TEXT_LIMIT;
    }

    public int textMinimum() {
        return min == null ? 0 : min.intValue();
    }
}
