-- A measure's page lists its links oldest first, 20 at a time (GET /api/measures/{id}, docs/plan-document.md): with
-- the links in this order beside the measure, a page reads its 20 rows in order and stops, where the unique
-- (measure_id, ref) index made it read and sort all of the measure's links first (thousands for a measure many
-- contributions fed; docs/performance.md, "Plan pages").
CREATE INDEX measure_link_measure_page ON measure_link (measure_id, created_at, id);
