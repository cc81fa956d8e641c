-- Decidim interoperability (docs/decidim.md): proposals imported from a Decidim open-data export keep where they came
-- from and the comment count Decidim had; the imports themselves, with their files until they are processed; and
-- the imported comments (the platform has no comment feature of its own yet: these are read-only contributions).

ALTER TABLE proposal
    ADD COLUMN origin       text CHECK (origin IN ('DECIDIM')),
    ADD COLUMN original_url text,
    ADD COLUMN comments     integer NOT NULL DEFAULT 0 CHECK (comments >= 0),
    ADD COLUMN import_id    uuid;
-- One proposal per original URL in a plan: importing the same export twice adds nothing the second time.
CREATE UNIQUE INDEX proposal_plan_original_url ON proposal (plan_id, original_url) WHERE original_url IS NOT NULL;

CREATE TABLE decidim_import (
    id           uuid PRIMARY KEY,
    plan_id      uuid NOT NULL REFERENCES plan_view (id),
    region       text NOT NULL,
    -- the staff account that asked; for the audit trail and the GET's access check, never published
    requested_by text NOT NULL,
    status       text NOT NULL CHECK (status IN ('PENDING', 'DONE', 'FAILED')),
    mapping      text,
    counts       text NOT NULL DEFAULT '{}',
    problems     text NOT NULL DEFAULT '{"count": 0, "items": []}',
    created_at   timestamptz NOT NULL,
    finished_at  timestamptz
);
CREATE INDEX decidim_import_pending ON decidim_import (created_at) WHERE status = 'PENDING';

-- The uploaded parts, kept only while the import is pending (a crash mid-import restarts from them).
CREATE TABLE decidim_import_file (
    import_id uuid NOT NULL REFERENCES decidim_import (id) ON DELETE CASCADE,
    position  integer NOT NULL,
    name      text NOT NULL,
    content   bytea NOT NULL,
    PRIMARY KEY (import_id, position)
);

CREATE TABLE imported_comment (
    id               uuid PRIMARY KEY,
    plan_id          uuid NOT NULL REFERENCES plan_view (id),
    proposal_id      uuid NOT NULL REFERENCES proposal (id),
    parent_id        uuid REFERENCES imported_comment (id),
    import_id        uuid NOT NULL REFERENCES decidim_import (id),
    body             text NOT NULL,
    locale           text,
    alignment        integer NOT NULL DEFAULT 0 CHECK (alignment BETWEEN -1 AND 1),
    depth            integer NOT NULL DEFAULT 0,
    author_pseudonym text NOT NULL,
    original_url     text NOT NULL,
    created_at       timestamptz NOT NULL
);
CREATE INDEX imported_comment_proposal ON imported_comment (proposal_id, created_at, id);
CREATE UNIQUE INDEX imported_comment_plan_original_url ON imported_comment (plan_id, original_url);
