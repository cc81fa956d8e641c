-- plan_view (the local view of plans) is common's db/planview/V0_4__plan_view.sql.

CREATE TABLE proposal (
    id               uuid PRIMARY KEY,
    plan_id          uuid NOT NULL REFERENCES plan_view (id),
    kind             text NOT NULL,
    title            text NOT NULL,
    body             text NOT NULL,
    theme            text NOT NULL,
    municipality     char(6) NOT NULL,
    district         text,
    province         text NOT NULL,
    category         text NOT NULL,
    organization     text,
    status           text NOT NULL,
    supports         integer NOT NULL DEFAULT 0 CHECK (supports >= 0),
    author_id        text NOT NULL,
    author_pseudonym text NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    version          integer NOT NULL DEFAULT 0
);
CREATE INDEX proposal_plan_recent ON proposal (plan_id, created_at DESC, id);
CREATE INDEX proposal_plan_supports ON proposal (plan_id, supports DESC, created_at DESC, id);
CREATE INDEX proposal_plan_theme ON proposal (plan_id, theme);
CREATE INDEX proposal_plan_municipality ON proposal (plan_id, municipality);
CREATE INDEX proposal_plan_district ON proposal (plan_id, district);
CREATE INDEX proposal_plan_province ON proposal (plan_id, province);
