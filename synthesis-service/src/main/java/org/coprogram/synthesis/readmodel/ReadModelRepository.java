package org.coprogram.synthesis.readmodel;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Every write to the synthesis read model (V1_2__synthesis_read_model.sql) and the reads the projections need. Runs in
 * the caller's transaction (the inbox's), so an effect commits with the record of its event id.
 */
@ApplicationScoped
class ReadModelRepository extends NativeRepository {

    /** Where a contribution or a participant is: any part may be null. */
    record Place(String municipality, String district, String province) {

        static final Place NOWHERE = new Place(null, null, null);
    }

    /** A submitted proposal, or its edit (then only kind, theme, place, title and body count). */
    record Proposal(UUID id, UUID planId, String kind, String theme, String category, Place place, String title,
            String body, String status, OffsetDateTime createdAt) {
    }

    /** A survey response; {@code title} is its survey's, {@code body} its free-text answers ("" if anonymous). */
    record SurveyResponse(UUID id, UUID planId, UUID surveyId, String category, Place place, String title, String body,
            OffsetDateTime createdAt) {
    }

    /** One contribution of a meeting's published minutes. */
    record MeetingContribution(UUID id, UUID planId, UUID meetingId, String theme, Place place, String body,
            OffsetDateTime createdAt) {
    }

    /** One finding or practice of a social report, under {@code section}. */
    record SocialReportItem(UUID id, UUID planId, UUID reportId, String theme, String district, String province,
            String title, String body, String section, OffsetDateTime createdAt, boolean restricted) {
    }

    record Meeting(UUID id, UUID planId, String type, String title, Place place, String status,
            OffsetDateTime startsAt, int confirmed) {
    }

    /** A published survey; {@code textQuestions} are the ids of its free-text questions, space-separated. */
    record Survey(UUID id, UUID planId, String title, boolean anonymous, String textQuestions) {
    }

    /** A participant, prefixed with the service that made the pseudonym; '' stands for an unknown place or category. */
    record Presence(UUID planId, String participant, Place place, String category) {

        /** Null when the event names no one. */
        static Presence of(UUID planId, String service, String pseudonym, Place place, String category) {
            if (pseudonym == null || pseudonym.isBlank()) {
                return null;
            }
            return new Presence(planId, service + ":" + pseudonym, place, category);
        }
    }

    /** Which plan an event shaped. */
    record PlanEvent(UUID eventId, UUID planId) {
    }

    private static final String[] PLAN_TABLES = {"contribution", "participant_presence", "survey_summary",
            "meeting_summary", "social_report_summary"};

    // Proposals (coprogram.proposals)

    Uni<Void> insertProposal(Proposal p) {
        return update("INSERT INTO contribution (id, plan_id, source, kind, theme, category, municipality,"
                + " district, province, title, body, status, created_at) VALUES (:id, :plan, 'PROPOSAL', :kind,"
                + " :theme, :category, :municipality, placed_district(:plan, :municipality), :province, :title, :body, :status, :created)"
                + " ON CONFLICT (id) DO NOTHING",
                named("id", p.id(), "plan", p.planId(), "kind", p.kind(), "theme", p.theme(), "category",
                        p.category(), "municipality", p.place().municipality(), "province", p.place().province(),
                        "title", p.title(), "body", p.body(), "status",
                        p.status(), "created", p.createdAt()))
                .replaceWithVoid();
    }

    Uni<Void> updateProposal(Proposal p) {
        return update("UPDATE contribution SET kind = :kind, theme = :theme, municipality = :municipality,"
                + " district = placed_district(:plan, :municipality), province = :province, title = :title,"
                + " body = :body WHERE id = :id",
                named("id", p.id(), "plan", p.planId(), "kind", p.kind(), "theme", p.theme(), "municipality",
                        p.place().municipality(), "province", p.place().province(), "title", p.title(), "body",
                        p.body()))
                .replaceWithVoid();
    }

