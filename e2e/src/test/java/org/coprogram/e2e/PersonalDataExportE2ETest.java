package org.coprogram.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.coprogram.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Through the gateway on the real platform: a person with data in every service (a proposal, a support, a comment, a
 * registration, a named and an anonymous questionnaire, a follow, a notification) downloads one document holding all
 * of it and nothing of a second person active on the same proposals, questionnaire and meeting; the anonymous
 * questionnaire's answer is not in it; an anonymous caller is refused.
 */
@Tag("e2e")
class PersonalDataExportE2ETest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANONYMOUS_SURVEY = """
            {"title":"Questionario anonimo dell'esportazione","description":"Prova.","anonymous":true,
             "questions":[{"id":"nota","type":"SHORT_TEXT","label":"Nota","required":true}]}""";
    private static final String NAMED_SURVEY = """
            {"title":"Questionario nominativo dell'esportazione","description":"Prova.","anonymous":false,
             "questions":[{"id":"nota","type":"SHORT_TEXT","label":"Nota","required":true}]}""";

    @Test
    void theExportHoldsEverythingAboutThePersonAndNothingAboutAnother() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String staff = Tokens.of("regione");
        String me = Tokens.of("cittadino");
        String other = Tokens.of("ets");
        Consultation consultation = Consultation.create(staff, me, Tokens.of("ambito"), 30);
        String plan = consultation.planId();
        String myProposal = consultation.proposalId();
        String theirProposal = Consultation.createdOnceInConsultation(() -> Consultation.send("POST",
                "/api/plans/" + plan + "/proposals", """
                        {"kind":"PROPOSAL","title":"Proposta dell'ente %s","theme":"anziani","municipality":"072006",
                         "body":"Un doposcuola solidale gestito dall'ente del terzo settore %s."}"""
                        .formatted(marker, marker),
                other));

        Consultation.expect(Consultation.send("POST", "/api/proposals/" + theirProposal + "/supports", null, me), 201);
        Consultation.expect(Consultation.send("POST", "/api/proposals/" + myProposal + "/supports", null, other), 201);
        String myComment = Consultation.json(Consultation.send("POST", "/api/proposals/" + theirProposal + "/comments",
                "{\"body\":\"Commento della cittadina " + marker + "\"}", me)).path("id").asText();
        String theirComment = Consultation.json(Consultation.send("POST", "/api/proposals/" + myProposal + "/comments",
                "{\"body\":\"Commento dell'ente " + marker + "\"}", other)).path("id").asText();

        Consultation.expect(Consultation.send("POST", "/api/meetings/" + consultation.meetingId() + "/registrations",
                null, me), 201);
        Consultation.expect(Consultation.send("POST", "/api/meetings/" + consultation.meetingId() + "/registrations",
                null, other), 201);
        String myCode = registrationCode(me, consultation.meetingId());
        String theirCode = registrationCode(other, consultation.meetingId());

        String named = publishedSurvey(staff, plan, NAMED_SURVEY);
        String anonymous = publishedSurvey(staff, plan, ANONYMOUS_SURVEY);
        String myResponse = Consultation.json(Consultation.send("POST", "/api/surveys/" + named + "/responses",
                "{\"answers\":{\"nota\":\"risposta nominativa " + marker + "\"}}", me)).path("responseId").asText();
        String theirResponse = Consultation.json(Consultation.send("POST", "/api/surveys/" + named + "/responses",
                "{\"answers\":{\"nota\":\"risposta dell'ente " + marker + "\"}}", other)).path("responseId").asText();
        Consultation.expect(Consultation.send("POST", "/api/surveys/" + anonymous + "/responses",
                "{\"answers\":{\"nota\":\"segreto anonimo " + marker + "\"}}", me), 201);

        Consultation.expect(Consultation.send("PUT", "/api/me/follows/plan/" + plan, null, me), 204);
        // the registration's confirmation reaches notification-service through the restricted topic
        await("the confirmation in the notification centre").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).until(() -> Consultation.json(Consultation.send("GET",
                        "/api/me/notifications?size=100", null, me)).toString().contains(consultation.meetingId()));

        HttpResponse<String> response = Consultation.send("GET", "/api/me/export", null, me);
        Consultation.expect(response, 200);
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"coprogram-dati-personali.json\"");
        String body = response.body();
        JsonNode export = JSON.readTree(body);
        assertThat(export.path("format").asText()).isEqualTo("coprogram-personal-data/1");
        assertThat(export.path("account").asText()).isEqualTo(subject(me));
        JsonNode parts = export.path("parts");

        JsonNode proposals = parts.path("proposal-service");
        assertThat(values(proposals.path("proposals"), "id")).contains(myProposal).doesNotContain(theirProposal);
        assertThat(values(proposals.path("supports"), "proposalId")).contains(theirProposal)
                .doesNotContain(myProposal);
        assertThat(values(proposals.path("comments"), "id")).contains(myComment).doesNotContain(theirComment);

        JsonNode receipts = parts.path("survey-service").path("surveyReceipts");
        JsonNode namedReceipt = find(receipts, "surveyId", named);
        assertThat(namedReceipt.path("responseId").asText()).isEqualTo(myResponse);
        assertThat(namedReceipt.path("answers").path("nota").asText()).isEqualTo("risposta nominativa " + marker);
        JsonNode anonymousReceipt = find(receipts, "surveyId", anonymous);
        assertThat(anonymousReceipt.path("anonymous").asBoolean()).isTrue();
        assertThat(anonymousReceipt.path("responseId").isNull()).isTrue();
        assertThat(anonymousReceipt.path("submittedAt").isNull()).isTrue();
        assertThat(anonymousReceipt.path("answers").isNull()).isTrue();

        JsonNode registration = find(parts.path("meeting-service").path("registrations"), "meetingId",
                consultation.meetingId());
        assertThat(registration.path("code").asText()).isEqualTo(myCode);

        JsonNode notifications = parts.path("notification-service");
        assertThat(values(notifications.path("follows"), "targetId")).contains(plan);
        assertThat(values(notifications.path("notifications"), "subjectId")).contains(consultation.meetingId());

        // nothing about the other person, and nothing that links the anonymous answer
        assertThat(body).doesNotContain(subject(other), theirCode, theirComment, theirResponse,
                "Commento dell'ente " + marker, "risposta dell'ente " + marker, "segreto anonimo " + marker);

        Consultation.expect(Consultation.send("GET", "/api/me/export", null, null), 401);
    }

    private static String publishedSurvey(String staff, String plan, String definition) throws Exception {
        String id = Consultation.createdOnceInConsultation(
                () -> Consultation.send("POST", "/api/plans/" + plan + "/surveys", definition, staff));
        Consultation.expect(Consultation.send("POST", "/api/surveys/" + id + "/publish", null, staff), 200);
        return id;
    }

    private static String registrationCode(String token, String meetingId) throws Exception {
        return find(Consultation.json(Consultation.send("GET", "/api/me/registrations?size=100", null, token))
                .path("items"), "meetingId", meetingId).path("code").asText();
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.path(field).asText())) {
                return item;
            }
        }
        throw new AssertionError("no " + field + " " + value + " in " + array);
    }

    private static List<String> values(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.path(field).asText()));
        return values;
    }

    private static String subject(String token) throws Exception {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8))
                .path("sub").asText();
    }
}
