-- reporting.dma_theme_summary: trusts per digital maturity band, by survey year and theme (NAO Figure 4,
-- paragraphs 1.19-1.20).
--
-- One row per survey year x theme x band; all three bands are listed, with zero trusts where none fell in a
-- band, so a chart of it always has the same bars. share_pct is over the trusts that responded to the survey
-- that year and have a score on the theme: every responding trust, unless a trust's sector was asked none of the
-- theme's questions (see sql/silver/dma_theme_scored.sql), when it is in neither the count nor the denominator.
--
-- 95% Wilson score interval for each share, with p = trusts / n, n = responding trusts and z = :z_95 (the
-- 97.5% quantile of the standard normal, computed with commons-math3):
--
--     centre     = (p + z^2 / (2n)) / (1 + z^2 / n)
--     half_width = z / (1 + z^2 / n) * sqrt(p (1 - p) / n + z^2 / (4 n^2))
--     interval   = centre -/+ half_width
--
-- What the interval does and does not mean: it treats the responding trusts as a random sample from a larger
-- population of trusts, and says how far a share could move under that sampling. The survey is a near-census
-- (nearly every NHS trust answered: 238 in 2016, 232 in 2017), so sampling is not the main uncertainty; and the interval says
-- nothing about whether the self-assessed answers are accurate (they are unvalidated, NAO paragraph 1.19).
--
-- trusts_high_on_all_themes is a figure of the survey year, not of the row: the trusts HIGH on readiness,
-- capability and infrastructure at once (Figure 4 shows each theme alone). It repeats on every row of the year, so
-- it must not be summed over rows.
--
-- At p = 0 the lower limit is exactly 0 and at p = 1 the upper limit is exactly 100 (the formula gives these
-- values; they are set explicitly so that floating-point rounding cannot move them).
WITH bands AS (
    SELECT band, band_order
    FROM VALUES ('LOW', 1), ('MEDIUM', 2), ('HIGH', 3) AS b(band, band_order)
),

years_themes AS (
    SELECT DISTINCT survey_year, theme
    FROM dma_theme_scored
),

band_counts AS (
    SELECT survey_year, theme, band, count(*) AS trusts
    FROM dma_theme_scored
    GROUP BY survey_year, theme, band
),

respondents AS (
    -- responding trusts with a score on the theme, counted from the scores themselves
    SELECT survey_year, theme, count(DISTINCT org_code) AS responding_trusts
    FROM dma_theme_scored
    GROUP BY survey_year, theme
),

high_on_all_themes AS (
    -- trusts HIGH on each of the three scored themes in a year (a trust whose sector was asked none of a theme's
    -- questions has fewer than three scores, so it cannot be among them)
    SELECT survey_year, count(*) AS trusts_high_on_all_themes
    FROM (
        SELECT survey_year, org_code
        FROM dma_theme_scored
        GROUP BY survey_year, org_code
        HAVING count_if(band = 'HIGH') = 3
    ) AS all_high
    GROUP BY survey_year
),

shares AS (
    SELECT
        yt.survey_year,
        yt.theme,
        b.band,
        b.band_order,
        coalesce(c.trusts, 0)                                     AS trusts,
        r.responding_trusts,
        CAST(coalesce(c.trusts, 0) AS DOUBLE) / r.responding_trusts AS p,
        CAST(r.responding_trusts AS DOUBLE)                       AS n,
        CAST(:z_95 AS DOUBLE)                                     AS z
    FROM years_themes AS yt
    CROSS JOIN bands AS b
    JOIN respondents AS r
        ON r.survey_year = yt.survey_year AND r.theme = yt.theme
    LEFT JOIN band_counts AS c
        ON c.survey_year = yt.survey_year AND c.theme = yt.theme AND c.band = b.band
),

wilson AS (
    SELECT
        *,
        (p + z * z / (2 * n)) / (1 + z * z / n)                          AS centre,
        z / (1 + z * z / n) * sqrt(p * (1 - p) / n + z * z / (4 * n * n)) AS half_width
    FROM shares
)

SELECT
    w.survey_year,
    theme,
    band,
    trusts,
    responding_trusts,
    100.0D * p                                                                AS share_pct,
    CASE WHEN trusts = 0 THEN 0.0D ELSE 100.0D * (centre - half_width) END     AS ci_low_pct,
    CASE WHEN trusts = responding_trusts THEN 100.0D ELSE 100.0D * (centre + half_width) END AS ci_high_pct,
    coalesce(h.trusts_high_on_all_themes, 0)                                   AS trusts_high_on_all_themes,
    band_order,
    CASE theme WHEN 'READINESS' THEN 1 WHEN 'CAPABILITY' THEN 2 WHEN 'INFRASTRUCTURE' THEN 3 END AS theme_order
FROM wilson AS w
LEFT JOIN high_on_all_themes AS h
    ON h.survey_year = w.survey_year
