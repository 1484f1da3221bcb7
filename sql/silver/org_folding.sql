-- org_folding: every organisation code the pipeline has seen, with the organisation whose history it belongs
-- to at the organisations date (:organisations_as_at: the reporting date unless the run fixes an earlier one)
-- and that organisation's attributes.
--
-- org_successor_map follows chains of successors (A -> B, then B -> C: A belongs to C) that took effect on or
-- before the organisations date; a code that was never succeeded maps to itself. A succession after it is not
-- followed, even when the snapshot that announced it is visible at the reporting date. Trust-level results are reported
-- against current_org_code: a merged trust's returns and its staff count are folded into its successor.
-- current_trust is true when current_org_code is a current trust (see current_trusts); it is false for a
-- trust that closed without a successor, whose rows stay under its own code.
SELECT
    m.org_code,
    m.current_org_code,
    m.hops,
    o.org_name                  AS current_org_name,
    o.org_type                  AS current_org_type,
    o.sector                    AS current_sector,
    o.region_code               AS current_region_code,
    t.org_code IS NOT NULL      AS current_trust
FROM org_successor_map AS m
LEFT JOIN current_organisations AS o
    ON o.org_code = m.current_org_code
LEFT JOIN current_trusts AS t
    ON t.org_code = m.current_org_code
