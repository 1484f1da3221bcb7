-- reporting.gp_digital_maturity: the GP practices' digital maturity survey, national results (NAO paragraphs 1.21
-- and 4.15: "44% [of practices] had remote access to clinical systems from patients' homes", "13% had completely
-- digitised their legacy paper records", telephone and video consultations, and sharing records with other
-- providers and social care).
--
-- One row per survey year x question x answer on the question's scale, with zero practices where none gave it,
-- so a chart always has the same bars. The share of an answer is of the practices that answered the question.
-- A response counts when the practice is in gp_practices.csv (validation quarantines others as UNKNOWN_ORG):
-- a practice that closed after answering keeps its answer, since the survey describes the year it was asked.
-- Published nationally only, never per practice (contract, gp/): gp_practices.csv carries no region, so there is
-- no regional breakdown.
WITH questions AS (
    SELECT survey_year, question_id, topic, answer_scale, question_text
    FROM current_gp_dma_questions
),

scales AS (
    SELECT answer_scale, answer_code, label, ordinal
    FROM current_gp_dma_answer_scales
),

responses AS (
    SELECT survey_year, practice_code, question_id, answer_code
    FROM current_gp_dma_responses
),

answering AS (
    SELECT survey_year, question_id, count(*) AS practices_answering
    FROM responses
    GROUP BY survey_year, question_id
),

responding AS (
    -- practices that answered at least one question of the survey
    SELECT survey_year, count(DISTINCT practice_code) AS practices_responding
    FROM responses
    GROUP BY survey_year
),

per_answer AS (
    SELECT survey_year, question_id, answer_code, count(*) AS practices
    FROM responses
    GROUP BY survey_year, question_id, answer_code
)

SELECT
    q.survey_year,
    q.topic,
    q.question_id,
    q.question_text,
    s.answer_code,
    s.label                                                          AS answer_label,
    s.ordinal                                                        AS answer_order,
    coalesce(p.practices, 0)                                         AS practices,
    a.practices_answering,
    100.0D * coalesce(p.practices, 0) / a.practices_answering        AS share_pct,
    r.practices_responding
FROM questions AS q
JOIN scales AS s
    ON s.answer_scale = q.answer_scale
JOIN answering AS a
    ON a.survey_year = q.survey_year AND a.question_id = q.question_id
JOIN responding AS r
    ON r.survey_year = q.survey_year
LEFT JOIN per_answer AS p
    ON p.survey_year = q.survey_year AND p.question_id = q.question_id AND p.answer_code = s.answer_code
