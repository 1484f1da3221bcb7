-- finance_folded: every finance return line as at the reporting date, with its measure, its value in pounds
-- (nominal and in prices of the price base year) and the organisation it is reported against.
--
-- * current_finance_returns holds, for each (org_code, fin_year, sub_code), the line of the latest snapshot
--   on or before the as-at date: a resubmitted return replaces only the lines it resubmits.
-- * measure comes from current_finance_codes (IT_CAPEX, IT_CAPEX_DISPOSALS, TOTAL_OPERATING_EXPENDITURE,
--   OPERATING_INCOME, OTHER). A sub-code not yet listed as at the as-at date has a null measure and counts to no
--   measure.
-- * current_org_code folds the submitting organisation into the organisation it has become at the as-at
--   date (org_successor_map): a merged trust's returns belong to its successor.
-- * value_gbp = value_k x 1000, exact. real_value_gbp = value_gbp x price_factor(fin_year), exact decimal
--   arithmetic carried to 19 decimal places; null for a year without a deflator (outside the window).
-- Every line is kept with its sign as returned. IT_CAPEX lines are gross capital additions (Figure 6: "additional
-- assets and improving existing assets"); disposals of IT assets are IT_CAPEX_DISPOSALS lines, which readers
-- report beside the additions and never net into them.
SELECT
    r.org_code,
    coalesce(m.current_org_code, r.org_code)                                  AS current_org_code,
    r.fin_year,
    r.sub_code,
    c.measure,
    r.value_k * 1000                                                           AS value_gbp,
    p.price_factor,
    CAST(r.value_k * 1000 AS DECIMAL(20, 6)) * p.price_factor                  AS real_value_gbp,
    r._snapshot                                                                AS snapshot
FROM current_finance_returns AS r
LEFT JOIN current_finance_codes AS c
    ON c.sub_code = r.sub_code
LEFT JOIN org_successor_map AS m
    ON m.org_code = r.org_code
LEFT JOIN price_factors AS p
    ON p.fin_year = r.fin_year
