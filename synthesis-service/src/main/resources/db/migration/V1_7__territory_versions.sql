-- Territories as each region's configuration (issue #25, docs/territories.md): a region's versions of its district
-- composition and of the population its equity figures use. A version is a whole snapshot, never changed once written:
-- one row per municipality of the region, placed in a district or not, with its population. Each upload changes one
-- of the two (composition or population) and carries the other from the region's latest version. The first version of
-- each region is the composition shipped under territory/ (TerritorySeed writes it at start-up).
CREATE TABLE territory_version (
    region            text NOT NULL CHECK (region IN ('puglia', 'abruzzo')),
    version           integer NOT NULL CHECK (version > 0),
    kind              text NOT NULL CHECK (kind IN ('SHIPPED', 'COMPOSITION', 'POPULATION')),
    -- from this day new plans of the region use it (the latest version in force); plans keep theirs
    effective_from    date NOT NULL,
    note              text NOT NULL CHECK (char_length(note) BETWEEN 1 AND 1000),
    population_source text NOT NULL,
    -- SHA-256 of the uploaded file, as received
    file_sha256       text NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    created_by        text NOT NULL,
    PRIMARY KEY (region, version)
);
CREATE INDEX territory_version_in_force ON territory_version (region, effective_from, version);

CREATE TABLE territory_district (
    region            text NOT NULL,
    version           integer NOT NULL,
    code              text NOT NULL,
    name              text NOT NULL,
    lead_municipality text,
    PRIMARY KEY (region, version, code),
    FOREIGN KEY (region, version) REFERENCES territory_version (region, version)
);

CREATE TABLE territory_member (
    region        text NOT NULL,
    version       integer NOT NULL,
    istat_code    text NOT NULL,
    province      text NOT NULL,
    -- null: the composition places the municipality in no district
    district_code text,
    population    integer NOT NULL CHECK (population >= 0),
    -- where the row's placement comes from (the sourced composition's source column), and its line in the file
    source        text,
    line          integer,
    PRIMARY KEY (region, version, istat_code),
    FOREIGN KEY (region, version) REFERENCES territory_version (region, version),
    FOREIGN KEY (region, version, district_code) REFERENCES territory_district (region, version, code)
);

-- The version a plan uses: set at creation (the region's version in force) and changed only by region staff. Null
-- only for plans created before this migration, until TerritorySeed gives them their region's first version.
ALTER TABLE plan ADD COLUMN territory_version integer;
ALTER TABLE plan ADD FOREIGN KEY (region, territory_version) REFERENCES territory_version (region, version);

-- The district the plan's composition places a municipality in (null when unplaced or unknown). The read model places
-- every contribution with it, so contributions follow the plan's version. It takes the plan's territory lock shared:
-- a move of the plan to another version takes it exclusively (TerritoryPlacement), so a row written with the old
-- version either commits before the move re-places the plan's rows, or waits and reads the new version.
CREATE FUNCTION placed_district(plan_id uuid, municipality text) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(25, hashtext(plan_id::text));
    RETURN (SELECT m.district_code FROM plan p
            JOIN territory_member m ON m.region = p.region AND m.version = p.territory_version
                AND m.istat_code = municipality
            WHERE p.id = plan_id);
END $$;

-- The province of a district of the plan's composition (of its first member by ISTAT code), or null.
CREATE FUNCTION placed_district_province(plan_id uuid, district text) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(25, hashtext(plan_id::text));
    RETURN (SELECT m.province FROM plan p
            JOIN territory_member m ON m.region = p.region AND m.version = p.territory_version
                AND m.district_code = district
            WHERE p.id = plan_id ORDER BY m.istat_code LIMIT 1);
END $$;
