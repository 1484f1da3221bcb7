-- reporting.it_spend_share: IT capital expenditure as a percentage of total operating expenditure and of operating
-- income (turnover), per trust per financial year and nationally per financial year (NAO paragraph 3.9).
--
-- What the shares measure: the returns identify IT *capital* spend only; revenue spending on IT "is not
-- identifiable" (Figure 6 note). Both shares are therefore capital-only lower bounds of the share of spending on
-- IT. They are not comparable with NHSE&I's estimate that trusts spend "less than 2% of total expenditure on IT"
-- (capital and revenue), and no column compares them with it. Lord Darzi's 5% ambition is of turnover, so the
-- share comparable with it is it_capex_share_of_income_pct.
--
-- * Trust rows: returns folded into the organisation current at the reporting date (a merged trust's returns
--   belong to its successor; a trust that closed without a successor keeps its own rows, current_trust false).
--   it_capex_gbp = sum of IT_CAPEX lines (gross additions, never net of disposals: IT_CAPEX_DISPOSALS lines are not
--   read); total_operating_expenditure_gbp = sum of TOTAL_OPERATING_EXPENDITURE lines; operating_income_gbp = sum
--   of OPERATING_INCOME lines; all in cash terms of the same year, so no deflation is needed for a share. A
--   measure the trust did not return is null, and so is any share that needs it.
-- * it_share_pct = 100 x it_capex_gbp / total_operating_expenditure_gbp; it_capex_share_of_income_pct =
--   100 x it_capex_gbp / operating_income_gbp (DOUBLE; null when the denominator is missing or not positive).
-- * National rows: each share over its own trust-years. it_share_pct over the trust rows of the year with IT capex
--   and total operating expenditure (trusts_in_national): their sum of IT capex (it_capex_gbp) / their sum of
--   expenditure. it_capex_share_of_income_pct over the trust rows with IT capex and operating income
--   (trusts_in_national_income): their sum of IT capex (income_share_it_capex_gbp) / their sum of income
--   (operating_income_gbp). Not averages of trust shares.
-- * capex_alone_meets_ambition: IT capex alone is at least :it_share_ambition_pct (5%) of operating income,
--   compared in exact decimals. False does not mean a trust spends less than 5% of turnover on IT: revenue IT
--   spend is not in the returns.
-- * reporting_unit: the org_code for a trust row, ENGLAND for a national row (the key; org_code is null when
--   national).
WITH per_trust_year AS (
    SELECT
        current_org_code                                                                  AS org_code,
        fin_year,
        sum(CASE WHEN measure = 'IT_CAPEX' THEN value_gbp END)                           AS it_capex_gbp,
        sum(CASE WHEN measure = 'TOTAL_OPERATING_EXPENDITURE' THEN value_gbp END)        AS total_operating_expenditure_gbp,
        sum(CASE WHEN measure = 'OPERATING_INCOME' THEN value_gbp END)                   AS operating_income_gbp
    FROM finance_folded
    WHERE measure IN ('IT_CAPEX', 'TOTAL_OPERATING_EXPENDITURE', 'OPERATING_INCOME')
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
        y.operating_income_gbp,
        CASE WHEN y.operating_income_gbp IS NOT NULL THEN y.it_capex_gbp END
                                                      AS income_share_it_capex_gbp,
        o.org_name,
        o.sector,
        coalesce(o.current_trust, false)              AS current_trust,
        CAST(NULL AS BIGINT)                          AS trusts_in_national,
        CAST(NULL AS BIGINT)                          AS trusts_in_national_income
    FROM per_trust_year AS y
    LEFT JOIN (SELECT DISTINCT current_org_code, current_org_name AS org_name, current_sector AS sector, current_trust
               FROM org_folding) AS o
        ON o.current_org_code = y.org_code
),

national_inputs AS (
    SELECT
        *,
        it_capex_gbp IS NOT NULL AND total_operating_expenditure_gbp IS NOT NULL     AS in_expenditure_share,
        it_capex_gbp IS NOT NULL AND operating_income_gbp IS NOT NULL                AS in_income_share
    FROM per_trust_year
),

national_rows AS (
    SELECT
        'NATIONAL'                                                                    AS scope,
        CAST(NULL AS STRING)                                                          AS org_code,
        'ENGLAND'                                                                     AS reporting_unit,
        fin_year,
        sum(CASE WHEN in_expenditure_share THEN it_capex_gbp END)                     AS it_capex_gbp,
        sum(CASE WHEN in_expenditure_share THEN total_operating_expenditure_gbp END)  AS total_operating_expenditure_gbp,
        sum(CASE WHEN in_income_share THEN operating_income_gbp END)                  AS operating_income_gbp,
        sum(CASE WHEN in_income_share THEN it_capex_gbp END)                          AS income_share_it_capex_gbp,
        CAST(NULL AS STRING)                                                          AS org_name,
        CAST(NULL AS STRING)                                                          AS sector,
        CAST(NULL AS BOOLEAN)                                                         AS current_trust,
        count_if(in_expenditure_share)                                                AS trusts_in_national,
        count_if(in_income_share)                                                     AS trusts_in_national_income
    FROM national_inputs
    WHERE in_expenditure_share OR in_income_share
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
    operating_income_gbp,
    CASE WHEN operating_income_gbp > 0
         THEN 100.0D * CAST(income_share_it_capex_gbp AS DOUBLE) / CAST(operating_income_gbp AS DOUBLE)
    END                                                                                  AS it_capex_share_of_income_pct,
    reporting_unit,
    org_name,
    sector,
    current_trust,
    trusts_in_national,
    income_share_it_capex_gbp,
    trusts_in_national_income,
    :it_share_ambition_pct                                                               AS ambition_pct,
    CASE WHEN operating_income_gbp > 0 AND income_share_it_capex_gbp IS NOT NULL
         THEN income_share_it_capex_gbp * 100
              >= operating_income_gbp * CAST(:it_share_ambition_pct AS DECIMAL(9, 4))
    END                                                                                  AS capex_alone_meets_ambition,
    CASE WHEN scope = 'NATIONAL' THEN 1 ELSE 2 END                                       AS scope_order
FROM all_rows
