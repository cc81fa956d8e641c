package org.coprogram.synthesis.synthesis;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.coprogram.synthesis.analysis.Corpus;
import org.coprogram.testing.EventPublisher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.cloudevents.CloudEvent;

/**
 * A whole consultation as the other services would publish it: the 205 corpus contributions as proposals (one withdrawn,
 * one hidden), supports, a survey with named and anonymous responses, a meeting in Taranto with its minutes, and the
 * Bari district's social report. Everything the tests expect is computed from these lists, not from the service.
 */
public final class ConsultationEvents {

    static final String[] CATEGORIES = {"CITIZEN", "THIRD_SECTOR", "CITIZEN", "TRADE_UNION", "CITIZEN", "MUNICIPALITY"};
    static final int AUTHORS = 150;
    public static final int WITHDRAWN = 200;
    public static final int HIDDEN = 199;
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public record Topic(String topic, CloudEvent event) {
    }

    public final UUID planId;
    public final Corpus corpus = Corpus.load();
    public final List<Topic> events = new ArrayList<>();
    final List<Topic> supportEvents = new ArrayList<>();
    public final UUID surveyId = UUID.randomUUID();
    public final UUID meetingId = UUID.randomUUID();
    public final UUID reportId = UUID.randomUUID();

    public ConsultationEvents(UUID planId) {
        this.planId = planId;
        List<Corpus.Entry> entries = corpus.entries();
        for (int i = 0; i < entries.size(); i++) {
            events.add(proposal(entries.get(i), i));
        }
        for (int i = 0; i <= 30; i++) {
            String supporter = i == 30 ? "author-1" : "fan-" + (i % 7);
            Topic supported = event("coprogram.proposals", "org.coprogram.proposal.supported.v1", id(entries.get(i)),
                    data("proposalId", id(entries.get(i)), "planId", planId, "supporter", supporter, "supports",
                            supports(i), "occurredAt", OffsetDateTime.now()));
            events.add(supported);
            supportEvents.add(supported);
        }
        events.add(event("coprogram.proposals", "org.coprogram.proposal.withdrawn.v1", id(entries.get(WITHDRAWN)),
                data("proposalId", id(entries.get(WITHDRAWN)), "planId", planId, "withdrawnAt", OffsetDateTime.now())));
        events.add(event("coprogram.proposals", "org.coprogram.proposal.hidden.v1", id(entries.get(HIDDEN)),
                data("proposalId", id(entries.get(HIDDEN)), "planId", planId, "visibility", "HIDDEN", "cause", "FLAGS",
                        "changedAt", OffsetDateTime.now())));
        survey();
        meeting();
        socialReport();
    }

    /** The proposal id of a corpus entry in this plan: ids are unique across plans, as real ones are. */
    public UUID id(Corpus.Entry entry) {
        return UUID.nameUUIDFromBytes((planId + ":" + entry.id()).getBytes(StandardCharsets.UTF_8));
    }

    static int supports(int entry) {
        return entry == 30 ? 1 : 30 - entry;
    }

    public String category(int entry) {
        return CATEGORIES[entry % CATEGORIES.length];
    }

    boolean counted(int entry) {
        return entry != WITHDRAWN && entry != HIDDEN;
    }

    private Topic proposal(Corpus.Entry e, int i) {
        return event("coprogram.proposals", "org.coprogram.proposal.submitted.v1", id(e),
                data("proposalId", id(e), "planId", planId, "region", "puglia", "kind", e.kind(), "title", e.title(),
                        "body", e.text(), "theme", e.theme(), "municipality", e.municipality().istatCode(), "district",
                        e.municipality().districtCode(), "province", e.municipality().provinceCode(), "category",
                        category(i), "organization", null, "status", "SUBMITTED", "author", "author-" + (i % AUTHORS),
                        "createdAt", OffsetDateTime.parse("2026-10-01T09:00:00+02:00").plusMinutes(i)));
    }

