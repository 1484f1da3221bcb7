-- reporting.cyber_score_distribution: how trusts' current Cyber Essentials Plus scores spread, in 10-point
-- bands (0-9 ... 90-99, and 100 on its own because only 100 passes), at the reporting date and each
-- comparison date. National counts only (NAO paragraph 2.15).
--
-- The trusts counted at a date D are those of reporting.cyber_summary: organisations open on D
-- (sql/silver/open_organisations_at_dates.sql) with an assessment dated on or before D, each in the band of its
-- latest one. An assessment stays with the organisation assessed: a closed or merged trust's assessments count at
-- no later date. The bands of a date add up to that date's trusts_assessed.
WITH bands AS (
    SELECT band, band_order, low, high
    FROM VALUES
        ('0-9', 1, 0, 10), ('10-19', 2, 10, 20), ('20-29', 3, 20, 30), ('30-39', 4, 30, 40),
        ('40-49', 5, 40, 50), ('50-59', 6, 50, 60), ('60-69', 7, 60, 70), ('70-79', 8, 70, 80),
        ('80-89', 9, 80, 90), ('90-99', 10, 90, 100), ('100', 11, 100, 101)
        AS b(band, band_order, low, high)
),

current_at_date AS (
    SELECT
        s.summary_date,
        a.org_code,
        max_by(a.ceplus_score_pct, struct(a.assessment_date, a.assessment_id)) AS ceplus_score_pct
    FROM open_organisations_at_dates AS s
    JOIN restricted.ceplus_trust_results AS a
        ON a.org_code = s.org_code AND a.assessment_date <= s.summary_date
    GROUP BY s.summary_date, a.org_code
)

SELECT
    d.summary_date                                   AS as_at,
    b.band,
    b.band_order,
    count(c.org_code)                                AS trusts
FROM report_dates AS d
CROSS JOIN bands AS b
LEFT JOIN current_at_date AS c
    ON c.summary_date = d.summary_date AND c.ceplus_score_pct >= b.low AND c.ceplus_score_pct < b.high
GROUP BY d.summary_date, b.band, b.band_order
