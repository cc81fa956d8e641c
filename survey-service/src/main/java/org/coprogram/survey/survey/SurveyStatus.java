package org.coprogram.survey.survey;

public enum SurveyStatus {
    DRAFT, PUBLISHED, CLOSED
}