    /** The count after the change, as the event carries it. */
    Uni<Void> proposalSupports(UUID proposalId, int supports) {
        return update("UPDATE contribution SET supports = :supports WHERE id = :id",
                named("id", proposalId, "supports", supports)).replaceWithVoid();
    }

    Uni<Void> proposalWithdrawn(UUID proposalId) {
        return update("UPDATE contribution SET status = 'WITHDRAWN' WHERE id = :id", named("id", proposalId))
                .replaceWithVoid();
    }

    Uni<Void> proposalStatus(UUID proposalId, String status) {
        return update("UPDATE contribution SET status = :value WHERE id = :id",
                named("id", proposalId, "value", status)).replaceWithVoid();
    }

    /** The proposal and the comments imported with it are hidden or shown together. */
    Uni<Void> proposalHidden(UUID proposalId, boolean hidden) {
        return update(hidden
                ? "UPDATE contribution SET hidden = true WHERE id = :id OR (parent_id = :id AND source = 'COMMENT')"
                : "UPDATE contribution SET hidden = false WHERE id = :id OR (parent_id = :id AND source = 'COMMENT')",
                named("id", proposalId)).replaceWithVoid();
    }

    /** Where an imported proposal came from, and the supports and comments it had there (docs/decidim.md). */
    Uni<Void> proposalImported(UUID proposalId, String origin, String originalUrl, int supports, int comments) {
        return update("UPDATE contribution SET origin = :origin, original_url = :url, supports = :supports,"
                + " comments = :comments WHERE id = :id",
                named("id", proposalId, "origin", origin, "url",
                        originalUrl, "supports", supports, "comments", comments))
                .replaceWithVoid();
    }

    /** An imported comment: a contribution with its proposal's theme, category and place. */
    Uni<Void> insertImportedComment(UUID commentId, UUID proposalId, String body, String origin, String originalUrl,
            OffsetDateTime createdAt) {
        return update("INSERT INTO contribution (id, plan_id, source, kind, parent_id, theme, category, municipality,"
                + " district, province, body, hidden, origin, original_url, created_at) SELECT :id, p.plan_id,"
                + " 'COMMENT', 'COMMENT', p.id, p.theme, p.category, p.municipality, p.district, p.province, :body,"
                + " p.hidden, :origin, :url, :created FROM contribution p WHERE p.id = :proposal"
                + " ON CONFLICT (id) DO NOTHING",
                named("id", commentId, "proposal", proposalId, "body", body,
                        "origin", origin, "url", originalUrl, "created", createdAt))
                .replaceWithVoid();
    }

    /** A comment on a meeting, social report or measure: the theme its event carries, the plan's region as place. */
    Uni<Void> insertComment(UUID commentId, UUID planId, UUID targetId, String theme, String body,
            OffsetDateTime createdAt) {
        return update("INSERT INTO contribution (id, plan_id, source, kind, parent_id, theme, body, created_at)"
                + " VALUES (:id, :plan, 'COMMENT', 'COMMENT', :target, :theme, :body, :created)"
                + " ON CONFLICT (id) DO NOTHING",
                named("id", commentId, "plan", planId, "target", targetId, "theme", theme, "body", body, "created",
                        createdAt))
                .replaceWithVoid();
    }

    Uni<Void> commentEdited(UUID commentId, String body) {
        return update("UPDATE contribution SET body = :body WHERE id = :id AND source = 'COMMENT'",
                named("id", commentId, "body", body)).replaceWithVoid();
    }

    /** A deleted or hidden comment leaves the synthesis. */
    Uni<Void> commentRemoved(UUID commentId) {
        return update("DELETE FROM contribution WHERE id = :id AND source = 'COMMENT'", named("id", commentId))
                .replaceWithVoid();
    }

    // Surveys (coprogram.surveys, coprogram.survey-responses)

