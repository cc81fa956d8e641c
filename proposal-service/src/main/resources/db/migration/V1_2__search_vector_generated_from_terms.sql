-- The search vector is generated from the Lucene terms written with the row, instead of an UPDATE after each
-- INSERT: one write per submission, and no dead tuple per proposal.
DROP INDEX proposal_search;
ALTER TABLE proposal DROP COLUMN search;
ALTER TABLE proposal
    ADD COLUMN title_terms text NOT NULL DEFAULT '',
    ADD COLUMN body_terms  text NOT NULL DEFAULT '',
    ADD COLUMN search      tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title_terms), 'A') || setweight(to_tsvector('simple', body_terms), 'B')
    ) STORED;
CREATE INDEX proposal_search ON proposal USING gin (search);
