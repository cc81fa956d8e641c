-- The territory version a plan uses and its districts, from org.coprogram.plan.territory-changed.v1 (synthesis-service;
-- docs/territories.md), so that a service places contributions in the plan's districts without asking synthesis-service.
-- Null until the service has heard the event: the plan then uses the composition shipped on the classpath, version 1.
-- Numbered 0.4.1 to follow V0_4 (which made the table) without taking a number another shared migration may use.
ALTER TABLE plan_view ADD COLUMN IF NOT EXISTS territory_version integer;
ALTER TABLE plan_view ADD COLUMN IF NOT EXISTS districts text;
