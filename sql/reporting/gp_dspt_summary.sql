-- reporting.gp_dspt_summary: GP practices' Data Security and Protection Toolkit assessments at a date (NAO
-- paragraph 2.11: "6,648 [practices] had completed the assessment by April 2020, and all reported at least
-- meeting the standards").
--
-- One row per date of gp_dspt_dates (configured, on or before the reporting date) x toolkit year with at least one
-- practice status dated on or before it. Practices in scope are those of gp_practices.csv open on the date (opened
-- on or before it, close_date empty or after it): a practice that closed before the date is not counted, whatever
-- it returned. A practice's status for the year at the date is its latest status dated on or before the date, over
-- every snapshot on or before the reporting date (current_dspt_status_history, the same "latest wins" as the trust
-- tables). Completed = a full assessment returned: any status but ENTRY_LEVEL, INTERIM_SUBMITTED and NOT_PUBLISHED.
-- At least meeting the standards = STANDARDS_MET or STANDARDS_EXCEEDED, the trusts' "passed". National counts only.
WITH dates AS (
    SELECT summary_date FROM gp_dspt_dates
),

open_practices AS (
    SELECT d.summary_date, p.practice_code
    FROM dates AS d
    JOIN current_gp_practices AS p
        ON p.open_date <= d.summary_date
       AND (p.close_date IS NULL OR p.close_date > d.summary_date)
),

practices_at_date AS (
    SELECT summary_date, count(*) AS practices_open
    FROM open_practices
    GROUP BY summary_date
),

status_at_date AS (
    SELECT o.summary_date, h.dspt_year, o.practice_code, max_by(h.status, h.status_date) AS status
    FROM open_practices AS o
    JOIN current_dspt_status_history AS h
        ON h.org_code = o.practice_code AND h.status_date <= o.summary_date
    GROUP BY o.summary_date, h.dspt_year, o.practice_code
),

per_year AS (
    SELECT
        summary_date,
        dspt_year,
        count(*)                                                                       AS practices_listed,
        count_if(status <> 'NOT_PUBLISHED')                                            AS practices_returned,
        count_if(status NOT IN ('ENTRY_LEVEL', 'INTERIM_SUBMITTED', 'NOT_PUBLISHED'))  AS practices_completed,
        count_if(status IN ('STANDARDS_MET', 'STANDARDS_EXCEEDED'))                    AS practices_meeting
    FROM status_at_date
    GROUP BY summary_date, dspt_year
)

SELECT
    y.summary_date                                                                     AS as_at_date,
    y.dspt_year,
    d.practices_open,
    y.practices_listed,
    y.practices_returned,
    y.practices_completed,
    y.practices_meeting,
    CASE WHEN y.practices_completed > 0 THEN 100.0D * y.practices_meeting / y.practices_completed END
                                                                                       AS meeting_pct,
    100.0D * y.practices_completed / d.practices_open                                  AS completed_pct
FROM per_year AS y
JOIN practices_at_date AS d
    ON d.summary_date = y.summary_date
