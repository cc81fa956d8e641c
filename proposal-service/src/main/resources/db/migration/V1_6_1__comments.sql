-- Comments (issue #27, docs/dialogue.md): one mechanism for proposals, meetings, published social reports and plan
-- measures. A comment has at most one level of replies; the author's account id stays here, events and views carry
-- the pseudonym only. A deleted or hidden comment leaves every public output (a reply-bearing one leaves a placeholder).

-- What may be commented, with its plan (the plan's region, from plan_view, scopes moderation): proposals are added on
-- their first comment; meetings, social reports and measures come from the events of the services that own them
-- (closed: a cancelled meeting). `comments` is the public count (visible, not deleted), recounted in every transaction
-- that changes it, under this row's lock.
CREATE TABLE comment_target (
    target_type text NOT NULL CHECK (target_type IN ('PROPOSAL', 'MEETING', 'SOCIAL_REPORT', 'MEASURE')),
    target_id   uuid NOT NULL,
    plan_id     uuid NOT NULL,
    theme       text,
    closed      boolean NOT NULL DEFAULT false,
    comments    integer NOT NULL DEFAULT 0 CHECK (comments >= 0),
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (target_type, target_id)
);

CREATE TABLE comment (
    id               uuid PRIMARY KEY,
    target_type      text NOT NULL,
    target_id        uuid NOT NULL,
    plan_id          uuid NOT NULL,
    region           text NOT NULL,
    parent_id        uuid REFERENCES comment (id),
    body             text NOT NULL,
    theme            text,
    author_id        text NOT NULL,
    author_pseudonym text NOT NULL,
    organization     text,
    anchor_version   integer,
    anchor_exact     text,
    anchor_prefix    text,
    anchor_suffix    text,
    visibility       text NOT NULL DEFAULT 'VISIBLE' CHECK (visibility IN ('VISIBLE', 'HIDDEN')),
    flags            integer NOT NULL DEFAULT 0 CHECK (flags >= 0),
    created_at       timestamptz NOT NULL,
    edited_at        timestamptz,
    deleted_at       timestamptz,
    moderated_at     timestamptz,
    FOREIGN KEY (target_type, target_id) REFERENCES comment_target (target_type, target_id),
    CONSTRAINT comment_anchor_whole CHECK ((anchor_version IS NULL) = (anchor_exact IS NULL))
);
CREATE INDEX comment_thread ON comment (target_type, target_id, created_at, id) WHERE parent_id IS NULL;
CREATE INDEX comment_replies ON comment (parent_id, created_at, id) WHERE parent_id IS NOT NULL;

-- One flag per person per comment; flagger is the person's pseudonym.
CREATE TABLE comment_flag (
    comment_id uuid NOT NULL REFERENCES comment (id),
    flagger    text NOT NULL,
    reason     text NOT NULL,
    details    text,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (comment_id, flagger)
);

-- The text of each published version of each measure (plan.measure-published.v1), to validate and resolve anchors.
CREATE TABLE measure_text (
    measure_id  uuid NOT NULL,
    version     integer NOT NULL,
    plan_id     uuid NOT NULL,
    code        text NOT NULL,
    title       text NOT NULL,
    description text,
    theme       text,
    PRIMARY KEY (measure_id, version)
);
CREATE INDEX measure_text_plan_version ON measure_text (plan_id, version);

-- The public comment count on proposal views; written only by the comment repository's recount.
ALTER TABLE proposal ADD COLUMN comment_count integer NOT NULL DEFAULT 0 CHECK (comment_count >= 0);
