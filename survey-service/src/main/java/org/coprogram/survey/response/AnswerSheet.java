package org.coprogram.survey.response;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;
import org.coprogram.common.territory.Municipality;
import org.coprogram.survey.survey.Question;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A response checked strictly against the survey's questions, in their order (a condition only looks back). What
 * passes is kept in a normal form, with the tallies that results count: {@code *} once per response, {@code q|}
 * per answered question, {@code q|value} per chosen option, scale point, number or province, {@code q|option|rank}
 * per ranked option.
 */
public final class AnswerSheet {

    /** Counted once per response: the respondents of a slice. */
    public static final String RESPONSE_TALLY = "*";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode answers = NODES.objectNode();
    private final List<String> tallies = new ArrayList<>(List.of(RESPONSE_TALLY));
    private final List<Violation> violations = new ArrayList<>();
    private final Map<String, JsonNode> shown = new LinkedHashMap<>();
    private Municipality municipality;

    private AnswerSheet() {
    }

    /**
     * @param municipalities finds a municipality of the plan's region by ISTAT code
     * @throws ProblemException 400 naming each offending question as {@code answers.<id>}
     */
    public static AnswerSheet check(List<Question> questions, JsonNode given,
            Function<String, Optional<Municipality>> municipalities) {
        AnswerSheet sheet = new AnswerSheet();
        if (given == null || !given.isObject()) {
            throw ProblemException.badRequest("Risposte mancanti",
                    List.of(new Violation("answers", "un oggetto con una risposta per domanda")));
        }
        for (Question question : questions) {
            sheet.answer(question, given.get(question.id()), municipalities);
        }
        Set<String> known = new HashSet<>();
        questions.forEach(q -> known.add(q.id()));
        for (Iterator<String> names = given.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                sheet.fault(name, "domanda inesistente in questo questionario");
            }
        }
        if (!sheet.violations.isEmpty()) {
            throw ProblemException.badRequest("Le risposte non corrispondono al questionario", sheet.violations);
        }
        return sheet;
    }

    public ObjectNode answers() {
        return answers;
    }

    public List<String> tallies() {
        return tallies;
    }

    /** The municipality given to the first MUNICIPALITY question, if any. */
    public Optional<Municipality> municipality() {
        return Optional.ofNullable(municipality);
    }

    private void answer(Question q, JsonNode value, Function<String, Optional<Municipality>> municipalities) {
        boolean present = value != null && !value.isNull()
                && !(q.type().isText() && value.isTextual() && value.asText().isBlank());
        if (!isShown(q)) {
            if (present) {
                fault(q.id(), "domanda non prevista per le risposte date: la sua condizione non è soddisfatta");
            }
            return;
        }
        if (!present) {
            if (q.isRequired()) {
                fault(q.id(), "risposta obbligatoria");
            } else {
                shown.put(q.id(), null);
            }
            return;
        }
        int before = violations.size();
        JsonNode normal = switch (q.type()) {
            case SINGLE_CHOICE -> single(q, value);
            case MULTIPLE_CHOICE -> multiple(q, value);
            case SCALE -> scale(q, value);
            case RANKING -> ranking(q, value);
            case SHORT_TEXT, LONG_TEXT -> text(q, value);
            case NUMBER -> number(q, value);
            case MUNICIPALITY -> municipality(q, value, municipalities);
        };
        if (violations.size() == before) {
            answers.set(q.id(), normal);
            tallies.add(q.id() + "|");
        }
        shown.put(q.id(), normal);
    }

    /** Shown if unconditional, or if its (shown) controlling question has the option. */
    private boolean isShown(Question q) {
        if (q.showIf() == null) {
            return true;
        }
        if (!shown.containsKey(q.showIf().question())) {
            return false;
        }
        JsonNode controller = shown.get(q.showIf().question());
        if (controller == null) {
            return false;
        }
        if (controller.isArray()) {
            for (JsonNode chosen : controller) {
                if (chosen.asText().equals(q.showIf().equals())) {
                    return true;
                }
            }
            return false;
        }
        return controller.asText().equals(q.showIf().equals());
    }

    private JsonNode single(Question q, JsonNode value) {
        if (!value.isTextual()) {
            return fault(q.id(), "attesa una sola opzione (il suo identificativo)");
        }
        if (q.option(value.asText()).isEmpty()) {
            return fault(q.id(), "opzione non prevista: " + value.asText());
        }
        tallies.add(q.id() + "|" + value.asText());
        return value;
    }

    private JsonNode multiple(Question q, JsonNode value) {
        List<String> chosen = optionIds(q, value);
        if (chosen == null) {
            return null;
        }
        if (chosen.isEmpty()) {
            return fault(q.id(), "scegliere almeno un'opzione");
        }
        if (q.maxSelections() != null && chosen.size() > q.maxSelections()) {
            return fault(q.id(), "troppe opzioni scelte: al massimo " + q.maxSelections());
        }
        chosen.forEach(id -> tallies.add(q.id() + "|" + id));
        return value;
    }

    private JsonNode ranking(Question q, JsonNode value) {
        List<String> ranked = optionIds(q, value);
        if (ranked == null) {
            return null;
        }
        if (ranked.size() != q.optionList().size()) {
            return fault(q.id(), "ordinare tutte le " + q.optionList().size() + " opzioni, ciascuna una volta");
        }
        for (int i = 0; i < ranked.size(); i++) {
            tallies.add(q.id() + "|" + ranked.get(i) + "|" + (i + 1));
        }
        return value;
    }

    /** Distinct offered option ids, or null after recording why not. */
    private List<String> optionIds(Question q, JsonNode value) {
        if (!value.isArray()) {
            fault(q.id(), "attesa una lista di identificativi di opzione");
            return null;
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode item : (ArrayNode) value) {
            if (!item.isTextual()) {
                fault(q.id(), "attesa una lista di identificativi di opzione");
                return null;
            }
            if (q.option(item.asText()).isEmpty()) {
                fault(q.id(), "opzione non prevista: " + item.asText());
                return null;
            }
            if (ids.contains(item.asText())) {
                fault(q.id(), "opzione ripetuta: " + item.asText());
                return null;
            }
            ids.add(item.asText());
        }
        return ids;
    }

    private JsonNode scale(Question q, JsonNode value) {
        if (!value.isIntegralNumber()) {
            return fault(q.id(), "atteso un numero intero da " + q.min().toPlainString() + " a "
                    + q.max().toPlainString());
        }
        BigDecimal point = value.decimalValue();
        if (point.compareTo(q.min()) < 0 || point.compareTo(q.max()) > 0) {
            return fault(q.id(), "fuori scala: da " + q.min().toPlainString() + " a " + q.max().toPlainString());
        }
        tallies.add(q.id() + "|" + point.toPlainString());
        return NODES.numberNode(point.intValueExact());
    }

    private JsonNode text(Question q, JsonNode value) {
        if (!value.isTextual()) {
            return fault(q.id(), "atteso un testo");
        }
        String text = value.asText().strip();
        int length = text.codePointCount(0, text.length());
        if (length > q.textLimit()) {
            return fault(q.id(), "testo troppo lungo: al massimo " + q.textLimit() + " caratteri");
        }
        if (length < q.textMinimum()) {
            return fault(q.id(), "testo troppo breve: almeno " + q.textMinimum() + " caratteri");
        }
        return NODES.textNode(text);
    }

    private JsonNode number(Question q, JsonNode value) {
        if (!value.isNumber() || value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
            return fault(q.id(), "atteso un numero");
        }
        BigDecimal number = value.decimalValue().stripTrailingZeros();
        if (q.min() != null && number.compareTo(q.min()) < 0 || q.max() != null && number.compareTo(q.max()) > 0) {
            return fault(q.id(), "fuori dai limiti: " + bounds(q));
        }
        tallies.add(q.id() + "|" + number.toPlainString());
        return NODES.numberNode(number);
    }

    private JsonNode municipality(Question q, JsonNode value, Function<String, Optional<Municipality>> lookup) {
        Optional<Municipality> found = value.isTextual() ? lookup.apply(value.asText()) : Optional.empty();
        if (found.isEmpty()) {
            return fault(q.id(), "codice ISTAT di un comune della regione del piano (6 cifre)");
        }
        if (municipality == null) {
            municipality = found.get();
        }
        tallies.add(q.id() + "|" + found.get().provinceCode());
        return value;
    }

    private static String bounds(Question q) {
        if (q.min() != null && q.max() != null) {
            return "da " + q.min().toPlainString() + " a " + q.max().toPlainString();
        }
        return q.min() != null ? "almeno " + q.min().toPlainString() : "al massimo " + q.max().toPlainString();
    }

    private JsonNode fault(String questionId, String message) {
        violations.add(new Violation("answers." + questionId, message));
        return null;
    }
}
