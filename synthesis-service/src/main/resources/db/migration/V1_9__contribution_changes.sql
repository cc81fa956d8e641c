-- The change log of contributions (issue #30, docs/synthesis.md "Incremental"): which contributions of a plan were
-- inserted, changed or deleted, and by which transaction, so the text analysis reads only what changed since its last
-- computation instead of every text of the scope. Written by triggers, so every writer of `contribution` (live
-- consumption, rebuild, territory moves) is covered without knowing about it.
--
-- Ordered by the writing transaction's id (`tx`, the 64-bit xid8 as a bigint), not by a sequence: a reader remembers
-- the oldest transaction still running when it read (its snapshot's xmin) and next time reads every change from there
-- on, so a transaction that took its id early and committed late is read then, never skipped. Changes read twice are
-- harmless: the analysis compares each contribution's current row with what it holds.
CREATE TABLE contribution_change (
    plan_id         uuid NOT NULL,
    contribution_id uuid NOT NULL,
    tx              bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    changed_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contribution_change_plan_tx ON contribution_change (plan_id, tx);
CREATE INDEX contribution_change_changed_at ON contribution_change (changed_at);

-- Statement-level with transition tables: one INSERT per statement, however many rows it touched.
CREATE FUNCTION contribution_inserted_or_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO contribution_change (plan_id, contribution_id) SELECT plan_id, id FROM changed_rows;
    RETURN NULL;
END $$;

-- An update is logged only for rows whose values changed (a redelivered support count, for one, changes nothing).
CREATE FUNCTION contribution_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO contribution_change (plan_id, contribution_id)
    SELECT n.plan_id, n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE o IS DISTINCT FROM n
    UNION
    SELECT o.plan_id, o.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE o.plan_id <> n.plan_id;
    RETURN NULL;
END $$;

CREATE TRIGGER contribution_inserted AFTER INSERT ON contribution REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION contribution_inserted_or_deleted();
CREATE TRIGGER contribution_deleted AFTER DELETE ON contribution REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION contribution_inserted_or_deleted();
CREATE TRIGGER contribution_updated AFTER UPDATE ON contribution REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION contribution_updated();
