-- reporting.organisation_counts: the NHS trusts open at each date of organisation_count_dates, by type (NHS trust
-- or foundation trust) and sector (NAO paragraph 2.4 and summary 1: "at 31 March 2019, 150 of the 227 trusts
-- were foundation trusts"; "over 220" trusts in all). National counts only, one row per type and sector present
-- at the date.
--
-- Why this way: "open at a date" has one definition, sql/silver/open_organisations_at_dates.sql (opened, not
-- closed and not succeeded by D), the one the cyber tables take their trusts in scope from; this table only
-- counts its rows for the dates of its own list (organisation_count_dates, on or before the reporting date). A
-- trust that closed or merged before D is not counted, nor one that opens after D. Nothing is folded: each open
-- organisation counts once, under its own code. Type and sector are as the organisations snapshot current at the
-- reporting date records them (the source keeps no history of a trust's type), so a trust that became a
-- foundation trust after D counts as one at D.
--
-- So that a reader finds "150 of 227" on one row, each row also carries the trusts of its type at the date
-- (org_type_trusts: 150 on every FOUNDATION_TRUST row) and all trusts open at the date (trusts_at_date: 227).
WITH count_dates AS (
    SELECT summary_date FROM organisation_count_dates
),

open_trusts AS (
    SELECT
        d.summary_date,
        o.org_code,
        o.org_type,
        o.sector
    FROM count_dates AS d
    JOIN open_organisations_at_dates AS s
        ON s.summary_date = d.summary_date
    JOIN current_organisations AS o
        ON o.org_code = s.org_code
),

by_type_and_sector AS (
    SELECT summary_date, org_type, sector, count(*) AS trusts
    FROM open_trusts
    GROUP BY summary_date, org_type, sector
),

by_type AS (
    SELECT summary_date, org_type, count(*) AS org_type_trusts
    FROM open_trusts
    GROUP BY summary_date, org_type
),

at_date AS (
    SELECT summary_date, count(*) AS trusts_at_date
    FROM open_trusts
    GROUP BY summary_date
)

SELECT
    c.summary_date                                           AS as_at_date,
    c.org_type,
    c.sector,
    c.trusts,
    t.org_type_trusts,
    a.trusts_at_date,
    100.0D * c.trusts / a.trusts_at_date                     AS share_pct,
    100.0D * t.org_type_trusts / a.trusts_at_date            AS org_type_share_pct,
    CASE c.org_type WHEN 'FOUNDATION_TRUST' THEN 1 WHEN 'NHS_TRUST' THEN 2 ELSE 3 END
                                                             AS org_type_order
FROM by_type_and_sector AS c
JOIN by_type AS t
    ON t.summary_date = c.summary_date AND t.org_type = c.org_type
JOIN at_date AS a
    ON a.summary_date = c.summary_date
