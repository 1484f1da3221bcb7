-- reporting.workforce_reconciliation: where the staff-level and the published workforce layouts cover the same
-- month and organisation, their total FTE side by side. The staff-level total is the one the other tables use;
-- this table shows how far the published figure differs.
--
-- Per organisation as submitted (not folded into a successor): the two layouts are deliveries about the same
-- organisation and month, and it is that pair that reconciles. current_org_code shows where the figures are
-- reported. difference_fte = staff-level total - published total.
SELECT
    w.period,
    w.org_code,
    w.staff_level_fte                                                         AS staff_level_total_fte,
    w.published_fte                                                           AS published_total_fte,
    w.staff_level_fte - w.published_fte                                       AS difference_fte,
    CASE WHEN w.published_fte > 0
         THEN 100.0D * CAST(w.staff_level_fte - w.published_fte AS DOUBLE) / CAST(w.published_fte AS DOUBLE)
    END                                                                       AS difference_pct,
    w.current_org_code,
    o.org_name
FROM workforce_totals AS w
LEFT JOIN current_organisations AS o
    ON o.org_code = w.org_code
WHERE w.staff_level_fte IS NOT NULL
  AND w.published_fte IS NOT NULL
