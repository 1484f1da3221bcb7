-- dma_answers: one row per responding trust x question of the survey it responded to that was asked of the
-- trust's sector, with its answer.
--
-- The grid is complete over the questions each trust was asked: every question of a survey year appears for
-- every trust that responded that year (see dma_responding_trusts) and whose sector the question was asked of,
-- so a question a responding trust left unanswered is a row with answer_code NO_RESPONSE, no score and no
-- ordinal. Labels, scores and ordinals come from the answer scale file (current_dma_answer_scales); nothing here
-- lists answers by hand.
--
-- Questions asked of some sectors only (NAO paragraph 1.19: the 2017 assessment was tailored by care setting;
-- extract contract, dma_questions.csv `sectors`): a question whose `sectors` list does not name the trust's
-- sector was not asked of the trust, so it has no row here at all. It is therefore left out of the trust's
-- theme score (numerator and denominator), its answered weight, the per-answer counts (NO_RESPONSE included)
-- and the denominators of the per-question shares. An empty or absent `sectors` means every sector.
-- The trust's sector is the one ODS lists at the run's date (current_organisations): answers stay with the
-- code that gave them, so it is that code's own sector. A trust whose sector is UNKNOWN, or a responding code
-- that organisations does not list, is treated as asked every question: nothing says it was spared one, and
-- leaving questions out on no evidence would raise its score. An answer a trust gave to a question not asked
-- of its sector (which a tailored survey should not allow) is ignored, like the question.
--
-- Types are chosen so that theme scores stay exact decimals: weight DECIMAL(24,10) (as in bronze) and score
-- DECIMAL(13,10) (it lies in 0-100), whose product is an exact DECIMAL(38,20).
WITH respondents AS (
    SELECT r.survey_year, r.org_code, o.sector
    FROM (SELECT DISTINCT survey_year, org_code FROM current_dma_responses) AS r
    LEFT JOIN current_organisations AS o
        ON o.org_code = r.org_code
),

questions AS (
    SELECT
        survey_year,
        question_id,
        theme,
        CAST(weight AS DECIMAL(24, 10))                  AS weight,
        answer_scale,
        nullif(trim(topic), '')                          AS topic,
        -- null: asked of every sector
        CASE WHEN nullif(trim(sectors), '') IS NOT NULL
             THEN transform(split(sectors, ';'), x -> trim(x)) END AS asked_sectors
    FROM current_dma_questions
)

SELECT
    r.survey_year,
    r.org_code,
    r.sector,
    q.question_id,
    q.theme,
    q.weight,
    q.answer_scale,
    q.topic,
    substring_index(q.topic, ':', 1)                     AS topic_kind,   -- STANDARD, RECORDS, GOVERNANCE, ...
    substring_index(q.topic, ':', -1)                    AS topic_tag,    -- SNOMED_CT, RELIABLE, BOARD_SPONSOR, ...
    coalesce(a.answer_code, 'NO_RESPONSE')               AS answer_code,
    a.answer_code IS NOT NULL                            AS answered,
    s.label                                              AS answer_label,
    CAST(s.score AS DECIMAL(13, 10))                     AS score,        -- null: no answer, or an answer without a score
    s.ordinal                                            AS answer_ordinal
FROM respondents AS r
JOIN questions AS q
    ON q.survey_year = r.survey_year
    AND (q.asked_sectors IS NULL                     -- asked of every sector
         OR r.sector IS NULL OR r.sector = 'UNKNOWN'  -- sector not known: treated as asked everything
         OR array_contains(q.asked_sectors, r.sector))
LEFT JOIN current_dma_responses AS a
    ON a.survey_year = r.survey_year AND a.org_code = r.org_code AND a.question_id = q.question_id
LEFT JOIN current_dma_answer_scales AS s
    ON s.answer_scale = q.answer_scale AND s.answer_code = a.answer_code
