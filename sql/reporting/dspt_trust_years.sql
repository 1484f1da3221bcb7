-- reporting.dspt_trust_years: for each organisation with a DSPT status, the toolkit years in which it did
-- not meet the standard (NAO paragraph 2.11: "100 trusts had not met the standard by April 2019").
-- "Did not meet" = returned an assessment that was not STANDARDS_MET or STANDARDS_EXCEEDED (not publishing
-- is counted separately). DSPT statuses are published per organisation by NHS Digital.
WITH statuses AS (
    SELECT org_code, dspt_year, status,
           status NOT IN ('STANDARDS_MET', 'STANDARDS_EXCEEDED', 'NOT_PUBLISHED') AS not_met
    FROM current_dspt_status
    -- GP practices' statuses share the file (reporting.gp_dspt_summary counts them): only trusts are listed here
    WHERE org_code IN (SELECT org_code FROM dspt_trust_codes)
)

SELECT
    s.org_code,
    first(o.org_name)                                                          AS org_name,
    count(*)                                                                   AS years_listed,
    count_if(s.not_met)                                                        AS years_not_met_count,
    array_join(array_sort(collect_list(CASE WHEN s.not_met THEN s.dspt_year END)), ';') AS years_not_met,
    array_join(array_sort(collect_list(CASE WHEN s.status = 'NOT_PUBLISHED' THEN s.dspt_year END)), ';')
                                                                               AS years_not_published,
    max(s.dspt_year)                                                           AS latest_dspt_year,
    max_by(s.status, s.dspt_year)                                              AS latest_status
FROM statuses AS s
LEFT JOIN current_organisations AS o
    ON o.org_code = s.org_code
GROUP BY s.org_code
