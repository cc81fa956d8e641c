-- The region's edits to the clusters (issue #30): rename, merge, split. The analysis stays computed from the
-- contributions alone; these rows are an overlay applied to every fresh analysis of the same scope, matched to its
-- clusters by the contributions they held when the edit was made (the anchors), so they survive new contributions and
-- a recomputation that renames the clusters' ids (docs/synthesis.md, "Region edits to clusters").
-- An undone edit keeps its row (undone_at, undone_by): who did what and when stays readable next to audit_entry.
CREATE SEQUENCE cluster_edit_revision;

CREATE TABLE cluster_edit (
    id            uuid PRIMARY KEY,
    plan_id       uuid NOT NULL REFERENCES plan (id),
    scope_level   text NOT NULL CHECK (scope_level IN ('region', 'province', 'district')),
    scope_code    text NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('RENAME', 'MERGE', 'SPLIT')),
    label         text CHECK (label IS NULL OR char_length(label) BETWEEN 1 AND 120),
    -- [[contribution ids of each cluster the edit was made on]]: one anchor for RENAME and SPLIT, two or more for MERGE
    anchors       jsonb NOT NULL,
    -- SPLIT: the contributions moved out into a cluster of their own; [] otherwise
    moved         jsonb NOT NULL DEFAULT '[]',
    -- the labels the clusters had when edited, for the report's "what"
    before_labels jsonb NOT NULL DEFAULT '[]',
    note          text CHECK (note IS NULL OR char_length(note) <= 500),
    created_by    text NOT NULL,
    created_at    timestamptz NOT NULL,
    undone_by     text,
    undone_at     timestamptz,
    -- bumped on every change of the row: the plan's highest revision keys the rendered report's cache
    revision      bigint NOT NULL DEFAULT nextval('cluster_edit_revision')
);
CREATE INDEX cluster_edit_plan ON cluster_edit (plan_id, created_at);
