-- A questionnaire keeps the territory version it was published with, like its questions (docs/territories.md):
-- respondents are placed, and results cut by district, by that version's districts, so a later move of the plan never
-- re-cuts a published survey's district slices. Null for questionnaires published before: version 1, the shipped
-- composition, which is what they were placed by.
ALTER TABLE survey ADD COLUMN territory_version integer;
ALTER TABLE survey ADD COLUMN districts text;
