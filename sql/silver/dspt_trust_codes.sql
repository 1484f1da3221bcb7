-- dspt_trust_codes: the codes of dspt_status.csv that are trusts, so the trust tables leave GP practices out (the
-- file lists both: contract, gp/). A trust is an organisation of organisations.csv or a predecessor of
-- successors.csv, the same set validation checks a trust's org_code against (UNKNOWN_ORG).
SELECT org_code FROM current_organisations
UNION
SELECT predecessor_code AS org_code FROM current_successors
