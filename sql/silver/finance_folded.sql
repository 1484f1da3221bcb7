-- finance_folded: the finance returns as at the reporting date, summed per submitting organisation, financial
-- year and measure, in pounds (nominal and in prices of the price base year), with the organisation they are
-- reported against.
--
-- * current_finance_returns holds, for each (org_code, fin_year, sub_code), the line of the latest snapshot
--   on or before the as-at date: a resubmitted return replaces only the lines it resubmits.
-- * measure comes from current_finance_codes (IT_CAPEX, IT_CAPEX_DISPOSALS, TOTAL_OPERATING_EXPENDITURE,
--   OPERATING_INCOME, OTHER). A sub-code not yet listed as at the as-at date has a null measure and counts to no
--   measure; its lines still make a (null-measure) row, so an organisation-year with a return but no measured
--   line still counts as a year with a return.
-- * current_org_code folds the submitting organisation into the organisation it has become at the as-at
--   date (org_successor_map): a merged trust's returns belong to its successor.
-- * value_gbp = sum of value_k x 1000 over the lines, exact. real_value_gbp = sum of value_gbp x
--   price_factor(fin_year) line by line, exact decimal arithmetic carried to 19 decimal places; null for a year
--   without a deflator (outside the window).
-- * Why summed here: every reader (figure7_inputs, it_capex_by_year, it_spend_share) sums by organisation, year
--   and measure, and this view is stored between runs (StoredViews). Summing once turns 3.5 million national
--   lines into about twenty thousand rows, so a reader costs milliseconds, not a scan of every line. Decimal
--   sums are exact and associative, and each sum is cast back to the type of one line, so a reader's sum of
--   these rows has the value and the type its sum of the lines had.
-- Every line is summed with its sign as returned. IT_CAPEX lines are gross capital additions (Figure 6:
-- "additional assets and improving existing assets"); disposals of IT assets are IT_CAPEX_DISPOSALS lines,
-- which readers report beside the additions and never net into them.
WITH lines AS (
    SELECT
        r.org_code,
        coalesce(m.current_org_code, r.org_code)                                  AS current_org_code,
        r.fin_year,
        c.measure,
        r.value_k * 1000                                                           AS value_gbp,
        CAST(r.value_k * 1000 AS DECIMAL(20, 6)) * p.price_factor                  AS real_value_gbp
    FROM current_finance_returns AS r
    LEFT JOIN current_finance_codes AS c
        ON c.sub_code = r.sub_code
    LEFT JOIN org_successor_map AS m
        ON m.org_code = r.org_code
    LEFT JOIN price_factors AS p
        ON p.fin_year = r.fin_year
)

SELECT
    org_code,
    current_org_code,
    fin_year,
    measure,
    CAST(sum(value_gbp) AS DECIMAL(29, 6))                                         AS value_gbp,
    CAST(sum(real_value_gbp) AS DECIMAL(38, 19))                                   AS real_value_gbp
FROM lines
GROUP BY org_code, current_org_code, fin_year, measure
