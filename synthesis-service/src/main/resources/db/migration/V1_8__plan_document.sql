-- The plan's own content (issue #26, docs/plan-document.md): a draft that region staff rewrite, and the versions they
-- publish from it, frozen. The document (sections and measures with their resources) is JSON the service validates;
-- amounts in it are decimal strings, never floating point.
CREATE TABLE plan_document_draft (
    plan_id    uuid PRIMARY KEY REFERENCES plan (id),
    -- raised by every write: a write that names an older revision is refused (two editors never overwrite each other)
    revision   integer NOT NULL CHECK (revision > 0),
    document   jsonb NOT NULL,
    updated_by text NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE plan_document_version (
    plan_id      uuid NOT NULL REFERENCES plan (id),
    version      integer NOT NULL CHECK (version > 0),
    document     jsonb NOT NULL,
    note         text CHECK (note IS NULL OR char_length(note) <= 1000),
    published_by text NOT NULL,
    published_at timestamptz NOT NULL,
    PRIMARY KEY (plan_id, version)
);
