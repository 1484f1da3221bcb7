-- reporting.programme_maturity: digital maturity of the trusts in each national digital funding programme and
-- of all other trusts, by theme and survey year, with the change between successive surveys and IT capital
-- expenditure per FTE (NAO summary 7 and paragraph 3.11: "it is less clear whether good practices will spread
-- to other trusts", a question the report raises and cannot answer).
--
-- Groups (sql/silver/programme_groups.sql): GLOBAL_DIGITAL_EXEMPLAR, FAST_FOLLOWER, DIGITAL_ASPIRANT and OTHER
-- (in no programme), matched on the organisation code that answered the survey. A trust in two programmes counts
-- in both, so the programme groups' trusts do not add up to the national total; OTHER never overlaps them.
--
-- Per group, theme and survey year:
--   trusts, mean_score, share_high_pct   the group's trusts scored on the theme that year (dma_theme_scored)
--   paired_trusts, mean_change           the group's trusts that answered this survey and the one before under
--                                         the same code (reporting.dma_theme_change); empty for the first survey
--   change_p_value, change_conclusion     Mann-Whitney U test of the group's changes against OTHER's
--                                         (reporting.programme_change_test, commons-math3); empty for OTHER
--   it_capex_per_fte_*                    Figure 7's measure (reporting.it_capex_per_fte) over the group's
--                                         current trusts included there: a figure of the group, the same on each
--                                         of its rows, not of the theme or year
--
-- Membership was not random (exemplars were chosen for being already mature): every difference here is an
-- association, not the effect of the funding.
WITH groups AS (
    SELECT programme_group, group_order
    FROM VALUES ('GLOBAL_DIGITAL_EXEMPLAR', 1), ('FAST_FOLLOWER', 2), ('DIGITAL_ASPIRANT', 3), ('OTHER', 4)
        AS g(programme_group, group_order)
),

scored AS (
    SELECT g.programme_group, s.survey_year, s.theme, s.org_code, s.score, s.band
    FROM dma_theme_scored AS s
    JOIN programme_groups AS g
        ON g.org_code = s.org_code
),

years_themes AS (
    SELECT DISTINCT survey_year, theme
    FROM dma_theme_scored
),

maturity AS (
    SELECT
        programme_group,
        survey_year,
        theme,
        count(*)                                                  AS trusts,
        CAST(avg(score) AS DECIMAL(13, 10))                       AS mean_score,
        count_if(band = 'HIGH')                                   AS trusts_high
    FROM scored
    GROUP BY programme_group, survey_year, theme
),

changes AS (
    SELECT
        g.programme_group,
        c.survey_year_to                                          AS survey_year,
        c.theme,
        count(*)                                                  AS paired_trusts,
        CAST(avg(c.score_change) AS DECIMAL(13, 10))              AS mean_change
    FROM reporting.dma_theme_change AS c
    JOIN programme_groups AS g
        ON g.org_code = c.org_code
    GROUP BY g.programme_group, c.survey_year_to, c.theme
),

capex AS (
    SELECT
        g.programme_group,
        count(*)                                                  AS it_capex_per_fte_trusts,
        avg(f.it_capex_per_fte_gbp)                               AS it_capex_per_fte_mean_gbp,
        percentile(CAST(f.it_capex_per_fte_gbp AS DOUBLE), 0.5)   AS it_capex_per_fte_median_gbp
    FROM reporting.it_capex_per_fte AS f
    JOIN programme_groups AS g
        ON g.org_code = f.org_code
    GROUP BY g.programme_group
)

SELECT
    g.programme_group,
    yt.survey_year,
    yt.theme,
    coalesce(m.trusts, 0)                                                     AS trusts,
    m.mean_score,
    coalesce(m.trusts_high, 0)                                                AS trusts_high,
    CASE WHEN m.trusts > 0 THEN 100.0D * m.trusts_high / m.trusts END          AS share_high_pct,
    ch.paired_trusts,
    ch.mean_change,
    t.p_value                                                                 AS change_p_value,
    t.conclusion                                                              AS change_conclusion,
    coalesce(x.it_capex_per_fte_trusts, 0)                                    AS it_capex_per_fte_trusts,
    x.it_capex_per_fte_mean_gbp,
    x.it_capex_per_fte_median_gbp,
    g.group_order,
    CASE yt.theme WHEN 'READINESS' THEN 1 WHEN 'CAPABILITY' THEN 2 WHEN 'INFRASTRUCTURE' THEN 3 END AS theme_order
FROM groups AS g
CROSS JOIN years_themes AS yt
LEFT JOIN maturity AS m
    ON m.programme_group = g.programme_group AND m.survey_year = yt.survey_year AND m.theme = yt.theme
LEFT JOIN changes AS ch
    ON ch.programme_group = g.programme_group AND ch.survey_year = yt.survey_year AND ch.theme = yt.theme
LEFT JOIN reporting.programme_change_test AS t
    ON t.programme_group = g.programme_group AND t.survey_year_to = yt.survey_year AND t.theme = yt.theme
LEFT JOIN capex AS x
    ON x.programme_group = g.programme_group
