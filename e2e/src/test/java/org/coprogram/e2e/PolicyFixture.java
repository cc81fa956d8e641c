package org.coprogram.e2e;

import static org.coprogram.e2e.Consultation.expect;
import static org.coprogram.e2e.Consultation.json;
import static org.coprogram.e2e.Consultation.send;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

/**
 * The resources one run of the access-policy table acts on, in one region, made through the gateway by that region's
 * own people: a plan in consultation with a citizen's proposal, a published questionnaire, a meeting of the district
 * and an indicator; a proposal of the organisation hidden by the region's moderator; and a second plan in the
 * social-report phase whose district has submitted its report, unpublished.
 */
record PolicyFixture(Region region, String planId, String proposalId, String hiddenProposalId, String surveyId,
        String draftSurveyId, String meetingId, String indicatorId, String reportPlanId, String organizationId,
        String commentId) {

    /** A region of the run: its code, a municipality, that municipality's district, and who is who there. */
    enum Region {
        PUGLIA("puglia", "072006", "BA-BARI", Map.of(Column.DISTRICT_OTHER, "ambito-foggia", Column.DISTRICT_OWN,
                "ambito", Column.MODERATOR_OTHER, "moderatore-abruzzo", Column.MODERATOR_OWN, "moderatore",
                Column.STAFF_OTHER, "regione-abruzzo", Column.STAFF_OWN, "regione")), ABRUZZO("abruzzo", "068028",
                        "ADS-PESCARA",
                        Map.of(Column.DISTRICT_OTHER, "ambito", Column.DISTRICT_OWN, "ambito-pescara",
                                Column.MODERATOR_OTHER, "moderatore", Column.MODERATOR_OWN, "moderatore-abruzzo",
                                Column.STAFF_OTHER, "regione",
                                Column.STAFF_OWN, "regione-abruzzo"));

        final String code;
        final String municipality;
        final String district;
        private final Map<Column, String> relativeUsers;

        Region(String code, String municipality, String district, Map<Column, String> relativeUsers) {
            this.code = code;
            this.municipality = municipality;
            this.district = district;
            this.relativeUsers = relativeUsers;
        }

        /** The demo user who plays {@code column} for resources of this region; null for the token-less columns. */
        String user(Column column) {
            return switch (column) {
                case ANONYMOUS, PARTNER -> null;
                case CITIZEN -> "cittadino";
                case ORGANISATION -> "ets";
                case DISTRICT_UNSCOPED -> "ambito-senza-regione";
                default -> relativeUsers.get(column);
            };
        }
    }

    /** The callers, in the order of the table's columns in docs/access-policy.md. */
    enum Column {
        ANONYMOUS, PARTNER, CITIZEN, ORGANISATION, DISTRICT_OTHER, DISTRICT_OWN, DISTRICT_UNSCOPED, MODERATOR_OTHER, MODERATOR_OWN, STAFF_OTHER, STAFF_OWN
    }

    static final String HIDDEN = "hidden proposal";
    static final String UNPUBLISHED_REPORT = "submitted, unpublished report";
    static final String DRAFT_SURVEY = "draft questionnaire";

    static final String SOCIAL_REPORT = """
            {"resultsAchieved":[{"theme":"anziani","text":"Assistenza domiciliare estesa a tutti i quartieri."}],
             "effectivePractices":[],"criticalIssues":[],"unmetNeeds":[],"attachments":[]}""";

    static final String MEASURE_DRAFT = """
            {"revision":0,"document":{"measures":[{"code":"M1","title":"Intervento della prova dei permessi",
             "theme":"anziani","priority":"HIGH","scope":{"level":"REGION","codes":[]},"resources":[]}]}}""";

    static String plan(Region region) {
        return """
                {"region":"%s","title":"Piano di prova dei permessi %s","periodStart":"2026-01-01",
                 "periodEnd":"2028-12-31","themes":[{"code":"anziani","label":"Anziani"}],"leps":[]}"""
                .formatted(region.code, UUID.randomUUID());
    }

    static String proposal(Region region) {
        return Consultation.PROPOSAL.replace("072006", region.municipality);
    }

    static String meeting(Region region) {
        return Consultation.MEETING.replace("072006", region.municipality);
    }

    static PolicyFixture create(Region region, Map<String, String> tokens) throws Exception {
        String staff = tokens.get(region.user(Column.STAFF_OWN));
        String district = tokens.get(region.user(Column.DISTRICT_OWN));
        String planId = openedPlan(region, staff, "CONSULTATION");
        String proposalId = Consultation.createdOnceInConsultation(
                () -> send("POST", "/api/plans/" + planId + "/proposals", proposal(region), tokens.get("cittadino")));
        String hiddenProposalId = Consultation.createdOnceInConsultation(
                () -> send("POST", "/api/plans/" + planId + "/proposals", proposal(region), tokens.get("ets")));
        expect(send("POST", "/api/proposals/" + hiddenProposalId + "/moderation",
                "{\"action\":\"HIDE\",\"note\":\"Nascosta per la prova dei permessi\"}",
                tokens.get(region.user(Column.MODERATOR_OWN))), 200);
        String surveyId = Consultation.createdOnceInConsultation(
                () -> send("POST", "/api/plans/" + planId + "/surveys", Consultation.SURVEY, staff));
        expect(send("POST", "/api/surveys/" + surveyId + "/publish", null, staff), 200);
        String draftSurveyId = Consultation.createdOnceInConsultation(
                () -> send("POST", "/api/plans/" + planId + "/surveys", Consultation.SURVEY, staff));
        String meetingId = Consultation.createdOnceInConsultation(
                () -> send("POST", "/api/plans/" + planId + "/meetings", meeting(region), district));
        String indicatorId = json(expected(send("POST", "/api/plans/" + planId + "/indicators", """
                {"name":"Utenti dei centri diurni","unit":"persone","baseline":5,"target":9,
                 "direction":"INCREASE"}""", staff), 201)).path("id").asText();
        // A measure M1 in the plan's draft, so the traceability rows find the plan of {measureId}.
        expect(send("PUT", "/api/plans/" + planId + "/document/draft", MEASURE_DRAFT, staff), 200);

        String reportPlanId = openedPlan(region, staff, "SOCIAL_REPORT");
        String report = "/api/plans/" + reportPlanId + "/social-reports/" + region.district;
        expect(send("PUT", report, SOCIAL_REPORT, district), 200);
        expect(send("POST", report + "/submit", null, district), 200);
        String organizationId = json(expected(send("POST", "/api/regions/" + region.code + "/organizations",
                "{\"name\":\"Organizzazione della prova dei permessi " + UUID.randomUUID()
                        + "\",\"kind\":\"THIRD_SECTOR\"}",
                staff), 201)).path("id").asText();
        expect(send("POST", "/api/organizations/" + organizationId + "/verification", null, staff), 200);
        String commentId = json(expected(send("POST", "/api/proposals/" + proposalId + "/comments",
                "{\"body\":\"Un commento per la prova dei permessi\"}", tokens.get("cittadino")), 201)).path("id")
                .asText();
        return new PolicyFixture(region, planId, proposalId, hiddenProposalId, surveyId, draftSurveyId, meetingId,
                indicatorId, reportPlanId, organizationId, commentId);
    }

    /** A path template of the table, with query, for the resources of {@code state}. */
    String path(String template, String state) {
        String proposal = HIDDEN.equals(state) ? hiddenProposalId : proposalId;
        String plan = UNPUBLISHED_REPORT.equals(state) ? reportPlanId : planId;
        String id = template.startsWith("/api/proposals/")
                ? proposal
                : template.startsWith("/api/surveys/")
                        ? (DRAFT_SURVEY.equals(state) ? draftSurveyId : surveyId)
                        : template.startsWith("/api/meetings/")
                                ? meetingId
                                : template.startsWith("/api/organizations/")
                                        ? organizationId
                                        // An import that does not exist: who may not read imports is refused first.
                                        : template.startsWith("/api/comments/")
                                                ? commentId
                                                // A social report or measure that does not exist (comments on them).
                                                : template.startsWith("/api/social-reports/")
                                                        || template.startsWith("/api/measures/")
                                                                ? java.util.UUID.randomUUID().toString()
                                                                : template.startsWith("/api/imports/")
                                                                        ? java.util.UUID.randomUUID().toString()
                                                                        // One's own follows: of the plan; a notification nobody has.
                                                                        : template.startsWith("/api/me/follows/")
                                                                                ? planId
                                                                                : template.startsWith(
                                                                                        "/api/me/notifications/")
                                                                                                ? java.util.UUID
                                                                                                        .randomUUID()
                                                                                                        .toString()
                                                                                                : "";
        String path = template.replace("{planId}", plan).replace("{id}", id).replace("{region}", region.code)
                .replace("{districtCode}", region.district).replace("{indicatorId}", indicatorId)
                .replace("{period}", "2026").replace("{jobId}", java.util.UUID.randomUUID().toString())
                .replace("{editId}", java.util.UUID.randomUUID().toString()).replace("{version}", "1")
                .replace("{type}", "plan")
                .replace("{username}", "nessuno-prova-permessi")
                .replace("{measureId}", org.coprogram.contracts.MeasureIds.of(UUID.fromString(plan), "M1").toString())
                .replace("{linkId}", UUID.randomUUID().toString());
        return path.endsWith("/similar") ? path + "?text=anziani" : path;
    }

    private static String openedPlan(Region region, String staff, String phase) throws Exception {
        String planId = json(expected(send("POST", "/api/plans", plan(region), staff), 201)).path("id").asText();
        expect(send("POST", "/api/plans/" + planId + "/phase", "{\"phase\":\"" + phase + "\"}", staff), 200);
        return planId;
    }

    private static HttpResponse<String> expected(HttpResponse<String> response, int status) {
        expect(response, status);
        return response;
    }
}
