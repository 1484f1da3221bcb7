-- dma_theme_scored: the theme score of every responding trust in every survey year, for each scored theme
-- (READINESS, CAPABILITY, INFRASTRUCTURE; questions of theme NONE are asked but not scored).
--
-- Score (extract contract, dma/): sum(weight x score) / sum(weight) over the theme's questions, where an
-- unanswered question (NO_RESPONSE) or an answer without a score (DONT_KNOW, NOT_APPLICABLE) counts 0 in the
-- numerator and keeps its weight in the denominator. Only the questions asked of the trust's sector count
-- (NAO paragraph 1.19, the 2017 assessment was tailored by care setting): dma_answers has no row for a question
-- not asked of the trust, so such a question is out of both the numerator and the denominator, and out of the
-- answered and responded weight. A trust asked none of a theme's questions has no score on that theme.
--
-- Bands, as NHS England used them: LOW below 40, MEDIUM 40 to 69, HIGH above 69. The band is decided on the
-- exact decimal numerator and denominator, never on a rounded or floating-point quotient:
--     LOW     when sum(weight x score) <  40 x sum(weight)
--     HIGH    when sum(weight x score) >  69 x sum(weight)
--     MEDIUM  otherwise
-- so 39.99 is LOW, 40 and 69 are MEDIUM and 69.01 is HIGH exactly, whatever the weights. The score itself is the
-- quotient rounded half-up to 10 decimal places.
WITH band_limits AS (
    SELECT CAST(40 AS DECIMAL(5, 2)) AS medium_from, CAST(69 AS DECIMAL(5, 2)) AS high_above
),

theme_totals AS (
    SELECT
        survey_year,
        org_code,
        theme,
        count(*)                                                             AS questions,
        count_if(score IS NOT NULL)                                          AS scored_answers,
        CAST(sum(weight) AS DECIMAL(28, 10))                                 AS total_weight,
        CAST(coalesce(sum(CASE WHEN score IS NOT NULL THEN weight END), 0) AS DECIMAL(28, 10))
                                                                             AS scored_weight,
        CAST(coalesce(sum(CASE WHEN answered THEN weight END), 0) AS DECIMAL(28, 10))
                                                                             AS responded_weight,
        -- weight DECIMAL(24,10) x score DECIMAL(13,10) = DECIMAL(38,20): every product is exact
        CAST(coalesce(sum(weight * score), 0) AS DECIMAL(38, 20))            AS weighted_score_sum
    FROM dma_answers
    WHERE theme <> 'NONE'
    GROUP BY survey_year, org_code, theme
)

SELECT
    t.survey_year,
    t.org_code,
    t.theme,
    CAST(t.weighted_score_sum / t.total_weight AS DECIMAL(13, 10))          AS score,
    CASE
        WHEN t.weighted_score_sum < b.medium_from * t.total_weight THEN 'LOW'
        WHEN t.weighted_score_sum > b.high_above * t.total_weight THEN 'HIGH'
        ELSE 'MEDIUM'
    END                                                                      AS band,
    100.0D * CAST(t.scored_weight AS DOUBLE) / CAST(t.total_weight AS DOUBLE)     AS answered_weight_pct,
    100.0D * CAST(t.responded_weight AS DOUBLE) / CAST(t.total_weight AS DOUBLE)  AS responded_weight_pct,
    t.questions,
    t.scored_answers,
    t.total_weight,
    t.weighted_score_sum
FROM theme_totals AS t
CROSS JOIN band_limits AS b
