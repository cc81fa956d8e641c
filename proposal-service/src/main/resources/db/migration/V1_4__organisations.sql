-- The registry of organisations per region (issue #25, "Verified organisations"; docs/identity.md). Region staff of
-- the region register and verify an organisation; a representative is an account the registry made one, and the
-- registry also set the account's `organization` claim in Keycloak to the organisation's id. A contribution speaks
-- for an organisation only when the claim, this table and the plan's region agree.
CREATE TABLE organization (
    id uuid PRIMARY KEY,
    region text NOT NULL,
    name text NOT NULL,
    kind text NOT NULL,
    fiscal_code text,
    runts_number text,
    verified boolean NOT NULL DEFAULT false,
    verified_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT organization_kind_not_citizen CHECK (kind <> 'CITIZEN'),
    CONSTRAINT organization_verified_at CHECK (verified = (verified_at IS NOT NULL))
);
-- One registration per fiscal code and per RUNTS number in a region.
CREATE UNIQUE INDEX organization_region_fiscal_code ON organization (region, fiscal_code) WHERE fiscal_code IS NOT NULL;
CREATE UNIQUE INDEX organization_region_runts ON organization (region, runts_number) WHERE runts_number IS NOT NULL;
CREATE INDEX organization_region_name ON organization (region, name, id);

-- One organisation per account, as the token's `organization` claim holds one.
CREATE TABLE organization_representative (
    account_id text PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organization (id),
    username text NOT NULL,
    added_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organization_representative_org ON organization_representative (organization_id, username);
