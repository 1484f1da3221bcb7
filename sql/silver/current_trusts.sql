-- current_trusts: the NHS trusts that are current at the organisations date (:organisations_as_at), one row
-- each. The organisations date is the reporting date (:as_at) unless the run fixes an earlier one
-- (run --organisations-as-at), to show the trusts as they stood then: Figure 7 as at 2019-03-31 has the
-- trusts that merged in 2019-20 and 2020-21 as separate rows, as the report drew them.
--
-- A trust is current when it has opened on or before the organisations date, has not closed by then
-- (close_date is empty or after it), and has not been succeeded by then (org_successor_map, built at the same
-- date, maps it to itself). A trust that merged into a successor is not current: its history belongs to the
-- successor. A trust that closed without a successor is not current either, but it keeps its own rows in the
-- trust-by-year tables. Open and close dates come from the latest organisations snapshot on or before the
-- reporting date (the best knowledge of the history), whatever the organisations date.
-- Every trust-level table that lists current trusts (reporting.it_capex_per_fte, its exclusions,
-- reporting.trust_scorecard) covers exactly these trusts.
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
  AND o.open_date <= :organisations_as_at
  AND (o.close_date IS NULL OR o.close_date > :organisations_as_at)
