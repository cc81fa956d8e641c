-- Counters are written only by SQL increments in the transaction that inserts or deletes the row they count,
-- so proposal.supports always equals the number of support rows.
ALTER TABLE proposal
    ADD COLUMN search          tsvector NOT NULL DEFAULT ''::tsvector,
    ADD COLUMN visibility      text NOT NULL DEFAULT 'VISIBLE'
        CHECK (visibility IN ('VISIBLE', 'PENDING_REVIEW', 'HIDDEN')),
    ADD COLUMN flags           integer NOT NULL DEFAULT 0 CHECK (flags >= 0),
    ADD COLUMN open_flags      integer NOT NULL DEFAULT 0 CHECK (open_flags >= 0),
    ADD COLUMN last_flagged_at timestamptz,
    ADD COLUMN reviewed_at     timestamptz,
    ADD COLUMN answer_text     text,
    ADD COLUMN answered_at     timestamptz,
    ADD COLUMN merged_into     uuid REFERENCES proposal (id),
    ADD COLUMN withdrawn_at    timestamptz,
    ADD CONSTRAINT proposal_not_merged_into_itself CHECK (merged_into IS NULL OR merged_into <> id),
    ADD CONSTRAINT proposal_merged_has_target CHECK ((status = 'MERGED') = (merged_into IS NOT NULL));

-- Lexemes from Lucene's Italian analysis (see ItalianText), indexed with the 'simple' configuration.
CREATE INDEX proposal_search ON proposal USING gin (search);
CREATE INDEX proposal_merged_into ON proposal (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX proposal_moderation_queue ON proposal (plan_id, last_flagged_at DESC)
    WHERE open_flags > 0 OR visibility = 'PENDING_REVIEW';

-- One support per person per proposal; supporter is the person's pseudonym, not the account id.
CREATE TABLE support (
    proposal_id uuid NOT NULL REFERENCES proposal (id),
    supporter   text NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (proposal_id, supporter)
);

-- One flag per person per proposal.
CREATE TABLE flag (
    proposal_id uuid NOT NULL REFERENCES proposal (id),
    flagger     text NOT NULL,
    reason      text NOT NULL,
    details     text,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (proposal_id, flagger)
);
