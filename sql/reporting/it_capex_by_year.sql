-- reporting.it_capex_by_year: Figure 6 of the NAO report, national IT capital expenditure by financial year,
-- in cash terms and in prices of :price_base_year (default 2018-19).
--
-- * IT capital expenditure = gross additions: the IT_CAPEX lines (hardware, software, internally generated IT).
--   Figure 6 counts "additional assets and improving existing assets", and the contract's IT_CAPEX is never net
--   of disposals. Disposals of IT assets (IT_CAPEX_DISPOSALS lines) are shown beside the additions, in their own
--   columns, with their sign as returned (the returns record a disposal as a negative value); they are not
--   subtracted from anything.
-- * National = every such line as at the reporting date of every submitting organisation, whether or not it is
--   current today (a predecessor's spending was national spending in its year).
-- * *_real_gbp = sum over lines of value x price_factor(fin_year), with
--   price_factor = deflator index of the price base year / deflator index of the year (sql/silver/price_factors.sql),
--   whatever base year the deflator file uses. Null for a year without a deflator (outside the window only:
--   a window year without one stops the run).
-- * trusts_reporting = distinct submitting organisation codes with at least one IT_CAPEX (additions) line that
--   year (organisations as they submitted, not folded into successors: a predecessor and its successor that both
--   returned in one year count twice); trusts_reporting_disposals the same for IT_CAPEX_DISPOSALS lines.
-- * Years listed: every financial year with at least one IT_CAPEX or IT_CAPEX_DISPOSALS line; a year with lines
--   of one kind only has zero for the other.
WITH it_lines AS (
    SELECT org_code, fin_year, measure, value_gbp, real_value_gbp
    FROM finance_folded
    WHERE measure IN ('IT_CAPEX', 'IT_CAPEX_DISPOSALS')
),

per_year AS (
    SELECT
        fin_year,
        sum(CASE WHEN measure = 'IT_CAPEX' THEN value_gbp END)                        AS additions_nominal,
        sum(CASE WHEN measure = 'IT_CAPEX' THEN real_value_gbp END)                   AS additions_real,
        sum(CASE WHEN measure = 'IT_CAPEX_DISPOSALS' THEN value_gbp END)              AS disposals_nominal,
        sum(CASE WHEN measure = 'IT_CAPEX_DISPOSALS' THEN real_value_gbp END)         AS disposals_real,
        count(DISTINCT CASE WHEN measure = 'IT_CAPEX' THEN org_code END)              AS trusts_reporting,
        count(DISTINCT CASE WHEN measure = 'IT_CAPEX_DISPOSALS' THEN org_code END)    AS trusts_reporting_disposals
    FROM it_lines
    GROUP BY fin_year
)

SELECT
    y.fin_year,
    coalesce(y.additions_nominal, 0)                                                  AS it_capex_nominal_gbp,
    CASE WHEN p.price_factor IS NOT NULL THEN coalesce(y.additions_real, 0) END       AS it_capex_real_gbp,
    y.trusts_reporting,
    coalesce(y.disposals_nominal, 0)                                                  AS it_capex_disposals_nominal_gbp,
    CASE WHEN p.price_factor IS NOT NULL THEN coalesce(y.disposals_real, 0) END       AS it_capex_disposals_real_gbp,
    y.trusts_reporting_disposals,
    :price_base_year                                                                  AS price_base_year,
    p.deflator_index,
    p.price_factor,
    y.fin_year BETWEEN :window_start AND :window_end                                  AS in_window
FROM per_year AS y
LEFT JOIN price_factors AS p
    ON p.fin_year = y.fin_year
