-- Anonymous survey responses are contributions without text (#24): their words stay in survey-service, readable only
-- by the region's staff through the export. Drop what earlier versions copied here, so no analysis shows it again.
UPDATE contribution c SET body = ''
FROM survey_summary s
WHERE c.source = 'SURVEY' AND c.parent_id = s.survey_id AND s.anonymous AND c.body <> '';
