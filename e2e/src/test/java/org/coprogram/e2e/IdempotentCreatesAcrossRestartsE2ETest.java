package org.coprogram.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.coprogram.contracts.EventTypes;
import org.coprogram.contracts.Topics;
import org.coprogram.testing.Tokens;
import org.coprogram.testing.TopicReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A client retries every kind of create through the gateway with the same Idempotency-Key after the service that owns
 * it restarted in between (a timeout, then a deploy): the retry gets the first answer again, marked
 * {@code Idempotent-Replayed}, and the record and its event exist once. Each service is restarted once, as
 * {@code ./coprogram test-platform restart} does it, for all the kinds it owns; the test platform must have been
 * started by {@code ./coprogram} from this checkout ({@code ./coprogram test} or {@code test-platform}).
 */
@Tag("e2e")
// Alone: it restarts the services every other class is calling.
@Isolated
class IdempotentCreatesAcrossRestartsE2ETest {

    private static final Path ROOT = Platform.ROOT;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String STAFF = "regione";
    private static final String CITIZEN = "cittadino";
    private static final String REP = "ets";
    private static final String DISTRICT = "ambito";

    @Test
    void everyCreateRetriedWithItsKeyAcrossARestartOfItsServiceHappensOnce() throws Exception {
        try (TopicReader plans = TopicReader.fromNow(Topics.PLANS);
                TopicReader proposals = TopicReader.fromNow(Topics.PROPOSALS);
                TopicReader surveys = TopicReader.fromNow(Topics.SURVEYS);
                TopicReader meetings = TopicReader.fromNow(Topics.MEETINGS);
                TopicReader synthesis = TopicReader.fromNow(Topics.SYNTHESIS)) {
            // synthesis-service: a plan (opened for consultation, for the other services' creates), an indicator on
            // it, and a measured value on a second plan in monitoring (values are recorded only then).
            String planTitle = "Piano riavviato " + UUID.randomUUID();
            KeyedRequest planCreate = KeyedRequest.post("/api/plans",
                    Consultation.PLAN.replace("Piano di prova end-to-end", planTitle), STAFF);
            HttpResponse<String> planCreated = planCreate.sendOnceThePlanIsKnown(201);
            String planId = KeyedRequest.createdId(planCreated);
            Consultation.expect(Consultation.send("POST", "/api/plans/" + planId + "/phase",
                    "{\"phase\":\"CONSULTATION\"}", Tokens.of(STAFF)), 200);
            String indicatorName = "Indicatore riavviato " + UUID.randomUUID().toString().substring(0, 8);
            KeyedRequest indicatorDefine = KeyedRequest.post("/api/plans/" + planId + "/indicators", """
                    {"name":"%s","unit":"persone","baseline":5,"target":9,"direction":"INCREASE"}"""
                    .formatted(indicatorName), STAFF);
            HttpResponse<String> indicatorDefined = indicatorDefine.sendOnceThePlanIsKnown(201);
            String indicatorId = KeyedRequest.createdId(indicatorDefined);
            String monitoredIndicator = monitoredIndicator();
            KeyedRequest measure = KeyedRequest.put(monitoredIndicator + "/values/BA-BARI/2026", "{\"value\":7}",
                    DISTRICT);
            HttpResponse<String> measured = measure.sendOnceThePlanIsKnown(200);

            // proposal-service: a proposal, its support and a flag.
            String proposalTitle = "Proposta riavviata " + UUID.randomUUID().toString().substring(0, 8);
            KeyedRequest submit = KeyedRequest.post("/api/plans/" + planId + "/proposals",
                    Consultation.PROPOSAL.replace("Trasporto sociale per le visite mediche", proposalTitle), CITIZEN);
            HttpResponse<String> submitted = submit.sendOnceThePlanIsKnown(201);
            String proposalId = KeyedRequest.createdId(submitted);
            KeyedRequest support = KeyedRequest.post("/api/proposals/" + proposalId + "/supports", null, REP);
            HttpResponse<String> supported = support.sendOnceThePlanIsKnown(201);
            KeyedRequest flag = KeyedRequest.post("/api/proposals/" + proposalId + "/flags", "{\"reason\":\"SPAM\"}",
                    REP);
            HttpResponse<String> flagged = flag.sendOnceThePlanIsKnown(201);

            // survey-service: a questionnaire (a draft: no event until it is published).
            KeyedRequest surveyCreate = KeyedRequest.post("/api/plans/" + planId + "/surveys", Consultation.SURVEY,
                    STAFF);
            HttpResponse<String> surveyCreated = surveyCreate.sendOnceThePlanIsKnown(201);
            String surveyId = KeyedRequest.createdId(surveyCreated);

            // meeting-service: a meeting and a registration to it.
            KeyedRequest schedule = KeyedRequest.post("/api/plans/" + planId + "/meetings", Consultation.meeting(30),
                    DISTRICT);
            HttpResponse<String> scheduled = schedule.sendOnceThePlanIsKnown(201);
            String meetingId = KeyedRequest.createdId(scheduled);
            KeyedRequest register = KeyedRequest.post("/api/meetings/" + meetingId + "/registrations", null, CITIZEN);
            HttpResponse<String> registered = register.sendOnceThePlanIsKnown(201);

            // Every service restarted once, all four together (each start takes tens of seconds), then every retry.
            restart(Platform.services());
            submit.assertRetryReplays(submitted);
            support.assertRetryReplays(supported);
            flag.assertRetryReplays(flagged);
            surveyCreate.assertRetryReplays(surveyCreated);
            schedule.assertRetryReplays(scheduled);
            register.assertRetryReplays(registered);
            planCreate.assertRetryReplays(planCreated);
            indicatorDefine.assertRetryReplays(indicatorDefined);
            measure.assertRetryReplays(measured);

            // One record each, as the API lists them.
            assertThat(get("/api/plans?region=puglia&size=100", null).path("items").findValuesAsText("title"))
                    .containsOnlyOnce(planTitle);
            assertThat(get("/api/plans/" + planId + "/indicators", null).findValuesAsText("name"))
                    .containsOnlyOnce(indicatorName);
            assertThat(get(monitoredIndicator, null).path("byDistrict")).hasSize(1);
            assertThat(get("/api/plans/" + planId + "/proposals?size=100", null).path("items")
                    .findValuesAsText("title")).containsOnlyOnce(proposalTitle);
            assertThat(get("/api/proposals/" + proposalId, null).path("supports").asInt()).isEqualTo(1);
            JsonNode queue = get("/api/plans/" + planId + "/moderation-queue", Tokens.of("moderatore")).path("items");
            assertThat(queue).hasSize(1);
            assertThat(queue.get(0).path("flags").asInt()).isEqualTo(1);
            assertThat(ids(get("/api/plans/" + planId + "/surveys", Tokens.of(STAFF)))).containsExactly(surveyId);
            assertThat(ids(get("/api/plans/" + planId + "/meetings", null))).containsExactly(meetingId);
            assertThat(get("/api/meetings/" + meetingId, null).path("confirmed").asInt()).isEqualTo(1);

            // One event each.
            assertOneEvent(plans, EventTypes.PLAN_CREATED, planId);
            assertOneEvent(synthesis, EventTypes.INDICATOR_DEFINED, indicatorId);
            assertOneEvent(synthesis, EventTypes.INDICATOR_MEASURED,
                    monitoredIndicator.substring(monitoredIndicator.lastIndexOf('/') + 1));
            assertOneEvent(proposals, EventTypes.PROPOSAL_SUBMITTED, proposalId);
            assertOneEvent(proposals, EventTypes.PROPOSAL_SUPPORTED, proposalId);
            assertOneEvent(proposals, EventTypes.PROPOSAL_FLAGGED, proposalId);
            assertOneEvent(meetings, EventTypes.MEETING_SCHEDULED, meetingId);
            assertOneEvent(meetings, EventTypes.MEETING_REGISTRATION_CONFIRMED, meetingId);
            assertThat(Relayed.matching(surveys, event -> surveyId.equals(TopicReader.header(event, "ce_subject")), 0,
                    Duration.ZERO)).as("events of the draft survey").isEmpty();
        }
    }

