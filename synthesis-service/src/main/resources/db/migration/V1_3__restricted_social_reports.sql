-- A social report is restricted to the region and its district until the region publishes it (Trust I, #23): its
-- items are kept in the read model with restricted = true, and every public view leaves them out.
ALTER TABLE contribution ADD COLUMN restricted boolean NOT NULL DEFAULT false;
ALTER TABLE social_report_summary ADD COLUMN published boolean NOT NULL DEFAULT false;

UPDATE social_report_summary s SET published = r.published FROM social_report r WHERE r.id = s.report_id;
UPDATE contribution c SET restricted = NOT s.published
  FROM social_report_summary s WHERE c.source = 'SOCIAL_REPORT' AND c.parent_id = s.report_id;