    private void survey() {
        events.add(event("coprogram.surveys", "org.coprogram.survey.published.v1", surveyId,
                data("id", surveyId, "planId", planId, "title", "Questionario sul welfare", "anonymous", false,
                        "status", "PUBLISHED", "version", 1, "questions", List.of(
                                data("id", "q1", "type", "SINGLE_CHOICE", "label", "Priorità"),
                                data("id", "q2", "type", "LONG_TEXT", "label", "Suggerimenti")))));
        String[] texts = {"Servono più educatori nei quartieri contro la dispersione scolastica.",
                "Più ore di assistenza domiciliare per gli anziani soli.", "", "Case popolari sfitte da assegnare.",
                "", ""};
        for (int i = 0; i < texts.length; i++) {
            boolean bari = i < 4;
            events.add(event("coprogram.survey-responses", "org.coprogram.survey.response-submitted.v1", surveyId,
                    data("surveyId", surveyId, "planId", planId, "responseId", UUID.randomUUID(), "surveyVersion", 1,
                            "respondent", bari ? "respondent-" + i : null, "anonymous", !bari, "answers",
                            // survey-service sends no free text of anonymous responses (#24).
                            bari ? data("q1", "a", "q2", texts[i]) : data("q1", "a"), "profile",
                            data("municipality", bari ? "072006" : "071024", "district",
                                    bari ? "BA-BARI" : "FG-FOGGIA", "province", bari ? "BA" : "FG", "category",
                                    bari ? "CITIZEN" : "THIRD_SECTOR"),
                            "submittedAt", OffsetDateTime.now())));
        }
    }

    private void meeting() {
        Map<String, Object> meeting = data("id", meetingId, "planId", planId, "type", "TERRITORIAL", "title",
                "Incontro territoriale di Taranto", "themes", List.of("anziani"), "district", "TA-06",
                "municipality", "073027", "province", "TA", "startsAt", "2026-11-05T17:00:00+01:00", "capacity", 50,
                "confirmed", 0, "status", "SCHEDULED");
        events.add(event("coprogram.meetings", "org.coprogram.meeting.scheduled.v1", meetingId, meeting));
        for (int i = 1; i <= 2; i++) {
            events.add(event("coprogram.meetings", "org.coprogram.meeting.registration-confirmed.v1", meetingId,
                    data("meetingId", meetingId, "registrationId", UUID.randomUUID(), "participant", "guest-" + i,
                            "category", "CITIZEN", "status", "CONFIRMED", "waitlistPosition", null, "confirmed", i,
                            "capacity", 50)));
        }
        events.add(event("coprogram.meetings", "org.coprogram.meeting.minutes-published.v1", meetingId,
                data("meetingId", meetingId, "planId", planId, "district", "TA-06", "municipality", "073027",
                        "province", "TA", "themes", List.of("anziani"), "status", "PUBLISHED", "summary", "Sintesi",
                        "attendance", 40, "checkedIn", 2, "checkedInByCategory", Map.of("CITIZEN", 2),
                        "contributions", List.of(
                                data("theme", "anziani", "text",
                                        "Assistenza domiciliare anche nei festivi per gli anziani.",
                                        "proposalIds", List.of()),
                                data("theme", "poverta", "text", "Un emporio solidale nel quartiere Tamburi.",
                                        "proposalIds", List.of()),
                                data("theme", "abitare", "text",
                                        "Recuperare le case popolari sfitte della città vecchia.",
                                        "proposalIds", List.of())),
                        "publishedAt", "2026-11-06T10:00:00+01:00")));
    }

    private void socialReport() {
        events.add(event("coprogram.synthesis", "org.coprogram.social-report.submitted.v2", reportId,
                data("reportId", reportId, "planId", planId, "region", "puglia", "districtCode", "BA-BARI", "status",
                        "SUBMITTED", "published", false, "submittedAt", "2026-09-30T12:00:00+02:00")));
        events.add(event("coprogram.synthesis", "org.coprogram.social-report.published.v1", reportId,
                data("reportId", reportId, "planId", planId, "region", "puglia", "districtCode", "BA-BARI", "status",
                        "SUBMITTED", "published", true, "submittedAt", "2026-09-30T12:00:00+02:00", "content",
                        data("resultsAchieved", List.of(data("theme", "anziani", "text",
                                "Raddoppiate le ore di assistenza domiciliare agli anziani non autosufficienti.")),
                                "effectivePractices", List.of(data("theme", "famiglie-minori", "title",
                                        "Doposcuola diffuso", "description",
                                        "Doposcuola nei quartieri con le associazioni e le scuole.",
                                        "transferability", "HIGH", "transferabilityNotes", null)),
                                "criticalIssues", List.of(data("theme", "abitare", "text",
                                        "Mancano alloggi per l'emergenza abitativa.")),
                                "unmetNeeds", List.of(), "attachments", List.of()))));
    }

    Topic event(String topic, String type, UUID subject, Map<String, Object> data) {
        try {
            return new Topic(topic, EventPublisher.event(UUID.randomUUID(), "/test", type, subject.toString(),
                    planId.toString(), JSON.writeValueAsString(data)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> data(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

}
