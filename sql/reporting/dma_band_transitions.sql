-- reporting.dma_band_transitions: how trusts moved between digital maturity bands from one survey to the next
-- (NAO Figure 4, paragraph 1.20: the shares per band rose, but a share cannot say who moved).
--
-- One row per pair of successive survey years x theme x band in the earlier survey x band in the later survey.
-- The 3 x 3 table of LOW / MEDIUM / HIGH is completed by NOT_SCORED on either side:
--     band_from NOT_SCORED  a trust scored in the later survey that had no score in the earlier one ("entered":
--                           it opened, did not respond, or responded under another code, e.g. after a merger)
--     band_to   NOT_SCORED  a trust scored in the earlier survey with no score in the later one ("left")
-- Trusts are matched on the code that answered, as in reporting.dma_theme_change: answers are not folded into
-- successors, so a merger shows as the old codes leaving and the new code entering. Every one of the 15 cells
-- (4 x 4 less NOT_SCORED -> NOT_SCORED) is listed, with zero trusts where nobody moved that way, so a chart or
-- a BI matrix of it always has the same cells.
--
-- The sums tie back to reporting.dma_theme_summary: for a pair, summing trusts over band_to gives the earlier
-- survey's trusts in band_from (its responding_trusts over all three bands), and summing over band_from gives the
-- later survey's trusts in band_to.
WITH bands AS (
    SELECT band, band_order
    FROM VALUES ('NOT_SCORED', 0), ('LOW', 1), ('MEDIUM', 2), ('HIGH', 3) AS b(band, band_order)
),

survey_years AS (
    SELECT DISTINCT survey_year
    FROM dma_theme_scored
),

year_pairs AS (
    -- survey years are four-digit strings, so text order is year order
    SELECT lag(survey_year) OVER (ORDER BY survey_year) AS survey_year_from, survey_year AS survey_year_to
    FROM survey_years
),

pair_themes AS (
    SELECT DISTINCT p.survey_year_from, p.survey_year_to, s.theme
    FROM year_pairs AS p
    JOIN dma_theme_scored AS s
        ON s.survey_year IN (p.survey_year_from, p.survey_year_to)
    WHERE p.survey_year_from IS NOT NULL
),

earlier AS (
    SELECT pt.survey_year_from, pt.survey_year_to, pt.theme, s.org_code, s.band
    FROM pair_themes AS pt
    JOIN dma_theme_scored AS s
        ON s.survey_year = pt.survey_year_from AND s.theme = pt.theme
),

later AS (
    SELECT pt.survey_year_from, pt.survey_year_to, pt.theme, s.org_code, s.band
    FROM pair_themes AS pt
    JOIN dma_theme_scored AS s
        ON s.survey_year = pt.survey_year_to AND s.theme = pt.theme
),

moves AS (
    -- a full outer join on the code: a side without a score is NOT_SCORED
    SELECT
        coalesce(e.survey_year_from, l.survey_year_from) AS survey_year_from,
        coalesce(e.survey_year_to, l.survey_year_to)     AS survey_year_to,
        coalesce(e.theme, l.theme)                       AS theme,
        coalesce(e.band, 'NOT_SCORED')                   AS band_from,
        coalesce(l.band, 'NOT_SCORED')                   AS band_to
    FROM earlier AS e
    FULL OUTER JOIN later AS l
        ON l.survey_year_from = e.survey_year_from AND l.theme = e.theme AND l.org_code = e.org_code
),

move_counts AS (
    SELECT survey_year_from, survey_year_to, theme, band_from, band_to, count(*) AS trusts
    FROM moves
    GROUP BY survey_year_from, survey_year_to, theme, band_from, band_to
),

cells AS (
    SELECT pt.survey_year_from, pt.survey_year_to, pt.theme,
           f.band AS band_from, f.band_order AS band_from_order,
           t.band AS band_to, t.band_order AS band_to_order
    FROM pair_themes AS pt
    CROSS JOIN bands AS f
    CROSS JOIN bands AS t
    WHERE NOT (f.band = 'NOT_SCORED' AND t.band = 'NOT_SCORED')
),

counted AS (
    SELECT c.*, coalesce(m.trusts, 0) AS trusts
    FROM cells AS c
    LEFT JOIN move_counts AS m
        ON m.survey_year_from = c.survey_year_from AND m.theme = c.theme
        AND m.band_from = c.band_from AND m.band_to = c.band_to
)

SELECT
    survey_year_from,
    survey_year_to,
    theme,
    band_from,
    band_to,
    CASE
        WHEN band_from = 'NOT_SCORED' THEN 'ENTERED'
        WHEN band_to = 'NOT_SCORED' THEN 'LEFT'
        WHEN band_to_order > band_from_order THEN 'UP'
        WHEN band_to_order < band_from_order THEN 'DOWN'
        ELSE 'SAME'
    END                                                                              AS movement,
    trusts,
    sum(trusts) OVER (PARTITION BY survey_year_from, theme, band_from)               AS trusts_from,
    CASE WHEN sum(trusts) OVER (PARTITION BY survey_year_from, theme, band_from) = 0 THEN NULL
         ELSE 100.0D * trusts / sum(trusts) OVER (PARTITION BY survey_year_from, theme, band_from)
    END                                                                              AS share_of_band_from_pct,
    band_from_order,
    band_to_order,
    CASE theme WHEN 'READINESS' THEN 1 WHEN 'CAPABILITY' THEN 2 WHEN 'INFRASTRUCTURE' THEN 3 END AS theme_order
FROM counted
