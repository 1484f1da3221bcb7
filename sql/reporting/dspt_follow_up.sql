-- reporting.dspt_follow_up: trusts that had not met the Data Security and Protection Toolkit standard by a first
-- date, and how many of those still had not by a second date (NAO paragraph 2.11: "100 trusts had not met the
-- standard by April 2019, and 57 of these were still not compliant by September 2019"). One row per configured pair
-- of dates (dspt_follow_up in the configuration) whose second date is on or before the reporting date.
--
-- Trusts in scope are the organisations open on the first date (sql/silver/open_organisations_at_dates.sql). A
-- trust's status for the toolkit year at a date D is its latest status dated on or before D, over every snapshot on
-- or before the reporting date (current_dspt_status_history), the same "latest wins" as current_dspt_status, which
-- keeps only the latest. Passed = STANDARDS_MET or STANDARDS_EXCEEDED, as in reporting.dspt_summary.
-- Not met by the first date: the trust's status at it is a returned assessment (any status but NOT_PUBLISHED) that
-- did not pass, the same "not met" as reporting.dspt_trust_years. The report's 100 are such trusts (92 plan agreed
-- and 8 not met in the June 2019 publication). A trust with no returned status by the first date has not been
-- assessed: it is counted in trusts_no_status_first and not followed (it is not in trusts_not_met_first).
-- A status stays with the organisation code that published it (as in reporting.dspt_summary), so a trust that
-- closed or merged between the two dates has no status of its own at the second: it is counted in
-- trusts_closed_between, never in trusts_still_not_met_second, and its successor's status is not taken for it.
-- National counts only.
WITH pairs AS (
    SELECT DISTINCT dspt_year, first_date, second_date
    FROM dspt_follow_up_dates
),

statuses AS (
    SELECT org_code, dspt_year, status_date,
           status IN ('STANDARDS_MET', 'STANDARDS_EXCEEDED') AS passed,
           status <> 'NOT_PUBLISHED'                         AS returned
    FROM current_dspt_status_history
),

in_scope AS (
    -- open on the first date; open_at_second tells whether it is still open on the second
    SELECT p.dspt_year, p.first_date, p.second_date, f.org_code, s.org_code IS NOT NULL AS open_at_second
    FROM pairs AS p
    JOIN open_organisations_at_dates AS f
        ON f.summary_date = p.first_date
    LEFT JOIN open_organisations_at_dates AS s
        ON s.summary_date = p.second_date AND s.org_code = f.org_code
),

status_at_dates AS (
    SELECT
        i.dspt_year, i.first_date, i.second_date, i.org_code, i.open_at_second,
        coalesce(max_by(h.returned, h.status_date) FILTER (WHERE h.status_date <= i.first_date), false)
                                                                                    AS returned_first,
        coalesce(max_by(h.passed, h.status_date) FILTER (WHERE h.status_date <= i.first_date), false)
                                                                                    AS passed_first,
        coalesce(max_by(h.passed, h.status_date) FILTER (WHERE h.status_date <= i.second_date), false)
                                                                                    AS passed_second
    FROM in_scope AS i
    LEFT JOIN statuses AS h
        ON h.org_code = i.org_code AND h.dspt_year = i.dspt_year
    GROUP BY i.dspt_year, i.first_date, i.second_date, i.org_code, i.open_at_second
),

per_pair AS (
    SELECT
        dspt_year, first_date, second_date,
        count(*)                                                            AS trusts_in_scope,
        count_if(not_met_first)                                             AS trusts_not_met_first,
        count_if(NOT returned_first)                                        AS trusts_no_status_first,
        count_if(not_met_first AND open_at_second AND NOT passed_second)    AS trusts_still_not_met_second,
        count_if(not_met_first AND open_at_second AND passed_second)        AS trusts_met_by_second,
        count_if(not_met_first AND NOT open_at_second)                      AS trusts_closed_between
    FROM (SELECT *, returned_first AND NOT passed_first AS not_met_first FROM status_at_dates) AS s
    GROUP BY dspt_year, first_date, second_date
)

SELECT
    p.dspt_year,
    p.first_date,
    p.second_date,
    coalesce(c.trusts_in_scope, 0)               AS trusts_in_scope,
    coalesce(c.trusts_not_met_first, 0)          AS trusts_not_met_first,
    coalesce(c.trusts_no_status_first, 0)        AS trusts_no_status_first,
    coalesce(c.trusts_still_not_met_second, 0)   AS trusts_still_not_met_second,
    coalesce(c.trusts_met_by_second, 0)          AS trusts_met_by_second,
    coalesce(c.trusts_closed_between, 0)         AS trusts_closed_between,
    CASE WHEN c.trusts_not_met_first > 0 THEN 100.0D * c.trusts_still_not_met_second / c.trusts_not_met_first END
                                                 AS still_not_met_pct
FROM pairs AS p
LEFT JOIN per_pair AS c
    ON c.dspt_year = p.dspt_year AND c.first_date = p.first_date AND c.second_date = p.second_date