    /**
     * Stops each service's process and starts it again as {@code ./coprogram test-platform restart} does, then waits
     * until all are ready; fails if the script did not start one (a service started otherwise would not be restarted).
     */
    private static void restart(Map<String, String> services) throws Exception {
        Map<String, String> pids = new TreeMap<>();
        Map<String, Process> restarts = new TreeMap<>();
        Files.createDirectories(ROOT.resolve("e2e/target"));
        for (String service : services.keySet()) {
            pids.put(service, Files.readString(Platform.pidFile(service)).strip());
            restarts.put(service, new ProcessBuilder(Platform.restart(service)).directory(ROOT.toFile())
                    .redirectErrorStream(true).redirectOutput(log(service).toFile()).start());
        }
        for (Map.Entry<String, Process> restart : restarts.entrySet()) {
            String service = restart.getKey();
            assertThat(restart.getValue().waitFor(2, TimeUnit.MINUTES)).as(String.join(" ", Platform.restart(service)))
                    .isTrue();
            assertThat(restart.getValue().exitValue()).as(Files.readString(log(service))).isZero();
            assertThat(Files.readString(Platform.pidFile(service)).strip()).as(service + "'s new process")
                    .isNotEqualTo(pids.get(service));
        }
        for (Map.Entry<String, String> service : services.entrySet()) {
            URI ready = URI.create(service.getValue() + "/q/health/ready");
            await(service.getKey() + " ready again").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().until(() -> HTTP.send(HttpRequest.newBuilder(ready)
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200);
        }
    }

    private static Path log(String service) {
        return ROOT.resolve("e2e/target/restart-" + service + ".log");
    }

    /** The ids of a page's items. */
    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    /** The path of an indicator on a fresh plan moved to monitoring. */
    private static String monitoredIndicator() throws Exception {
        String staff = Tokens.of(STAFF);
        String planId = Consultation.json(expectCreated(Consultation.send("POST", "/api/plans",
                Consultation.PLAN.replace("Piano di prova end-to-end", "Piano monitorato " + UUID.randomUUID()),
                staff))).path("id").asText();
        String indicatorId = Consultation.json(expectCreated(Consultation.send("POST",
                "/api/plans/" + planId + "/indicators", """
                        {"name":"Utenti dei centri diurni","unit":"persone","baseline":5,"target":9,
                         "direction":"INCREASE"}""", staff))).path("id").asText();
        Consultation.expect(Consultation.send("POST", "/api/plans/" + planId + "/phase",
                "{\"phase\":\"MONITORING\"}", staff), 200);
        return "/api/plans/" + planId + "/indicators/" + indicatorId;
    }

    private static HttpResponse<String> expectCreated(HttpResponse<String> response) {
        Consultation.expect(response, 201);
        return response;
    }

    private static JsonNode get(String path, String token) throws Exception {
        HttpResponse<String> response = Consultation.send("GET", path, null, token);
        Consultation.expect(response, 200);
        return Consultation.json(response);
    }

    /**
     * One event: one CloudEvent id. A service stopped between publishing an event and marking it published publishes
     * the same event again once it is back (delivery is at least once, docs/architecture.md), and every consumer drops the
     * copy by its id; a create applied twice would be two ids.
     */
    private static void assertOneEvent(TopicReader topic, String type, String subject) {
        assertThat(Relayed.matching(topic, TopicReader.ofType(type, subject), 1, WAIT).stream()
                .map(event -> TopicReader.header(event, "ce_id")).distinct()).as(type + " " + subject).hasSize(1);
    }
}
