-- The measures of a plan's published versions by their public id (issue #26, docs/plan-document.md,
-- "Accountability"): MeasureIds.of(plan, code), a name-based UUID (version 3) of "coprogram-measure:<plan>:<code>",
-- so GET /api/measures/{measureId}/progress finds its plan and code without reading every version. A row is written
-- when a version that holds the code is published; a code that was only ever in a draft has none.
CREATE TABLE plan_measure (
    measure_id     uuid PRIMARY KEY,
    plan_id        uuid NOT NULL REFERENCES plan (id),
    code           text NOT NULL,
    first_version  integer NOT NULL CHECK (first_version > 0),
    latest_version integer NOT NULL CHECK (latest_version >= first_version),
    UNIQUE (plan_id, code)
);

-- Versions published before this table: the same id as Java's UUID.nameUUIDFromBytes (MD5, version nibble 3,
-- variant bits 10).
INSERT INTO plan_measure (measure_id, plan_id, code, first_version, latest_version)
SELECT cast(substr(h, 1, 12) || '3' || substr(h, 14, 3)
            || translate(substr(h, 17, 1), '0123456789abcdef', '89ab89ab89ab89ab') || substr(h, 18) AS uuid),
       plan_id, code, first_version, latest_version
FROM (SELECT v.plan_id, m ->> 'code' AS code, min(v.version) AS first_version, max(v.version) AS latest_version,
             md5('coprogram-measure:' || v.plan_id || ':' || (m ->> 'code')) AS h
      FROM plan_document_version v, jsonb_array_elements(v.document -> 'measures') m
      GROUP BY v.plan_id, m ->> 'code') published;
