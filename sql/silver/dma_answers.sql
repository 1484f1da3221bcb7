-- dma_answers: one row per responding trust x question of the survey it responded to, with its answer.
--
-- The grid is complete: every question of a survey year appears for every trust that responded that year
-- (see dma_responding_trusts), so a question a responding trust left unanswered is a row with answer_code
-- NO_RESPONSE, no score and no ordinal. Labels, scores and ordinals come from the answer scale file
-- (current_dma_answer_scales); nothing here lists answers by hand.
--
-- Types are chosen so that theme scores stay exact decimals: weight DECIMAL(24,10) (as in bronze) and score
-- DECIMAL(13,10) (it lies in 0-100), whose product is an exact DECIMAL(38,20).
WITH respondents AS (
    SELECT DISTINCT survey_year, org_code
    FROM current_dma_responses
),

questions AS (
    SELECT
        survey_year,
        question_id,
        theme,
        CAST(weight AS DECIMAL(24, 10))                  AS weight,
        answer_scale,
        nullif(trim(topic), '')                          AS topic
    FROM current_dma_questions
)

SELECT
    r.survey_year,
    r.org_code,
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
LEFT JOIN current_dma_responses AS a
    ON a.survey_year = r.survey_year AND a.org_code = r.org_code AND a.question_id = q.question_id
LEFT JOIN current_dma_answer_scales AS s
    ON s.answer_scale = q.answer_scale AND s.answer_code = a.answer_code
