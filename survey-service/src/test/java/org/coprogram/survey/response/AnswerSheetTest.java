package org.coprogram.survey.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;
import org.coprogram.common.territory.Municipality;
import org.coprogram.survey.survey.Question;
import org.coprogram.survey.survey.Question.Option;
import org.coprogram.survey.survey.Question.ShowIf;
import org.coprogram.survey.survey.QuestionType;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class AnswerSheetTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<Option> SERVICES = List.of(new Option("nido", "Asilo nido"),
            new Option("sad", "Assistenza domiciliare"), new Option("trasporto", "Trasporto sociale"));
    private static final Question USES = new Question("usa", QuestionType.SINGLE_CHOICE, "Usa un servizio?", true,
            List.of(new Option("si", "Sì"), new Option("no", "No")), null, null, null, null);
    private static final Question WHICH = new Question("quali", QuestionType.MULTIPLE_CHOICE, "Quali?", true,
            SERVICES, null, null, 2, new ShowIf("usa", "si"));
    private static final Question RATING = new Question("voto", QuestionType.SCALE, "Quanto è soddisfatto?", true,
            null, BigDecimal.ONE, BigDecimal.valueOf(5), null, null);
    private static final Question PRIORITIES = new Question("priorita", QuestionType.RANKING, "Ordini", false,
            SERVICES, null, null, null, null);
    private static final Question NOTE = new Question("nota", QuestionType.SHORT_TEXT, "Note", false, null, null,
            BigDecimal.TEN, null, null);
    private static final Question AGE = new Question("eta", QuestionType.NUMBER, "Età", false, null,
            BigDecimal.valueOf(14), BigDecimal.valueOf(120), null, null);
    private static final Question TOWN = new Question("comune", QuestionType.MUNICIPALITY, "Comune", false, null,
            null, null, null, null);
    private static final List<Question> SURVEY = List.of(USES, WHICH, RATING, PRIORITIES, NOTE, AGE, TOWN);

    private static final Map<String, Municipality> REGION = Map.of("001272",
            new Municipality("001272", "Torino", "Piemonte", "001", "Torino", 872367, "D1"), "004003",
            new Municipality("004003", "Alba", "Piemonte", "004", "Cuneo", 31341, "D7"));
    private static final Function<String, Optional<Municipality>> LOOKUP = code -> Optional
            .ofNullable(REGION.get(code));

    @Test
    void aCompleteResponseIsKeptInNormalFormWithTheTalliesResultsCount() {
        AnswerSheet sheet = AnswerSheet.check(SURVEY, json("""
                {"usa": "si", "quali": ["sad", "nido"], "voto": 4, "priorita": ["trasporto", "nido", "sad"],
                 "nota": "  grazie  ", "eta": 42.0, "comune": "004003"}"""), LOOKUP);

        assertThat(sheet.tallies()).containsExactlyInAnyOrder("*", "usa|", "usa|si", "quali|", "quali|sad",
                "quali|nido",
                "voto|", "voto|4", "priorita|", "priorita|trasporto|1", "priorita|nido|2", "priorita|sad|3",
                "nota|", "eta|", "eta|42", "comune|", "comune|004");
        assertThat(sheet.answers().get("nota").asText()).isEqualTo("grazie");
        assertThat(sheet.answers().get("voto").isInt()).isTrue();
        assertThat(sheet.municipality()).map(Municipality::name).contains("Alba");
    }

    @Test
    void skippedOptionalQuestionsAreNeitherAnsweredNorCounted() {
        AnswerSheet sheet = AnswerSheet.check(SURVEY, json("""
                {"usa": "no", "voto": 1, "nota": "   "}"""), LOOKUP);

        assertThat(sheet.tallies()).containsExactlyInAnyOrder("*", "usa|", "usa|no", "voto|", "voto|1");
        assertThat(sheet.answers().fieldNames()).toIterable().containsExactly("usa", "voto");
        assertThat(sheet.municipality()).isEmpty();
    }

    @Test
    void aConditionalQuestionIsRequiredOnlyWhenItsConditionHolds() {
        assertThat(violations("""
                {"usa": "si", "voto": 3}""")).extracting(Violation::field).containsExactly("answers.quali");
        assertThat(violations("""
                {"usa": "no", "quali": ["nido"], "voto": 3}""")).extracting(Violation::field)
                .containsExactly("answers.quali");
    }

    @Test
    void everyOffendingQuestionIsNamedInOneRefusal() {
        List<Violation> violations = violations("""
                {"usa": "forse", "voto": 6, "priorita": ["nido", "nido", "sad"], "nota": "troppo lungo per dieci",
                 "eta": 9, "comune": "058091", "sconosciuta": 1}""");

        assertThat(violations).extracting(Violation::field).containsExactly("answers.usa", "answers.voto",
                "answers.priorita", "answers.nota", "answers.eta", "answers.comune", "answers.sconosciuta");
    }

    @Test
    void choicesAreLimitedToTheOfferedOptionsAndTheMaximumSelections() {
        assertThat(violations("""
                {"usa": "si", "quali": ["nido", "sad", "trasporto"], "voto": 3}""")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("al massimo 2"));
        assertThat(violations("""
                {"usa": "si", "quali": [], "voto": 3}""")).extracting(Violation::field)
                .containsExactly("answers.quali");
        assertThat(violations("""
                {"usa": "si", "quali": ["mensa"], "voto": 3}""")).extracting(Violation::field)
                .containsExactly("answers.quali");
        assertThat(violations("""
                {"usa": "si", "voto": 3.5, "quali": ["nido"], "priorita": ["nido", "sad"]}""")).extracting(
                Violation::field).containsExactly("answers.voto", "answers.priorita");
    }

    @Test
    void somethingOtherThanAnObjectIsRefused() {
        ProblemException refusal = catchThrowableOfType(ProblemException.class,
                () -> AnswerSheet.check(SURVEY, json("[1, 2]"), LOOKUP));

        assertThat(refusal.status()).isEqualTo(400);
        assertThat(refusal.violations()).extracting(Violation::field).containsExactly("answers");
    }

    private static List<Violation> violations(String answers) {
        ProblemException refusal = catchThrowableOfType(ProblemException.class,
                () -> AnswerSheet.check(SURVEY, json(answers), LOOKUP));
        assertThat(refusal).as("refusal of %s", answers).isNotNull();
        assertThat(refusal.status()).isEqualTo(400);
        return refusal.violations();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
