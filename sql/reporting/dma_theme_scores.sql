-- reporting.dma_theme_scores: each responding trust's digital maturity score per survey year and theme
-- (NAO Figure 4 and paragraphs 1.19-1.20 are summaries of this table).
--
-- The score, band and answered share are computed in sql/silver/dma_theme_scored.sql (one definition shared
-- with the summary and the change tables): sum(weight x score) / sum(weight) over the theme's questions, with
-- unanswered and unscored answers counting 0 and staying in the denominator; bands LOW < 40 <= MEDIUM <= 69 <
-- HIGH decided on exact decimals. Only the questions asked of the trust's sector count (questions tailored by
-- care setting, NAO paragraph 1.19): `questions` says how many the trust was asked, `sector` which sector
-- decided it (ODS, at the run's date; UNKNOWN or unlisted: asked every question).
--
-- A score stays with the organisation code that answered the survey: it is not folded into a later successor,
-- because a merged trust's maturity is not the sum of its predecessors' answers. The organisation's name is
-- the one ODS lists as at the run's date.
SELECT
    s.survey_year,
    s.org_code,
    s.theme,
    s.score,
    s.band,
    s.answered_weight_pct,
    o.org_name,
    o.sector,
    s.responded_weight_pct,
    s.questions,
    s.scored_answers,
    CASE s.theme WHEN 'READINESS' THEN 1 WHEN 'CAPABILITY' THEN 2 WHEN 'INFRASTRUCTURE' THEN 3 END AS theme_order
FROM dma_theme_scored AS s
LEFT JOIN current_organisations AS o
    ON o.org_code = s.org_code
