package org.coprogram.survey.survey;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;

/** What makes a questionnaire well formed, checked on every draft save; each fault names its field. */
final class DefinitionRules {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    static final int MAX_OPTIONS = 50;
    static final int MAX_SCALE_POINTS = 11;
    static final int MAX_TEXT = 10000;

    private final List<Violation> violations = new ArrayList<>();
    private final Map<String, Question> earlier = new HashMap<>();

    private DefinitionRules() {
    }

    static void check(List<Question> questions) {
        DefinitionRules rules = new DefinitionRules();
        for (int i = 0; i < questions.size(); i++) {
            rules.question("questions[" + i + "]", questions.get(i));
        }
        if (!rules.violations.isEmpty()) {
            throw ProblemException.badRequest("Il questionario non è ben formato", rules.violations);
        }
    }

    private void question(String path, Question q) {
        if (q == null) {
            return;
        }
        if (q.id() == null || !ID.matcher(q.id()).matches()) {
            fault(path + ".id", "identificativo obbligatorio: da 1 a 40 tra lettere, cifre, '_' e '-'");
        } else if (earlier.containsKey(q.id())) {
            fault(path + ".id", "identificativo già usato da un'altra domanda: " + q.id());
        }
        if (q.label() == null || q.label().isBlank() || q.label().length() > 500) {
            fault(path + ".label", "il testo della domanda è obbligatorio (al massimo 500 caratteri)");
        }
        if (q.type() == null) {
            fault(path + ".type", "tipo obbligatorio");
            return;
        }
        options(path, q);
        bounds(path, q);
        showIf(path, q);
        if (q.id() != null) {
            earlier.putIfAbsent(q.id(), q);
        }
    }

    private void options(String path, Question q) {
        if (!q.type().hasOptions()) {
            if (q.options() != null && !q.options().isEmpty()) {
                fault(path + ".options", "opzioni non previste per il tipo " + q.type());
            }
            if (q.maxSelections() != null) {
                fault(path + ".maxSelections", "previsto solo per MULTIPLE_CHOICE");
            }
            return;
        }
        List<Question.Option> options = q.optionList();
        if (options.size() < 2 || options.size() > MAX_OPTIONS) {
            fault(path + ".options", "da 2 a " + MAX_OPTIONS + " opzioni");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < options.size(); i++) {
            Question.Option option = options.get(i);
            String at = path + ".options[" + i + "]";
            if (option == null || option.id() == null || !ID.matcher(option.id()).matches()) {
                fault(at + ".id", "identificativo obbligatorio: da 1 a 40 tra lettere, cifre, '_' e '-'");
                continue;
            }
            if (!ids.add(option.id())) {
                fault(at + ".id", "opzione ripetuta: " + option.id());
            }
            if (option.label() == null || option.label().isBlank() || option.label().length() > 300) {
                fault(at + ".label", "il testo dell'opzione è obbligatorio (al massimo 300 caratteri)");
            }
        }
        if (q.maxSelections() != null) {
            if (q.type() != QuestionType.MULTIPLE_CHOICE) {
                fault(path + ".maxSelections", "previsto solo per MULTIPLE_CHOICE");
            } else if (q.maxSelections() < 1 || q.maxSelections() > options.size()) {
                fault(path + ".maxSelections", "tra 1 e il numero di opzioni (" + options.size() + ")");
            }
        }
    }

    private void bounds(String path, Question q) {
        BigDecimal min = q.min();
        BigDecimal max = q.max();
        switch (q.type()) {
            case SCALE -> {
                if (min == null || max == null || !integral(min) || !integral(max)) {
                    fault(path + ".min", "una scala richiede estremi interi min e max");
                } else if (min.compareTo(max) >= 0 || max.subtract(min).intValue() + 1 > MAX_SCALE_POINTS) {
                    fault(path + ".max", "max deve superare min, con al massimo " + MAX_SCALE_POINTS + " valori");
                }
            }
            case NUMBER -> {
                if (min != null && max != null && min.compareTo(max) > 0) {
                    fault(path + ".max", "max non può essere inferiore a min");
                }
            }
            case SHORT_TEXT, LONG_TEXT -> {
                int ceiling = q.type() == QuestionType.SHORT_TEXT ? 500 : MAX_TEXT;
                if (min != null && (!integral(min) || min.signum() < 0)) {
                    fault(path + ".min", "lunghezza minima: un intero non negativo");
                }
                if (max != null && (!integral(max) || max.intValue() < 1 || max.intValue() > ceiling)) {
                    fault(path + ".max", "lunghezza massima: un intero tra 1 e " + ceiling);
                }
                if (min != null && max != null && min.compareTo(max) > 0) {
                    fault(path + ".min", "la lunghezza minima supera la massima");
                }
            }
            default -> {
                if (min != null || max != null) {
                    fault(path + ".min", "min e max non previsti per il tipo " + q.type());
                }
            }
        }
    }

    private void showIf(String path, Question q) {
        Question.ShowIf condition = q.showIf();
        if (condition == null) {
            return;
        }
        Question controller = condition.question() == null ? null : earlier.get(condition.question());
        if (controller == null) {
            fault(path + ".showIf.question", "deve indicare una domanda precedente");
        } else if (controller.type() != QuestionType.SINGLE_CHOICE
                && controller.type() != QuestionType.MULTIPLE_CHOICE) {
            fault(path + ".showIf.question", "la condizione può dipendere solo da una domanda a scelta");
        } else if (condition.equals() == null || controller.option(condition.equals()).isEmpty()) {
            fault(path + ".showIf.equals", "deve essere un'opzione della domanda " + controller.id());
        }
    }

    private static boolean integral(BigDecimal value) {
        return value.stripTrailingZeros().scale() <= 0;
    }

    private void fault(String field, String message) {
        violations.add(new Violation(field, message));
    }
}