    Uni<Void> insertSurvey(Survey s) {
        return update("INSERT INTO survey_summary (survey_id, plan_id, title, status, anonymous, text_questions)"
                + " VALUES (:id, :plan, :title, 'PUBLISHED', :anonymous, :questions) ON CONFLICT (survey_id) DO NOTHING",
                named("id", s.id(), "plan", s.planId(), "title", s.title(), "anonymous", s.anonymous(), "questions",
                        s.textQuestions()))
                .replaceWithVoid();
    }

    Uni<Void> surveyClosed(UUID surveyId) {
        return update("UPDATE survey_summary SET status = 'CLOSED' WHERE survey_id = :id", named("id", surveyId))
                .replaceWithVoid();
    }

    /** The published survey (plan id aside), or null while it is unknown here. */
    Uni<Survey> survey(UUID surveyId) {
        return rows("SELECT text_questions, title, anonymous FROM survey_summary WHERE survey_id = :id",
                named("id", surveyId)).map(
                        rows -> rows.isEmpty()
                                ? null
                                : new Survey(surveyId, null, (String) rows.get(0)[1],
                                        Boolean.TRUE.equals(rows.get(0)[2]),
                                        (String) rows.get(0)[0]));
    }

    Uni<Void> insertSurveyResponse(SurveyResponse r) {
        return update("INSERT INTO contribution (id, plan_id, source, kind, parent_id, category,"
                + " municipality, district, province, title, body, created_at) VALUES (:id, :plan, 'SURVEY',"
                + " 'SURVEY_RESPONSE', :survey, :category, :municipality, placed_district(:plan, :municipality), :province, :title,"
                + " :body, :created) ON CONFLICT (id) DO NOTHING",
                named("id", r.id(), "plan", r.planId(), "survey", r.surveyId(), "category", r.category(),
                        "municipality", r.place().municipality(), "province",
                        r.place().province(), "title", r.title(), "body", r.body(), "created", r.createdAt()))
                .replaceWithVoid();
    }

    // Meetings (coprogram.meetings)

    Uni<Void> upsertMeeting(Meeting m) {
        return update("INSERT INTO meeting_summary (meeting_id, plan_id, type, title, municipality, district,"
                + " province, status, starts_at, confirmed) VALUES (:id, :plan, :type, :title, :municipality,"
                + " placed_district(:plan, :municipality), :province, :status, :starts, :confirmed)"
                + " ON CONFLICT (meeting_id) DO UPDATE SET"
                + " type = excluded.type, title = excluded.title, municipality = excluded.municipality,"
                + " district = excluded.district, province = excluded.province, status = excluded.status,"
                + " starts_at = excluded.starts_at, confirmed = excluded.confirmed",
                named("id", m.id(), "plan", m.planId(), "type", m.type(), "title", m.title(), "municipality",
                        m.place().municipality(), "province",
                        m.place().province(), "status", m.status(), "starts", m.startsAt(), "confirmed",
                        m.confirmed()))
                .replaceWithVoid();
    }

    Uni<Void> meetingConfirmed(UUID meetingId, int confirmed) {
        return update("UPDATE meeting_summary SET confirmed = :confirmed WHERE meeting_id = :id",
                named("id", meetingId, "confirmed", confirmed)).replaceWithVoid();
    }

    /** Where the meeting takes place; {@link Place#NOWHERE} if it is unknown here. */
    Uni<Place> meetingPlace(UUID meetingId) {
        return rows("SELECT municipality, district, province FROM meeting_summary WHERE meeting_id = :id",
                named("id", meetingId)).map(
                        rows -> rows.isEmpty()
                                ? Place.NOWHERE
                                : new Place((String) rows.get(0)[0], (String) rows.get(0)[1], (String) rows.get(0)[2]));
    }

    Uni<Void> deleteMeetingContributions(UUID meetingId) {
        return update("DELETE FROM contribution WHERE parent_id = :meeting AND source = 'MEETING'",
                named("meeting", meetingId)).replaceWithVoid();
    }

