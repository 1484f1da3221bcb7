-- figure7_inputs: for every current trust, the numerator and denominator inputs of Figure 7
-- (NAO paragraph 3.12): returns in the window, IT capex in base-year prices, and FTE at the reference month.
--
-- * Window: financial years :window_start to :window_end (default 2013-14 to 2018-19), inclusive.
-- * A "year with a return" is a financial year of the window with any finance line (any measure) from the
--   trust or from any organisation folded into it. years_with_returns counts those years.
-- * it_capex_real_gbp: the sum, over the window, of IT_CAPEX lines (gross additions; IT_CAPEX_DISPOSALS lines are
--   not netted in, so one large disposal cannot push a trust below zero) of the trust and its predecessors in
--   prices of :price_base_year. A year with a return but no IT_CAPEX line contributes zero.
-- * fte: total FTE at :reference_period (default 2018-12) of the trust and every organisation folded into
--   it: the staff-level sum where the staff-level layout covers that month and organisation, otherwise the
--   published sum over staff groups and breakdowns (workforce_totals). Null when no workforce of either
--   layout exists for that month.
WITH returns_in_window AS (
    SELECT
        current_org_code                                                          AS org_code,
        count(DISTINCT fin_year)                                                  AS years_with_returns,
        sum(CASE WHEN measure = 'IT_CAPEX' THEN real_value_gbp END)              AS it_capex_real_gbp,
        sum(CASE WHEN measure = 'IT_CAPEX' THEN value_gbp END)                   AS it_capex_nominal_gbp,
        concat_ws(',', sort_array(collect_set(fin_year)))                         AS years_list,
        concat_ws(',', sort_array(collect_set(org_code)))                         AS submitting_codes
    FROM finance_folded
    WHERE fin_year BETWEEN :window_start AND :window_end
    GROUP BY current_org_code
),

reference_fte AS (
    SELECT
        current_org_code                                                          AS org_code,
        sum(total_fte)                                                            AS fte,
        CASE WHEN min(fte_source) = max(fte_source) THEN min(fte_source) ELSE 'MIXED' END AS fte_source,
        concat_ws(',', sort_array(collect_set(org_code)))                         AS workforce_codes
    FROM workforce_totals
    WHERE period = :reference_period
    GROUP BY current_org_code
)

SELECT
    t.org_code,
    t.org_name,
    t.org_type,
    t.sector,
    t.region_code,
    coalesce(r.years_with_returns, 0)                                             AS years_with_returns,
    r.years_list,
    r.submitting_codes,
    coalesce(r.it_capex_real_gbp, CAST(0 AS DECIMAL(38, 19)))                     AS it_capex_real_gbp,
    coalesce(r.it_capex_nominal_gbp, CAST(0 AS DECIMAL(38, 6)))                   AS it_capex_nominal_gbp,
    w.fte,
    w.fte_source,
    w.workforce_codes
FROM current_trusts AS t
LEFT JOIN returns_in_window AS r
    ON r.org_code = t.org_code
LEFT JOIN reference_fte AS w
    ON w.org_code = t.org_code
