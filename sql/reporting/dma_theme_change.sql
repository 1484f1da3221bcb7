-- reporting.dma_theme_change: how each trust's theme scores changed between successive surveys.
--
-- One row per trust x theme for every pair of successive survey years (2016 -> 2017) in which the same
-- organisation code responded to both surveys. Trusts are matched on the code that answered: a trust that
-- merged between the surveys is not paired with its successor (answers are not folded into successors).
-- score_change = score_to - score_from, exact decimals (sql/silver/dma_theme_scored.sql).
-- reporting.dma_theme_change_test tests whether the changes are centred on zero (Wilcoxon signed-rank).
WITH survey_years AS (
    SELECT DISTINCT survey_year
    FROM dma_theme_scored
),

year_pairs AS (
    -- survey years are four-digit strings, so text order is year order
    SELECT lag(survey_year) OVER (ORDER BY survey_year) AS survey_year_from, survey_year AS survey_year_to
    FROM survey_years
)

SELECT
    p.survey_year_from,
    p.survey_year_to,
    a.org_code,
    a.theme,
    a.score                                  AS score_from,
    b.score                                  AS score_to,
    b.score - a.score                        AS score_change,
    a.band                                   AS band_from,
    b.band                                   AS band_to,
    CASE a.theme WHEN 'READINESS' THEN 1 WHEN 'CAPABILITY' THEN 2 WHEN 'INFRASTRUCTURE' THEN 3 END AS theme_order
FROM year_pairs AS p
JOIN dma_theme_scored AS a
    ON a.survey_year = p.survey_year_from
JOIN dma_theme_scored AS b
    ON b.survey_year = p.survey_year_to AND b.org_code = a.org_code AND b.theme = a.theme
WHERE p.survey_year_from IS NOT NULL