    Uni<Void> insertMeetingContribution(MeetingContribution c) {
        return update("INSERT INTO contribution (id, plan_id, source, kind, parent_id,"
                + " theme, municipality, district, province, body, created_at) VALUES (:id, :plan, 'MEETING',"
                + " 'MEETING_CONTRIBUTION', :meeting, :theme, :municipality, placed_district(:plan, :municipality), :province, :body,"
                + " :created)",
                named("id", c.id(), "plan", c.planId(), "meeting", c.meetingId(), "theme", c.theme(),
                        "municipality", c.place().municipality(), "province",
                        c.place().province(), "body", c.body(), "created", c.createdAt()))
                .replaceWithVoid();
    }

    // Social reports (coprogram.synthesis, coprogram-restricted.social-reports)

    /** The report stops counting: its summary says reopened and its items are hidden. */
    Uni<Void> reportReopened(UUID reportId) {
        return update("UPDATE social_report_summary SET status = 'REOPENED', published = false"
                + " WHERE report_id = :id", named("id", reportId))
                .chain(() -> update("UPDATE contribution SET hidden = true WHERE parent_id = :id",
                        named("id", reportId)))
                .replaceWithVoid();
    }

    Uni<Void> reportSubmitted(UUID reportId, UUID planId, String district, String province, boolean published) {
        return update("INSERT INTO social_report_summary (report_id, plan_id, district, province, status, published)"
                + " VALUES (:id, :plan, :district, coalesce(placed_district_province(:plan, :district), :province),"
                + " 'SUBMITTED', :published) ON CONFLICT (report_id)"
                + " DO UPDATE SET status = 'SUBMITTED', published = :published",
                named("id", reportId, "plan", planId, "district", district, "province", province, "published",
                        published))
                .replaceWithVoid();
    }

    Uni<Void> deleteReportItems(UUID reportId) {
        return update("DELETE FROM contribution WHERE parent_id = :id", named("id", reportId)).replaceWithVoid();
    }

    Uni<Void> insertReportItem(SocialReportItem i) {
        return update("INSERT INTO contribution (id, plan_id, source, kind, parent_id, theme, category,"
                + " district, province, title, body, status, created_at, restricted) VALUES (:id, :plan,"
                + " 'SOCIAL_REPORT', 'SOCIAL_REPORT', :report, :theme, 'DISTRICT', :district,"
                + " coalesce(placed_district_province(:plan, :district), :province), :title,"
                + " :body, :section, :created, :restricted)",
                named("id", i.id(), "plan", i.planId(), "report", i.reportId(), "theme", i.theme(), "district",
                        i.district(), "province", i.province(), "title", i.title(), "body", i.body(), "section",
                        i.section(), "created", i.createdAt(), "restricted", i.restricted()))
                .replaceWithVoid();
    }

    // Participants

    /** A set: recording the same presence again changes nothing. Nothing for a null presence. */
    Uni<Void> presence(Presence p) {
        if (p == null) {
            return Uni.createFrom().voidItem();
        }
        return update("INSERT INTO participant_presence (plan_id, participant, municipality, district, province,"
                + " category) VALUES (:plan, :participant, :municipality, placed_district(:plan, :municipality), :province, :category)"
                + " ON CONFLICT DO NOTHING",
                named("plan", p.planId(), "participant", p.participant(), "municipality",
                        p.place().municipality() == null ? "" : p.place().municipality(), "province",
                        p.place().province(), "category",
                        p.category() == null ? "" : p.category()))
                .replaceWithVoid();
    }

    // Territory

