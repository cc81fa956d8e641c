package org.coprogram.survey.survey;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.coprogram.common.territory.TerritoryCatalog;

/**
 * What answering a published questionnaire needs of it, detached from the session. Its questions, version and
 * territory (the districts respondents are placed in) are frozen at publication; its status and closing date are not,
 * so the statement that records a response checks them again in the database.
 */
public record PublishedSurvey(UUID id, UUID planId, String region, int version, boolean anonymous,
        List<Question> questions, SurveyStatus status, OffsetDateTime closesAt, TerritoryCatalog territory) {

    /** Published and not past its closing date. */
    public boolean acceptsResponses(OffsetDateTime now) {
        return status == SurveyStatus.PUBLISHED && (closesAt == null || now.isBefore(closesAt));
    }
}
