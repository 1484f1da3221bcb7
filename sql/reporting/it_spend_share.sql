-- reporting.it_spend_share: IT capital expenditure as a percentage of total operating expenditure, per trust
-- per financial year and nationally per financial year (NAO paragraph 3.9: "less than 2% of total expenditure
-- on IT against a recommended 5% of turnover").
--
-- * Trust rows: returns folded into the organisation current at the reporting date (a merged trust's returns
--   belong to its successor; a trust that closed without a successor keeps its own rows, current_trust false).
--   it_capex_gbp = sum of IT_CAPEX lines (net of disposals); total_operating_expenditure_gbp = sum of
--   TOTAL_OPERATING_EXPENDITURE lines; both in cash terms of the same year, so no deflation is needed for a
--   share. A trust-year with only one of the two measures has the other null and no share.
-- * National rows: over the trust rows of the year that have both measures (trusts_in_national): sum of IT capex
--   / sum of total operating expenditure. Not an average of trust shares.
-- * it_share_pct = 100 x it_capex_gbp / total_operating_expenditure_gbp (DOUBLE; null when expenditure <= 0).
-- * meets_ambition: share >= :it_share_ambition_pct (5%), compared in exact decimals. National rows also carry
--   the NAO's estimate (:it_share_nao_estimate_pct, 2%) and whether the national share is below it.
-- * reporting_unit: the org_code for a trust row, ENGLAND for a national row (the key; org_code is null when
--   national).
WITH per_trust_year AS (
    SELECT
        current_org_code                                                                  AS org_code,
        fin_year,
        sum(CASE WHEN measure = 'IT_CAPEX' THEN value_gbp END)                           AS it_capex_gbp,
        sum(CASE WHEN measure = 'TOTAL_OPERATING_EXPENDITURE' THEN value_gbp END)        AS total_operating_expenditure_gbp
    FROM finance_folded
    WHERE measure IN ('IT_CAPEX', 'TOTAL_OPERATING_EXPENDITURE')
    GROUP BY current_org_code, fin_year
),

trust_rows AS (
    SELECT
        'TRUST'                                       AS scope,
        y.org_code,
        y.org_code                                    AS reporting_unit,
        y.fin_year,
        y.it_capex_gbp,
        y.total_operating_expenditure_gbp,
        o.org_name,
        o.sector,
        coalesce(o.current_trust, false)              AS current_trust,
        CAST(NULL AS BIGINT)                          AS trusts_in_national
    FROM per_trust_year AS y
    LEFT JOIN (SELECT DISTINCT current_org_code, current_org_name AS org_name, current_sector AS sector, current_trust
               FROM org_folding) AS o
        ON o.current_org_code = y.org_code
),

national_rows AS (
    SELECT
        'NATIONAL'                                    AS scope,
        CAST(NULL AS STRING)                          AS org_code,
        'ENGLAND'                                     AS reporting_unit,
        fin_year,
        sum(it_capex_gbp)                             AS it_capex_gbp,
        sum(total_operating_expenditure_gbp)          AS total_operating_expenditure_gbp,
        CAST(NULL AS STRING)                          AS org_name,
        CAST(NULL AS STRING)                          AS sector,
        CAST(NULL AS BOOLEAN)                         AS current_trust,
        count(*)                                      AS trusts_in_national
    FROM per_trust_year
    WHERE it_capex_gbp IS NOT NULL AND total_operating_expenditure_gbp IS NOT NULL
    GROUP BY fin_year
),

all_rows AS (
    SELECT * FROM trust_rows
    UNION ALL
    SELECT * FROM national_rows
)

SELECT
    scope,
    org_code,
    fin_year,
    it_capex_gbp,
    total_operating_expenditure_gbp,
    CASE WHEN total_operating_expenditure_gbp > 0
         THEN 100.0D * CAST(it_capex_gbp AS DOUBLE) / CAST(total_operating_expenditure_gbp AS DOUBLE)
    END                                                                                  AS it_share_pct,
    reporting_unit,
    org_name,
    sector,
    current_trust,
    trusts_in_national,
    :it_share_ambition_pct                                                               AS ambition_pct,
    CASE WHEN total_operating_expenditure_gbp > 0 AND it_capex_gbp IS NOT NULL
         THEN it_capex_gbp * 100 >= total_operating_expenditure_gbp * CAST(:it_share_ambition_pct AS DECIMAL(9, 4))
    END                                                                                  AS meets_ambition,
    CASE WHEN scope = 'NATIONAL' THEN :it_share_nao_estimate_pct END                    AS nao_estimate_pct,
    CASE WHEN scope = 'NATIONAL' AND total_operating_expenditure_gbp > 0
         THEN it_capex_gbp * 100 < total_operating_expenditure_gbp * CAST(:it_share_nao_estimate_pct AS DECIMAL(9, 4))
    END                                                                                  AS below_nao_estimate,
    CASE WHEN scope = 'NATIONAL' THEN 1 ELSE 2 END                                       AS scope_order
FROM all_rows
