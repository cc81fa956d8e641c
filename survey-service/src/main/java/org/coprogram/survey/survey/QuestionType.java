package org.coprogram.survey.survey;

public enum QuestionType {
    SINGLE_CHOICE, MULTIPLE_CHOICE, SCALE, RANKING, SHORT_TEXT, LONG_TEXT, NUMBER, MUNICIPALITY;

    public boolean hasOptions() {
        return this == SINGLE_CHOICE || this == MULTIPLE_CHOICE || this == RANKING;
    }

    public boolean isText() {
        return this == SHORT_TEXT || this == LONG_TEXT;
    }
}
