-- reporting.it_capex_per_fte_exclusions: every current trust left out of Figure 7 (reporting.it_capex_per_fte),
-- one row per trust and reason; a trust with both reasons has two rows.
--
--   NO_WORKFORCE_AT_REFERENCE  no workforce of either layout at :reference_period for the trust or any
--                              organisation folded into it (or a total of zero FTE, which cannot divide)
--   NO_RETURN_IN_WINDOW        no finance return line of any measure in :window_start to :window_end from the
--                              trust or any organisation folded into it
--
-- Only trusts current at the reporting date are considered: predecessors are folded into their successors,
-- and trusts that closed without a successor are not part of Figure 7 at all.
WITH reasons AS (
    SELECT f.*, 'NO_WORKFORCE_AT_REFERENCE' AS reason, 1 AS reason_order
    FROM figure7_inputs AS f
    WHERE f.fte IS NULL OR f.fte <= 0

    UNION ALL

    SELECT f.*, 'NO_RETURN_IN_WINDOW' AS reason, 2 AS reason_order
    FROM figure7_inputs AS f
    WHERE f.years_with_returns = 0
)

SELECT
    org_code,
    reason,
    org_name,
    org_type,
    sector,
    CASE reason
        WHEN 'NO_WORKFORCE_AT_REFERENCE' THEN
            concat('no workforce (staff-level or published) at ', :reference_period,
                   ' for the trust or any organisation folded into it',
                   CASE WHEN fte IS NOT NULL THEN concat(' (total FTE ', CAST(fte AS STRING), ')') ELSE '' END)
        ELSE
            concat('no finance return of any kind in ', :window_start, ' to ', :window_end,
                   ' from the trust or any organisation folded into it')
    END                                                                 AS detail,
    years_with_returns,
    fte,
    reason_order,
    :window_start                                                       AS window_start,
    :window_end                                                         AS window_end,
    :reference_period                                                   AS reference_period
FROM reasons
