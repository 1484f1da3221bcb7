-- current_trusts: the NHS trusts that are current at the reporting date (:as_at), one row each.
--
-- A trust is current when it has opened on or before the as-at date, has not closed by then (close_date is
-- empty or after it), and has not been succeeded by then (org_successor_map maps it to itself). A trust that
-- merged into a successor is not current: its history belongs to the successor. A trust that closed without a
-- successor is not current either, but it keeps its own rows in the trust-by-year tables.
-- Trust-level Figure 7 results (reporting.it_capex_per_fte and its exclusions) cover exactly these trusts.
SELECT
    o.org_code,
    o.org_name,
    o.org_type,
    o.sector,
    o.region_code,
    o.open_date
FROM current_organisations AS o
JOIN org_successor_map AS m
    ON m.org_code = o.org_code
WHERE m.current_org_code = o.org_code
  AND o.open_date <= :as_at
  AND (o.close_date IS NULL OR o.close_date > :as_at)