    /**
     * Places the plan's rows again by the territory version it now uses: every district comes from the municipality
     * (a social report's district is its own, only its province is looked up). Under the plan's territory lock taken
     * exclusively, so no row written with the previous version is still on its way (see {@code placed_district}).
     * Answers how many rows it changed.
     */
    Uni<Integer> replace(UUID planId) {
        Map<String, Object> plan = named("plan", planId);
        String members = " FROM plan p JOIN territory_member m ON m.region = p.region"
                + " AND m.version = p.territory_version WHERE p.id = :plan";
        String placed = "(SELECT m.district_code" + members + " AND m.istat_code = c.municipality)";
        String province = "coalesce(placed_district_province(c.plan_id, c.district), c.province)";
        List<String> statements = List.of(
                "UPDATE contribution c SET district = " + placed + " WHERE c.plan_id = :plan"
                        + " AND c.source <> 'SOCIAL_REPORT' AND c.district IS DISTINCT FROM " + placed,
                "UPDATE participant_presence c SET district = " + placed + " WHERE c.plan_id = :plan"
                        + " AND c.district IS DISTINCT FROM " + placed,
                "UPDATE meeting_summary c SET district = " + placed + " WHERE c.plan_id = :plan"
                        + " AND c.district IS DISTINCT FROM " + placed,
                "UPDATE social_report_summary c SET province = " + province + " WHERE c.plan_id = :plan"
                        + " AND c.province IS DISTINCT FROM " + province,
                "UPDATE contribution c SET province = " + province + " WHERE c.plan_id = :plan"
                        + " AND c.source = 'SOCIAL_REPORT' AND c.province IS DISTINCT FROM " + province);
        Uni<Integer> changed = rows("SELECT count(*), 1 FROM (SELECT pg_advisory_xact_lock(25, hashtext(:key))) l",
                named("key", planId.toString())).replaceWith(0);
        for (String statement : statements) {
            changed = changed.flatMap(sum -> update(statement, plan).map(rows -> sum + rows));
        }
        return changed;
    }

    // Bookkeeping

    /** Which plan each event shaped, in one statement. */
    Uni<Void> planEvents(List<PlanEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder sql = new StringBuilder("INSERT INTO plan_event (event_id, plan_id) VALUES ");
        Map<String, Object> parameters = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:event").append(i).append(", :plan").append(i).append(')');
            parameters.put("event" + i, events.get(i).eventId());
            parameters.put("plan" + i, events.get(i).planId());
        }
        sql.append(" ON CONFLICT DO NOTHING");
        return update(sql.toString(), parameters).replaceWithVoid();
    }

    /** One version step for each plan, in the order given. */
    Uni<Void> raiseVersions(Iterable<UUID> plans) {
        return Multi.createFrom().iterable(plans)
                .onItem().transformToUniAndConcatenate(plan -> update(
                        "INSERT INTO read_model_version (plan_id, version, updated_at) VALUES (:plan, 1, now())"
                                + " ON CONFLICT (plan_id) DO UPDATE SET version = read_model_version.version + 1,"
                                + " updated_at = now()",
                        named("plan", plan)))
                .collect().last().replaceWithVoid();
    }

    /**
     * Forgets what the plan's events did, so they can be applied again: their ids in {@code consumer}'s inbox, the
     * plan's rows, and one version step so that kept views and analyses are computed again.
     */
    Uni<Void> forget(String consumer, UUID planId) {
        Uni<Integer> chain = update("DELETE FROM processed_event WHERE consumer = :consumer AND event_id IN"
                + " (SELECT event_id FROM plan_event WHERE plan_id = :plan)",
                Map.of("consumer", consumer, "plan", planId))
                .chain(() -> update("DELETE FROM plan_event WHERE plan_id = :plan", Map.of("plan", planId)));
        for (String table : PLAN_TABLES) {
            chain = chain.chain(() -> update("DELETE FROM " + table + " WHERE plan_id = :plan",
                    Map.of("plan", planId)));
        }
        return chain.chain(() -> update("UPDATE read_model_version SET version = version + 1, updated_at = now()"
                + " WHERE plan_id = :plan", Map.of("plan", planId))).replaceWithVoid();
    }
}
