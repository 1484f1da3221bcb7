-- reporting.informatics_workforce: total FTE, informatics FTE and the informatics share of the workforce, per
-- trust per month and nationally per month (NAO paragraph 3.13).
--
-- Which figure this is: the IDENTIFIABLE informatics share, i.e. the FTE that occupation codes can count. HEE's
-- comparable figure is 34,800 FTE identifiable in informatics roles in 2019 (about 3.3% of the workforce), which
-- it calls "likely to be an underestimate". HEE's 40,600 to 53,900 FTE (4% to 5%) is an estimate of the actual
-- number beyond what the codes identify: no occupation code can reproduce it, so it is not what this table counts.
--
-- * Trust rows: every month and organisation of sql/silver/workforce_totals.sql, folded into the organisation
--   current at the reporting date (a merged trust's staff belong to its successor; a trust that closed without
--   a successor keeps its own rows, current_trust false).
--   total_fte: the staff-level total where the staff-level layout covers the month and organisation, else the
--   published total over staff groups and breakdowns. informatics_fte: FTE of assignments whose occupation code
--   is in informatics_occupations.csv; it needs the staff-level layout, so it is null (not zero) unless every
--   organisation folded into the trust that month has staff-level data. informatics_share_pct =
--   100 x informatics_fte / total_fte.
-- * National rows: total_fte = sum over every trust row of the month (all trusts, whichever layout).
--   informatics_fte = sum over the trusts with staff-level data; informatics_base_fte = total FTE of those same
--   trusts; informatics_share_pct = 100 x informatics_fte / informatics_base_fte, i.e. the share is taken over the
--   trusts with staff-level data only, never over trusts whose informatics staff are unknown. Null when no trust
--   has staff-level data that month.
--   The national row says what it covers (the staff-level layout's coverage, as the ENGLAND label alone would
--   overstate it): trusts_covered = trusts (after folding) whose informatics FTE is known that month;
--   trusts_total = every trust row of the month; fte_covered_pct = 100 x informatics_base_fte / total_fte, the
--   share of the month's total FTE that the informatics share is taken over. All three are null on trust rows.
-- * No count of people or assignments is published here, and person_id / assignment_id never leave
--   restricted.workforce_staff.
WITH per_trust AS (
    SELECT
        current_org_code                                                    AS org_code,
        period,
        sum(total_fte)                                                      AS total_fte,
        CASE WHEN bool_and(fte_source = 'STAFF_LEVEL') THEN sum(informatics_fte) END AS informatics_fte,
        CASE WHEN bool_and(fte_source = 'STAFF_LEVEL') THEN 'STAFF_LEVEL'
             WHEN bool_and(fte_source = 'PUBLISHED') THEN 'PUBLISHED'
             ELSE 'MIXED' END                                               AS fte_source
    FROM workforce_totals
    GROUP BY current_org_code, period
),

trust_rows AS (
    SELECT
        'TRUST'                                                             AS scope,
        t.org_code,
        t.org_code                                                          AS reporting_unit,
        t.period,
        t.total_fte,
        t.informatics_fte,
        CASE WHEN t.informatics_fte IS NOT NULL THEN t.total_fte END        AS informatics_base_fte,
        t.fte_source,
        o.org_name,
        o.sector,
        coalesce(o.current_trust, false)                                    AS current_trust,
        CAST(NULL AS BIGINT)                                                AS trusts_covered,
        CAST(NULL AS BIGINT)                                                AS trusts_total
    FROM per_trust AS t
    LEFT JOIN (SELECT DISTINCT current_org_code, current_org_name AS org_name, current_sector AS sector, current_trust
               FROM org_folding) AS o
        ON o.current_org_code = t.org_code
),

national_rows AS (
    SELECT
        'NATIONAL'                                                          AS scope,
        CAST(NULL AS STRING)                                                AS org_code,
        'ENGLAND'                                                           AS reporting_unit,
        period,
        sum(total_fte)                                                      AS total_fte,
        sum(informatics_fte)                                                AS informatics_fte,
        sum(CASE WHEN informatics_fte IS NOT NULL THEN total_fte END)       AS informatics_base_fte,
        CASE WHEN count(informatics_fte) = count(*) THEN 'STAFF_LEVEL'
             WHEN count(informatics_fte) = 0 THEN 'PUBLISHED'
             ELSE 'MIXED' END                                               AS fte_source,
        CAST(NULL AS STRING)                                                AS org_name,
        CAST(NULL AS STRING)                                                AS sector,
        CAST(NULL AS BOOLEAN)                                               AS current_trust,
        count(informatics_fte)                                              AS trusts_covered,
        count(*)                                                            AS trusts_total
    FROM per_trust
    GROUP BY period
),

all_rows AS (
    SELECT * FROM trust_rows
    UNION ALL
    SELECT * FROM national_rows
)

SELECT
    scope,
    org_code,
    period,
    total_fte,
    informatics_fte,
    CASE WHEN informatics_base_fte > 0
         THEN 100.0D * CAST(informatics_fte AS DOUBLE) / CAST(informatics_base_fte AS DOUBLE)
    END                                                                     AS informatics_share_pct,
    reporting_unit,
    informatics_base_fte,
    fte_source,
    org_name,
    sector,
    current_trust,
    trusts_covered,
    trusts_total,
    CASE WHEN scope = 'NATIONAL' AND total_fte > 0
         THEN 100.0D * CAST(coalesce(informatics_base_fte, 0) AS DOUBLE) / CAST(total_fte AS DOUBLE)
    END                                                                     AS fte_covered_pct,
    CASE WHEN scope = 'NATIONAL' THEN 1 ELSE 2 END                          AS scope_order
FROM all_rows
