-- restricted.ceplus_trust_results: Cyber Essentials Plus on-site assessments, one row per assessment.
--
-- RESTRICTED: trust-level cyber results are never published (extract contract, cyber/). Only national
-- aggregates built from this table reach reporting.
--
-- score = 100 x passes / (passes + fails); requirements not tested count neither way. An assessment passes
-- only at 100. A trust's current assessment is its latest one dated on or before the reporting date.
-- An assessment stays with the organisation assessed (never folded into a successor). in_scope_at_as_at says
-- whether that organisation is open at the reporting date (sql/silver/open_organisations_at_dates.sql): only
-- current assessments of organisations in scope count in the reporting-date row of reporting.cyber_summary.
WITH outcomes AS (
    SELECT assessment_id, org_code, assessment_date, requirement_id, outcome
    FROM current_ceplus_results
),

per_assessment AS (
    SELECT
        assessment_id,
        org_code,
        assessment_date,
        count_if(outcome = 'PASS')       AS requirements_passed,
        count_if(outcome = 'FAIL')       AS requirements_failed,
        count_if(outcome = 'NOT_TESTED') AS requirements_not_tested,
        -- sorted, so the list is the same on every run whatever order the rows were read in
        array_join(array_sort(collect_list(CASE WHEN outcome = 'FAIL' THEN requirement_id END)), ';')
                                         AS failed_requirements
    FROM outcomes
    GROUP BY assessment_id, org_code, assessment_date
),

scored AS (
    SELECT
        *,
        CASE WHEN requirements_passed + requirements_failed > 0
             THEN 100.0D * requirements_passed / (requirements_passed + requirements_failed) END AS ceplus_score_pct
    FROM per_assessment
),

latest_by_trust AS (
    SELECT org_code, max_by(assessment_id, struct(assessment_date, assessment_id)) AS current_assessment_id
    FROM scored
    WHERE assessment_date <= :as_at
    GROUP BY org_code
)

SELECT
    s.assessment_id,
    s.org_code,
    s.assessment_date,
    s.requirements_passed,
    s.requirements_failed,
    s.requirements_not_tested,
    s.ceplus_score_pct,
    coalesce(s.ceplus_score_pct = 100, false)  AS passed,
    s.failed_requirements,
    l.current_assessment_id IS NOT NULL         AS is_current,
    o.org_code IS NOT NULL                      AS in_scope_at_as_at
FROM scored AS s
LEFT JOIN latest_by_trust AS l
    ON l.org_code = s.org_code AND l.current_assessment_id = s.assessment_id
LEFT JOIN (SELECT org_code FROM open_organisations_at_dates WHERE summary_date = :as_at) AS o
    ON o.org_code = s.org_code
