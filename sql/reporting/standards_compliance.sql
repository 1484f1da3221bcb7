-- reporting.standards_compliance: trusts' answers on compliance with information standards, and the share of
-- shared patient information that carries the NHS number (NAO Figure 9 and its notes).
--
-- One row per survey year x standard x answer. The standards are the questions tagged STANDARD:<name> (answered
-- on the agreement scale) and STANDARD_USE:NHS_NUMBER (answered in NHS number use bands); `standard` is the tag
-- after the colon. Every answer of the question's scale is listed (zero trusts where nobody gave it), in the
-- scale's order, preceded by NO_RESPONSE for responding trusts that left the question unanswered. Labels,
-- ordinals and scores come from the answer scale file.
--
-- share_pct is over the trusts that responded to the survey that year (the NAO's "232 trusts").
-- A trust is compliant with a STANDARD when it mostly or completely agrees that it complies (MOSTLY_AGREE or
-- AGREE_COMPLETELY); compliant_trusts and compliance_pct repeat that per-standard figure on each of its rows.
-- The NHS number question has no compliance figure: its use bands are published as they are.
WITH compliant_answers AS (
    SELECT answer_code
    FROM VALUES ('MOSTLY_AGREE'), ('AGREE_COMPLETELY') AS c(answer_code)
),

standard_questions AS (
    SELECT
        survey_year,
        question_id,
        substring_index(topic, ':', 1)    AS standard_kind,
        substring_index(topic, ':', -1)   AS standard,
        answer_scale
    FROM current_dma_questions
    WHERE substring_index(topic, ':', 1) IN ('STANDARD', 'STANDARD_USE')
),

answer_options AS (
    -- every answer the question could receive: its scale's answers, and no response
    SELECT q.survey_year, q.question_id, q.standard_kind, q.standard,
           s.answer_code, s.label AS answer_label, s.ordinal AS answer_ordinal
    FROM standard_questions AS q
    JOIN current_dma_answer_scales AS s
        ON s.answer_scale = q.answer_scale
    UNION ALL
    SELECT q.survey_year, q.question_id, q.standard_kind, q.standard,
           'NO_RESPONSE', 'No response', 0
    FROM standard_questions AS q
),

answer_counts AS (
    SELECT survey_year, question_id, answer_code, count(*) AS trusts
    FROM dma_answers
    WHERE topic_kind IN ('STANDARD', 'STANDARD_USE')
    GROUP BY survey_year, question_id, answer_code
),

per_answer AS (
    SELECT
        o.*,
        coalesce(c.trusts, 0)                                   AS trusts,
        r.responding_trusts,
        o.standard_kind = 'STANDARD' AND ca.answer_code IS NOT NULL AS counts_as_compliant
    FROM answer_options AS o
    JOIN dma_responding_trusts AS r
        ON r.survey_year = o.survey_year
    LEFT JOIN compliant_answers AS ca
        ON ca.answer_code = o.answer_code
    LEFT JOIN answer_counts AS c
        ON c.survey_year = o.survey_year AND c.question_id = o.question_id AND c.answer_code = o.answer_code
)

SELECT
    survey_year,
    standard,
    answer_code,
    trusts,
    100.0D * trusts / responding_trusts                                        AS share_pct,
    standard_kind,
    question_id,
    answer_label,
    answer_ordinal,
    responding_trusts,
    counts_as_compliant,
    CASE WHEN standard_kind = 'STANDARD'
         THEN sum(CASE WHEN counts_as_compliant THEN trusts ELSE 0 END)
                  OVER (PARTITION BY survey_year, question_id) END              AS compliant_trusts,
    CASE WHEN standard_kind = 'STANDARD'
         THEN 100.0D * sum(CASE WHEN counts_as_compliant THEN trusts ELSE 0 END)
                  OVER (PARTITION BY survey_year, question_id) / responding_trusts END AS compliance_pct
FROM per_answer
