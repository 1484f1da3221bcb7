-- reporting.trust_scorecard: one row per trust current at the organisations date (:organisations_as_at, the
-- reporting date unless the run fixes an earlier one), joining every publishable trust-level figure, for BI
-- dashboards. Publishable only: no Cyber Essentials Plus result appears here.
--
-- Money and staff belong to the current trust (predecessors that merged into it by the organisations date
-- folded in); survey answers and DSPT statuses are the trust's own (under its own code), as in the tables
-- they come from.
WITH trusts AS (
    -- open at the organisations date and not succeeded by then: the same trusts as Figure 7
    SELECT org_code, org_name, org_type, sector, region_code
    FROM current_trusts
),

per_fte AS (
    -- position within the trust's sector: 0 = lowest spend per FTE, 100 = highest (percent_rank x 100)
    SELECT
        org_code,
        it_capex_per_fte_gbp,
        100.0D * percent_rank() OVER (PARTITION BY sector ORDER BY it_capex_per_fte_gbp) AS it_capex_per_fte_sector_percentile
    FROM reporting.it_capex_per_fte
),

latest_it_share AS (
    SELECT org_code, max(fin_year) AS it_share_fin_year, max_by(it_share_pct, fin_year) AS it_share_pct
    FROM reporting.it_spend_share
    WHERE scope = 'TRUST' AND it_share_pct IS NOT NULL
    GROUP BY org_code
),

latest_informatics AS (
    SELECT org_code, max(period) AS informatics_period, max_by(informatics_share_pct, period) AS informatics_share_pct
    FROM reporting.informatics_workforce
    WHERE scope = 'TRUST' AND informatics_share_pct IS NOT NULL
    GROUP BY org_code
),

latest_survey AS (
    SELECT org_code, max(survey_year) AS dma_survey_year
    FROM reporting.dma_theme_scores
    GROUP BY org_code
),

latest_themes AS (
    SELECT
        y.org_code,
        y.dma_survey_year,
        max(CASE WHEN s.theme = 'READINESS' THEN s.score END)      AS readiness_score,
        max(CASE WHEN s.theme = 'READINESS' THEN s.band END)       AS readiness_band,
        max(CASE WHEN s.theme = 'CAPABILITY' THEN s.score END)     AS capability_score,
        max(CASE WHEN s.theme = 'CAPABILITY' THEN s.band END)      AS capability_band,
        max(CASE WHEN s.theme = 'INFRASTRUCTURE' THEN s.score END) AS infrastructure_score,
        max(CASE WHEN s.theme = 'INFRASTRUCTURE' THEN s.band END)  AS infrastructure_band
    FROM latest_survey AS y
    JOIN reporting.dma_theme_scores AS s
        ON s.org_code = y.org_code AND s.survey_year = y.dma_survey_year
    GROUP BY y.org_code, y.dma_survey_year
),

standards AS (
    -- standards (STANDARD:* questions) the trust mostly or completely complies with, in its latest survey
    SELECT
        a.org_code,
        count_if(a.answer_code IN ('MOSTLY_AGREE', 'AGREE_COMPLETELY')) AS standards_complied_with,
        count(*)                                                         AS standards_asked
    FROM dma_answers AS a
    JOIN latest_survey AS y
        ON y.org_code = a.org_code AND y.dma_survey_year = a.survey_year
    WHERE a.topic_kind = 'STANDARD'
    GROUP BY a.org_code
),

programmes AS (
    -- national digital funding programmes the trust's own code is a member of, in a fixed order, ';'-separated
    SELECT
        org_code,
        concat_ws(';', array_sort(collect_set(programme)))     AS digital_programmes,
        sum(central_funding_gbp)                               AS programme_funding_gbp
    FROM current_programme_membership
    GROUP BY org_code
)

SELECT
    t.org_code,
    t.org_name,
    t.org_type,
    t.sector,
    t.region_code,
    f.it_capex_per_fte_gbp,
    f.it_capex_per_fte_sector_percentile,
    s.it_share_fin_year,
    s.it_share_pct,
    i.informatics_period,
    i.informatics_share_pct,
    d.dma_survey_year,
    d.readiness_score,
    d.readiness_band,
    d.capability_score,
    d.capability_band,
    d.infrastructure_score,
    d.infrastructure_band,
    c.standards_complied_with,
    c.standards_asked,
    p.latest_dspt_year,
    p.latest_status                 AS latest_dspt_status,
    g.digital_programmes,
    g.programme_funding_gbp
FROM trusts AS t
LEFT JOIN per_fte AS f ON f.org_code = t.org_code
LEFT JOIN latest_it_share AS s ON s.org_code = t.org_code
LEFT JOIN latest_informatics AS i ON i.org_code = t.org_code
LEFT JOIN latest_themes AS d ON d.org_code = t.org_code
LEFT JOIN standards AS c ON c.org_code = t.org_code
LEFT JOIN reporting.dspt_trust_years AS p ON p.org_code = t.org_code
LEFT JOIN programmes AS g ON g.org_code = t.org_code
