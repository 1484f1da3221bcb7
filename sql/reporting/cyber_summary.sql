-- reporting.cyber_summary: Cyber Essentials Plus position of NHS trusts at the reporting date and at each
-- comparison date of the configuration (NAO paragraph 2.15: "88 of 236 trusts assessed at the time of
-- WannaCry, none passed"; "by February 2020, 204 trusts assessed, average score 63%, one trust scored 100%").
--
-- At a date D: trusts in scope are the organisations open on D; trusts assessed are those with at least one
-- assessment dated on or before D; each trust's current assessment is its latest on or before D; the mean,
-- median and passes are over current assessments. One history, every date.
WITH summary_dates AS (
    SELECT summary_date, date_role FROM report_dates
),

assessments AS (
    SELECT assessment_id, org_code, assessment_date, ceplus_score_pct
    FROM restricted.ceplus_trust_results
),

current_at_date AS (
    SELECT
        d.summary_date,
        a.org_code,
        max_by(a.ceplus_score_pct, struct(a.assessment_date, a.assessment_id)) AS ceplus_score_pct
    FROM summary_dates AS d
    JOIN assessments AS a
        ON a.assessment_date <= d.summary_date
    GROUP BY d.summary_date, a.org_code
),

in_scope AS (
    SELECT d.summary_date, count(o.org_code) AS trusts_in_scope
    FROM summary_dates AS d
    LEFT JOIN current_organisations AS o
        ON o.open_date <= d.summary_date AND (o.close_date IS NULL OR o.close_date > d.summary_date)
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
