package org.coprogram.survey.response;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.csv.CsvWriter;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.planview.PlanViews;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.survey.survey.Question;
import org.coprogram.survey.survey.Survey;
import org.coprogram.survey.survey.SurveyRepository;
import org.coprogram.survey.survey.SurveyService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The region's pseudonymous export: one row per response, read in pages of {@value #PAGE}. Columns:
 * {@code response_id, respondent, submitted_at, survey_version, municipality, district, province, category}, then one
 * per question id. Several options are joined with {@code |}, a ranking in rank order; a number answer is a number
 * cell, every other answer a text cell that the {@link CsvWriter} keeps from running as a formula. Each page is
 * written to the export as it is read; the export is answered whole. No account data exists to export:
 * {@code respondent} is the pseudonym (random in anonymous surveys).
 */
@ApplicationScoped
public class ResponseExport {

    static final int PAGE = 1000;
    static final List<String> COLUMNS = List.of("response_id", "respondent", "submitted_at", "survey_version",
            "municipality", "district", "province", "category");

    private final ObjectMapper json;
    private final AuditTrail audit;
    private final ResponseRepository responses;
    private final SurveyRepository surveys;
    private final PlanViews plans;

    public ResponseExport(ObjectMapper json, AuditTrail audit, ResponseRepository responses,
            SurveyRepository surveys,
            PlanViews plans) {
        this.plans = plans;
        this.surveys = surveys;
        this.json = json;
        this.audit = audit;
        this.responses = responses;
    }

    /** Region staff of the survey's plan only; the export itself is audited. */
    @WithTransaction
    public Uni<String> csv(UUID surveyId, Caller caller) {
        return surveys.find(surveyId).flatMap(survey -> {
            if (survey == null) {
                throw ProblemException.notFound("Questionario non trovato");
            }
            return plans.find(survey.planId).flatMap(plan -> {
                SurveyService.requireStaff(survey, plan, caller, "Solo la Regione del piano esporta le risposte");
                List<String> header = new ArrayList<>(COLUMNS);
                survey.questions.forEach(q -> header.add(q.id()));
                StringBuilder out = new StringBuilder();
                CsvWriter csv = CsvWriter.to(out).row(header);
                return pages(survey, csv, null, null)
                        .call(() -> audit.record(caller.accountId(), "survey.export", "survey", surveyId.toString(),
                                null))
                        .map(ignored -> out.toString());
            });
        });
    }

    private Uni<Void> pages(Survey survey, CsvWriter csv, OffsetDateTime afterTime, UUID afterId) {
        return responses.exportPage(survey.id, afterTime, afterId, PAGE).flatMap(rows -> {
            for (ResponseRepository.ExportRow row : rows) {
                csv.row(cells(survey.questions, row));
            }
            if (rows.size() < PAGE) {
                return Uni.createFrom().voidItem();
            }
            ResponseRepository.ExportRow last = rows.get(rows.size() - 1);
            return pages(survey, csv, last.submittedAt(), last.id());
        });
    }

    private List<Object> cells(List<Question> questions, ResponseRepository.ExportRow row) {
        List<Object> cells = new ArrayList<>(Arrays.asList(row.id(), row.pseudonym(), row.submittedAt(),
                row.surveyVersion(), row.municipality(), row.district(), row.province(), row.category()));
        JsonNode answers = parse(row.answers());
        for (Question question : questions) {
            cells.add(cell(answers.get(question.id())));
        }
        return cells;
    }

    /** A number answer as a number; options, texts and a municipality as text. */
    private static Object cell(JsonNode answer) {
        if (answer == null || answer.isNull()) {
            return null;
        }
        if (answer.isArray()) {
            List<String> items = new ArrayList<>();
            answer.forEach(item -> items.add(item.asText()));
            return String.join("|", items);
        }
        return answer.isNumber() ? answer.decimalValue() : answer.asText();
    }

    private JsonNode parse(String answers) {
        try {
            return json.readTree(answers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored answers are not JSON", e);
        }
    }
}
