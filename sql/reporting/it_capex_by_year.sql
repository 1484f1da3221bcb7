-- reporting.it_capex_by_year: Figure 6 of the NAO report, national IT capital expenditure by financial year,
-- in cash terms and in prices of :price_base_year (default 2018-19).
--
-- * National = every IT_CAPEX line as at the reporting date of every submitting organisation, whether or not it
--   is current today (a predecessor's spending was national spending in its year), net of disposals.
-- * it_capex_real_gbp = sum over lines of value x price_factor(fin_year), with
--   price_factor = deflator index of the price base year / deflator index of the year (sql/silver/price_factors.sql),
--   whatever base year the deflator file uses. Null for a year without a deflator (outside the window only:
--   a window year without one stops the run).
-- * trusts_reporting = distinct submitting organisation codes with at least one IT_CAPEX line that year
--   (organisations as they submitted, not folded into successors: a predecessor and its successor that both
--   returned in one year count twice).
-- * Years listed: every financial year with at least one IT_CAPEX line.
WITH it_lines AS (
    SELECT org_code, fin_year, value_gbp, real_value_gbp
    FROM finance_folded
    WHERE measure = 'IT_CAPEX'
),

per_year AS (
    SELECT
        fin_year,
        sum(value_gbp)                   AS it_capex_nominal_gbp,
        sum(real_value_gbp)              AS it_capex_real_gbp,
        count(DISTINCT org_code)         AS trusts_reporting
    FROM it_lines
    GROUP BY fin_year
)

SELECT
    y.fin_year,
    y.it_capex_nominal_gbp,
    y.it_capex_real_gbp,
    y.trusts_reporting,
    :price_base_year                                          AS price_base_year,
    p.deflator_index,
    p.price_factor,
    y.fin_year BETWEEN :window_start AND :window_end          AS in_window
FROM per_year AS y
LEFT JOIN price_factors AS p
    ON p.fin_year = y.fin_year
