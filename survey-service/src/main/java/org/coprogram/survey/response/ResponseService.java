package org.coprogram.survey.response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.identity.Caller;
import org.coprogram.common.identity.Pseudonymizer;
import org.coprogram.common.outbox.Outbox;
import org.coprogram.common.outbox.OutboxEvent;
import org.coprogram.common.planview.PlanView;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;
import org.coprogram.common.territory.Municipality;
import org.coprogram.common.territory.TerritoryCatalog;
import org.coprogram.survey.response.ResponseEvents.Profile;
import org.coprogram.survey.survey.PublishedSurvey;
import org.coprogram.survey.survey.PublishedSurveys;
import org.coprogram.survey.survey.SurveyEvents;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * One response per person and survey, under any concurrency: the {@code respondent} row's primary key (survey, keyed
 * hash of the account) admits one insert; a concurrent second one waits for it and then inserts nothing. The
 * response and its event are written by the same statement ({@link ResponseRecorder}).
 */
@ApplicationScoped
public class ResponseService {

    /** The response and whether this request recorded it (false: an idempotent replay). */
    public record Outcome(Receipt receipt, boolean created) {
    }

    private final PublishedSurveys surveys;
    private final TerritoryCatalog territory;
    private final Pseudonymizer pseudonyms;
    private final Outbox outbox;
    private final ResponseRecorder recorder;

    public ResponseService(PublishedSurveys surveys, TerritoryCatalog territory, Pseudonymizer pseudonyms,
            Outbox outbox, ResponseRecorder recorder) {
        this.surveys = surveys;
        this.territory = territory;
        this.pseudonyms = pseudonyms;
        this.outbox = outbox;
        this.recorder = recorder;
    }

    public Uni<Outcome> submit(UUID surveyId, ResponseRequest request, Caller caller, String idempotencyKey) {
        return surveys.find(surveyId).flatMap(survey -> {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            requireOpen(survey, now);
            Function<String, Optional<Municipality>> municipalities = code -> territory.municipality(code)
                    .filter(m -> m.region().equals(survey.region()));
            AnswerSheet sheet = AnswerSheet.check(survey.questions(), request.answers(), municipalities);
            Respondent respondent = respondent(survey, caller, place(request, sheet, municipalities));
            // The definition may come from memory: whether the survey still accepts responses and its plan is still
            // in consultation is checked again by the insert itself, atomically.
            ResponseRecorder.Entry entry = entry(survey, respondent, sheet, idempotencyKey, now);
            return recorder.insert(entry).flatMap(inserted -> inserted
                    ? Uni.createFrom().item(new Outcome(receipt(survey, entry.responseId(), entry.submittedAt()), true))
                    : Panache.withSession(() -> notRecorded(survey, respondent.key(), idempotencyKey,
                            entry.requestHash())));
        });
    }

    private ResponseRecorder.Entry entry(PublishedSurvey survey, Respondent respondent, AnswerSheet sheet,
            String idempotencyKey, OffsetDateTime now) {
        UUID responseId = UUID.randomUUID();
        Profile profile = respondent.profile();
        // An anonymous response's time is kept to the minute: enough for results, too coarse to match access logs.
        OffsetDateTime submittedAt = survey.anonymous() ? now.truncatedTo(ChronoUnit.MINUTES) : now;
        OutboxEvent event = outbox.event(SurveyEvents.TOPIC, SurveyEvents.RESPONSE_SUBMITTED, survey.id().toString(),
                survey.planId().toString(),
                new ResponseEvents.Submitted(survey.id(), survey.planId(), responseId, survey.version(),
                        respondent.pseudonym(), survey.anonymous(), sheet.answers(), profile, submittedAt));
        return new ResponseRecorder.Entry(survey.id(), survey.version(), respondent, idempotencyKey,
                hash(sheet, profile), responseId, survey.anonymous(), sheet.answers().toString(),
                sheet.tallies(), submittedAt, event);
    }

