-- workforce_totals: total and informatics FTE per month and submitting organisation, from whichever
-- workforce layout covers it, with the organisation it is reported against.
--
-- * Staff-level layout (restricted.workforce_staff, one row per assignment): total FTE = sum of fte;
--   informatics FTE = sum of fte of assignments whose occupation_code is in informatics_occupations.csv.
--   Read through restricted.workforce_staff_fte (sql/ingest/workforce_staff_fte.sql), the same assignments
--   already summed per file, month, organisation and occupation code at ingest: exact decimal sums, so the
--   totals are those of the assignments, and person_id and assignment_id are never read at all.
-- * Published layout (workforce_org.csv): total FTE = sum of fte over staff groups and over any breakdown
--   columns (such as nationality). It carries no occupation, so informatics FTE is unknown (null, not zero).
-- * Where both layouts cover the same month and organisation, total_fte comes from the staff-level layout
--   (fte_source STAFF_LEVEL); the published total is kept beside it for reconciliation.
-- * Each layout is as at the reporting date: the latest snapshot per (period, org_code) replaces the whole
--   trust-month.
-- current_org_code folds the organisation into the one it has become at the organisations date (org_successor_map).
WITH staff AS (
    SELECT
        s.period,
        s.org_code,
        CAST(sum(s.fte) AS DECIMAL(34, 6))                                       AS staff_level_fte,
        CAST(sum(CASE WHEN i.occupation_code IS NOT NULL THEN s.fte ELSE CAST(0 AS DECIMAL(34, 6)) END)
             AS DECIMAL(34, 6))                                                  AS informatics_fte
    FROM current_workforce_staff_fte AS s
    LEFT JOIN current_informatics_occupations AS i
        ON i.occupation_code = s.occupation_code
    GROUP BY s.period, s.org_code
),

published AS (
    SELECT period, org_code, sum(fte) AS published_fte
    FROM current_workforce_org
    GROUP BY period, org_code
),

both_layouts AS (
    SELECT
        coalesce(s.period, p.period)                                 AS period,
        coalesce(s.org_code, p.org_code)                             AS org_code,
        s.staff_level_fte,
        s.informatics_fte,
        p.published_fte
    FROM staff AS s
    FULL OUTER JOIN published AS p
        ON p.period = s.period AND p.org_code = s.org_code
)

SELECT
    b.period,
    b.org_code,
    coalesce(m.current_org_code, b.org_code)                                     AS current_org_code,
    CASE WHEN b.staff_level_fte IS NOT NULL THEN 'STAFF_LEVEL' ELSE 'PUBLISHED' END AS fte_source,
    coalesce(b.staff_level_fte, b.published_fte)                                 AS total_fte,
    b.informatics_fte,
    b.staff_level_fte,
    b.published_fte
FROM both_layouts AS b
LEFT JOIN org_successor_map AS m
    ON m.org_code = b.org_code
