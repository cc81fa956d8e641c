-- Contributions imported from Decidim (docs/decidim.md): proposals keep their origin, original URL and the comments
-- and supports they had; imported comments are contributions of their own (source COMMENT, parent_id = proposal),
-- counted and clustered with the theme and place of their proposal.
ALTER TABLE contribution DROP CONSTRAINT contribution_source_check;
ALTER TABLE contribution ADD CONSTRAINT contribution_source_check
    CHECK (source IN ('PROPOSAL', 'SURVEY', 'MEETING', 'SOCIAL_REPORT', 'COMMENT'));
ALTER TABLE contribution
    ADD COLUMN origin       text,
    ADD COLUMN original_url text,
    ADD COLUMN comments     integer NOT NULL DEFAULT 0;
