-- reporting.it_capex_per_fte: Figure 7 of the NAO report (paragraph 3.12), one row per current trust that has
-- both a finance return in the window and workforce at the reference month.
--
--   avg_annual_it_capex_gbp = (sum of IT capex, gross additions, in :price_base_year prices, over the
--                              window years with a return) / years_with_returns
--   it_capex_per_fte_gbp    = avg_annual_it_capex_gbp / FTE at :reference_period
--
-- The average is over the years that have a return, not over every year of the window: a trust that did not
-- return one year is not counted as spending nothing that year. The returns and FTE of organisations that
-- merged into the trust (directly or through a chain) are folded into it (see sql/silver/figure7_inputs.sql).
-- Every current trust left out is listed, with the reason, in reporting.it_capex_per_fte_exclusions.
-- IT capex is the IT_CAPEX lines only (additions): disposals (IT_CAPEX_DISPOSALS) are not netted in, so no trust's
-- average can be negative because it sold assets; the .yml's data test stops the run if one is.
--
-- rank: 1 = highest IT capex per FTE (RANK(): equal values share a rank, the next rank is skipped).
-- percentile: 100 x PERCENT_RANK() in ascending order of IT capex per FTE = the percentage of the other
-- included trusts whose value is strictly lower (0 = lowest, 100 = highest).
-- Money is exact decimal, in pounds, unrounded (the publication pack rounds).
WITH included AS (
    SELECT
        f.*,
        f.it_capex_real_gbp / f.years_with_returns                     AS avg_annual_it_capex_gbp
    FROM figure7_inputs AS f
    WHERE f.years_with_returns > 0
      AND f.fte > 0
),

per_fte AS (
    SELECT
        i.*,
        i.avg_annual_it_capex_gbp / i.fte                               AS it_capex_per_fte_gbp
    FROM included AS i
)

SELECT
    org_code,
    org_name,
    sector,
    years_with_returns,
    avg_annual_it_capex_gbp,
    fte,
    it_capex_per_fte_gbp,
    org_type,
    region_code,
    CAST(rank() OVER (ORDER BY it_capex_per_fte_gbp DESC) AS INT)             AS `rank`,
    100.0D * percent_rank() OVER (ORDER BY it_capex_per_fte_gbp ASC)          AS `percentile`,
    it_capex_real_gbp                                                          AS it_capex_real_window_gbp,
    it_capex_nominal_gbp                                                       AS it_capex_nominal_window_gbp,
    years_list                                                                 AS years_with_returns_list,
    submitting_codes                                                           AS finance_org_codes,
    fte_source,
    workforce_codes                                                            AS workforce_org_codes,
    :price_base_year                                                           AS price_base_year,
    :window_start                                                              AS window_start,
    :window_end                                                                AS window_end,
    :reference_period                                                          AS reference_period
FROM per_fte
