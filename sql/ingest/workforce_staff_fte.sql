-- restricted.workforce_staff_fte: the staff-level workforce extract summed to FTE per month, organisation and
-- occupation code, one row per landing file's (period, org_code, occupation_code). Written at ingest from the
-- rows of the new files only (the view new_workforce_staff), so a new month costs one file's work and every
-- report reads about 1/60th of the staff-level rows.
--
-- * fte = sum of fte of the file's valid assignments with that period, org_code and occupation_code; exact
--   DECIMAL(34, 6), the type sum() gives over bronze's DECIMAL(24, 6), so totals are identical to summing the
--   assignments themselves.
-- * assignments = number of those assignments. Kept for reconciliation; it is a count of staff, so the table is
--   restricted and no report publishes it.
-- * The occupation code is kept (not the informatics flag), so a later informatics_occupations.csv re-classifies
--   past months without re-reading the staff files.
-- * _source_file and _snapshot carry the lineage: supersession (the latest snapshot per period and org_code, as
--   at the reporting date) works on this table exactly as on restricted.workforce_staff.
SELECT
    period,
    org_code,
    occupation_code,
    sum(fte)                          AS fte,
    count(*)                          AS assignments,
    _source_file,
    _snapshot
FROM new_workforce_staff
GROUP BY _source_file, _snapshot, period, org_code, occupation_code
