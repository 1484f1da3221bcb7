-- reporting.cyber_summary: Cyber Essentials Plus position of NHS trusts at the reporting date and at each
-- comparison date of the configuration (NAO paragraph 2.15: "88 of 236 trusts assessed at the time of
-- WannaCry, none passed"; "by February 2020, 204 trusts assessed, average score 63%, one trust scored 100%").
--
-- At a date D: trusts in scope are the organisations open on D (sql/silver/open_organisations_at_dates.sql: opened,
-- not closed and not succeeded by D). Only their assessments count: trusts assessed are the trusts in scope with at
-- least one assessment dated on or before D; each one's current assessment is its latest on or before D; the mean,
-- median and passes are over those current assessments. An assessment stays with the organisation assessed (extract
-- contract, cyber/): it is not folded into a successor, so once a trust has closed or merged its assessments count
-- at no later date, neither for it nor for its successor. One history, every date.
WITH summary_dates AS (
    SELECT summary_date, date_role FROM report_dates
),

assessments AS (
    SELECT assessment_id, org_code, assessment_date, ceplus_score_pct
    FROM restricted.ceplus_trust_results
),

current_at_date AS (
    SELECT
        s.summary_date,
        a.org_code,
        max_by(a.ceplus_score_pct, struct(a.assessment_date, a.assessment_id)) AS ceplus_score_pct
    FROM open_organisations_at_dates AS s
    JOIN assessments AS a
        ON a.org_code = s.org_code AND a.assessment_date <= s.summary_date
    GROUP BY s.summary_date, a.org_code
),

in_scope AS (
    SELECT d.summary_date, count(s.org_code) AS trusts_in_scope
    FROM summary_dates AS d
    LEFT JOIN open_organisations_at_dates AS s
        ON s.summary_date = d.summary_date
    GROUP BY d.summary_date
),

scores AS (
    SELECT
        summary_date,
        count(*)                                   AS trusts_assessed,
        avg(ceplus_score_pct)                      AS mean_score_pct,
        percentile(ceplus_score_pct, 0.5)          AS median_score_pct,
        count_if(ceplus_score_pct = 100)           AS trusts_passed
    FROM current_at_date
    GROUP BY summary_date
)

SELECT
    d.summary_date                                 AS as_at,
    d.date_role,
    i.trusts_in_scope,
    coalesce(s.trusts_assessed, 0)                 AS trusts_assessed,
    s.mean_score_pct,
    s.median_score_pct,
    coalesce(s.trusts_passed, 0)                   AS trusts_passed,
    CASE WHEN i.trusts_in_scope > 0 THEN 100.0D * coalesce(s.trusts_assessed, 0) / i.trusts_in_scope END
                                                   AS assessed_pct
FROM summary_dates AS d
JOIN in_scope AS i ON i.summary_date = d.summary_date
LEFT JOIN scores AS s ON s.summary_date = d.summary_date
