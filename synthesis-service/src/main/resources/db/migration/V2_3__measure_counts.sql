-- A measure's public counts, kept (issue #26, docs/performance.md "Plan pages"): the contributions behind it by
-- province, district and category, and its public links' total. Computed from measure_link and contribution they cost
-- one probe per link (thousands for a measure many contributions fed); kept here, a measure page reads one row.
--
-- When a kept row still holds:
-- - `links_version` is bumped by the triggers below in the transaction of every statement that adds or removes links
--   of the measure (the API's writes and any other writer alike); a row is kept for the version it was computed at,
--   and stored only if that version is still the current one (so a link committed while it was computed is never
--   hidden by it);
-- - `computed_xmin` is the oldest transaction still running when the counts were read (their snapshot's xmin): a
--   change to one of the plan's contributions (hidden, withdrawn, moved, a new survey response: contribution_change,
--   V1_9) by any transaction from there on makes the row stale;
-- - `computed_at`: a row older than 10 minutes is computed again, well inside the change log's retention (twice the
--   analysis's recompute-after, 12 h by default), so no change is forgotten before a reader could see it.
CREATE TABLE measure_count (
    measure_id       uuid PRIMARY KEY,
    links_version    bigint NOT NULL DEFAULT 0,
    computed_version bigint,
    computed_xmin    bigint,
    computed_at      timestamptz,
    linked_total     bigint,
    -- [{"d": "province"|"district"|"category"|"total", "c": code ('' for not known), "n": count}]
    counts           jsonb
);

CREATE FUNCTION measure_links_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO measure_count (measure_id, links_version)
    SELECT DISTINCT measure_id, 1 FROM changed_rows ORDER BY measure_id
    ON CONFLICT (measure_id) DO UPDATE SET links_version = measure_count.links_version + 1;
    RETURN NULL;
END $$;

-- A link's outcome or reason changes no count: updates need no trigger.
CREATE TRIGGER measure_link_inserted AFTER INSERT ON measure_link REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION measure_links_changed();
CREATE TRIGGER measure_link_deleted AFTER DELETE ON measure_link REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION measure_links_changed();