    /** Nothing inserted: closed meanwhile, the plan left consultation, or this person already answered. */
    private Uni<Outcome> notRecorded(PublishedSurvey survey, String key, String idempotencyKey, String hash) {
        return surveys.current(survey.id()).flatMap(current -> {
            requireOpen(current, OffsetDateTime.now(ZoneOffset.UTC));
            return PlanView.<PlanView>findById(survey.planId()).flatMap(plan -> {
                if (!PlanView.CONSULTATION.equals(plan.phase)) {
                    throw ProblemException.conflict("Il piano non è in fase di consultazione: fase " + plan.phase);
                }
                return replay(survey, key, idempotencyKey, hash);
            });
        });
    }

    /** Same Idempotency-Key and same answers: the first outcome again. Anything else: already answered. */
    private Uni<Outcome> replay(PublishedSurvey survey, String key, String idempotencyKey, String hash) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT r.idempotency_key, r.request_hash, r.response_id, s.submitted_at
                FROM respondent r LEFT JOIN response s ON s.id = r.response_id
                WHERE r.survey_id = :survey AND r.respondent_key = :key""", Object[].class)
                .setParameter("survey", survey.id()).setParameter("key", key).getSingleResult())
                .map(row -> {
                    if (idempotencyKey == null || !idempotencyKey.equals(row[0])) {
                        throw ProblemException
                                .conflict("Hai già risposto a questo questionario: si risponde una volta sola");
                    }
                    if (!hash.equals(row[1])) {
                        throw new ProblemException(422, "Idempotency-Key già usata",
                                "La stessa Idempotency-Key è stata usata con risposte diverse",
                                List.of(new Violation("Idempotency-Key", "chiave già usata per un'altra richiesta")));
                    }
                    return new Outcome(receipt(survey, (UUID) row[2], submittedAt(row[3])), false);
                });
    }

    private Respondent respondent(PublishedSurvey survey, Caller caller, Municipality place) {
        StakeholderCategory category = caller.stakeholderCategory().flatMap(StakeholderCategory::parse)
                .orElse(StakeholderCategory.CITIZEN);
        Profile profile = place == null
                ? new Profile(null, null, null, category)
                : new Profile(place.istatCode(), place.districtCode(), place.provinceCode(), category);
        String key = pseudonyms.of("survey:" + survey.id() + ":" + caller.accountId());
        String pseudonym = survey.anonymous()
                ? UUID.randomUUID().toString().replace("-", "")
                : pseudonyms.of(caller.accountId());
        return new Respondent(key, pseudonym, profile);
    }

    private static Municipality place(ResponseRequest request, AnswerSheet sheet,
            Function<String, Optional<Municipality>> municipalities) {
        if (request.municipality() == null) {
            return sheet.municipality().orElse(null);
        }
        return municipalities.apply(request.municipality()).orElseThrow(() -> ProblemException.badRequest(
                "Comune non valido", List.of(new Violation("municipality",
                        "codice ISTAT non corrispondente a un comune della regione del piano"))));
    }

    private static void requireOpen(PublishedSurvey survey, OffsetDateTime now) {
        if (!survey.acceptsResponses(now)) {
            throw ProblemException.conflict("Il questionario è chiuso: non accetta più risposte");
        }
    }

    private static Receipt receipt(PublishedSurvey survey, UUID responseId, OffsetDateTime submittedAt) {
        return survey.anonymous()
                ? new Receipt(survey.id(), survey.version(), true, null, null, Receipt.RECORDED)
                : new Receipt(survey.id(), survey.version(), false, responseId, submittedAt, Receipt.RECORDED);
    }

    private static OffsetDateTime submittedAt(Object column) {
        if (column instanceof OffsetDateTime time) {
            return time;
        }
        return column == null ? null : OffsetDateTime.parse(column.toString());
    }

    private String hash(AnswerSheet sheet, Profile profile) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((sheet.answers() + "|" + profile.municipality()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
