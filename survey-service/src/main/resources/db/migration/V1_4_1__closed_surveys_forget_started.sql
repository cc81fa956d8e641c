-- A closed questionnaire no longer takes answers, so who opened it without answering is of no more use (the closing-
-- soon notice is past): closing now deletes its survey_started rows (SurveyService.closeNow); this removes those of
-- questionnaires closed before.
DELETE FROM survey_started st USING survey s WHERE s.id = st.survey_id AND s.status = 'CLOSED';
