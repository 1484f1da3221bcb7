-- reporting.dspt_summary: Data Security and Protection Toolkit status by toolkit year (NAO paragraph 2.11).
--
-- One row per toolkit year x status; every status of the contract is listed, with zero trusts where none
-- had it, so a chart of it always has the same bars. A trust passes the full assessment when its status is
-- STANDARDS_MET or STANDARDS_EXCEEDED. A status stays with the organisation code that published it: it is
-- an assessment of that organisation, not of a later successor.
WITH statuses AS (
    SELECT status, status_order
    FROM VALUES
        ('STANDARDS_EXCEEDED', 1), ('STANDARDS_MET', 2), ('PLAN_AGREED', 3), ('APPROACHING_STANDARDS', 4),
        ('STANDARDS_NOT_MET', 5), ('ENTRY_LEVEL', 6), ('INTERIM_SUBMITTED', 7), ('NOT_PUBLISHED', 8)
        AS s(status, status_order)
),

latest_status AS (
    -- current_dspt_status already keeps one row per organisation and year: the latest status as at the run's date.
    -- GP practices' statuses share the file (reporting.gp_dspt_summary counts them): only trusts count here.
    SELECT org_code, dspt_year, status
    FROM current_dspt_status
    WHERE org_code IN (SELECT org_code FROM dspt_trust_codes)
),

per_year AS (
    SELECT
        dspt_year,
        count(*)                                                    AS trusts_listed,
        count_if(status <> 'NOT_PUBLISHED')                         AS trusts_returned,
        count_if(status IN ('STANDARDS_MET', 'STANDARDS_EXCEEDED')) AS trusts_passed
    FROM latest_status
    GROUP BY dspt_year
),

per_status AS (
    SELECT dspt_year, status, count(*) AS trusts
    FROM latest_status
    GROUP BY dspt_year, status
)

SELECT
    y.dspt_year,
    s.status,
    s.status_order,
    coalesce(p.trusts, 0)                                    AS trusts,
    100.0D * coalesce(p.trusts, 0) / y.trusts_listed          AS share_pct,
    y.trusts_listed,
    y.trusts_returned,
    y.trusts_passed,
    CASE WHEN y.trusts_returned > 0 THEN 100.0D * y.trusts_passed / y.trusts_returned END AS passed_pct
FROM per_year AS y
CROSS JOIN statuses AS s
LEFT JOIN per_status AS p
    ON p.dspt_year = y.dspt_year AND p.status = s.status
