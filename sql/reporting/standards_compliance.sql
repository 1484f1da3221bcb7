-- reporting.standards_compliance: trusts' answers on compliance with information standards, and the share of
-- shared patient information that carries the NHS number (NAO Figure 9 and its notes).
--
-- One row per survey year x standard x answer. The standards are the questions tagged STANDARD:<name> (answered
-- on the agreement scale) and STANDARD_USE:NHS_NUMBER (answered in NHS number use bands); `standard` is the tag
-- after the colon. Figure 9 asked about five agreement standards and NHS number use: six in all (its notes 1
-- and 3). Every answer of the question's scale is listed (zero trusts where nobody gave it), in the scale's
-- order, preceded by NO_RESPONSE for trusts asked the question that left it unanswered. Labels, ordinals and
-- scores come from the answer scale file.
--
-- share_pct is over the trusts asked the question (`trusts_asked`): the responding trusts whose sector the
-- question was asked of (see sql/silver/dma_answers.sql; NAO paragraph 1.19, the 2017 assessment was tailored
-- by care setting). A trust not asked is neither a NO_RESPONSE nor in the denominator. Where a question was
-- asked of every sector, trusts_asked is the year's responding trusts (the NAO's "232 trusts").
-- A trust is compliant with a STANDARD when it mostly or completely agrees that it complies (MOSTLY_AGREE or
-- AGREE_COMPLETELY); compliant_trusts and compliance_pct repeat that per-standard figure on each of its rows.
-- The NHS number question has no compliance figure: its use bands are published as they are.
--
-- `mandatory`: true only for the NHS number. Figure 9's note says "Only the NHS number is mandatory": the other
-- standards were, at the time, adopted at trusts' discretion (or on a later timetable), so a low share of
-- compliance with them is not non-compliance with a requirement. The report names the one mandatory standard,
-- so it is written here as a rule rather than read from a file.
WITH compliant_answers AS (
    SELECT answer_code
    FROM VALUES ('MOSTLY_AGREE'), ('AGREE_COMPLETELY') AS c(answer_code)
),

mandatory_standards AS (
    -- Figure 9, note: "Only the NHS number is mandatory"
    SELECT standard
    FROM VALUES ('NHS_NUMBER') AS m(standard)
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

asked AS (
    -- responding trusts whose sector the question was asked of (a question asked of none has no rows)
    SELECT survey_year, question_id, count(*) AS trusts_asked
    FROM dma_answers
    WHERE topic_kind IN ('STANDARD', 'STANDARD_USE')
    GROUP BY survey_year, question_id
),

per_answer AS (
    SELECT
        o.*,
        coalesce(c.trusts, 0)                                   AS trusts,
        r.responding_trusts,
        k.trusts_asked,
        o.standard_kind = 'STANDARD' AND ca.answer_code IS NOT NULL AS counts_as_compliant,
        ms.standard IS NOT NULL                                 AS mandatory
    FROM answer_options AS o
    JOIN dma_responding_trusts AS r
        ON r.survey_year = o.survey_year
    JOIN asked AS k
        ON k.survey_year = o.survey_year AND k.question_id = o.question_id
    LEFT JOIN mandatory_standards AS ms
        ON ms.standard = o.standard
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
    100.0D * trusts / trusts_asked                                             AS share_pct,
    standard_kind,
    question_id,
    answer_label,
    answer_ordinal,
    responding_trusts,
    trusts_asked,
    mandatory,
    counts_as_compliant,
    CASE WHEN standard_kind = 'STANDARD'
         THEN sum(CASE WHEN counts_as_compliant THEN trusts ELSE 0 END)
                  OVER (PARTITION BY survey_year, question_id) END              AS compliant_trusts,
    CASE WHEN standard_kind = 'STANDARD'
         THEN 100.0D * sum(CASE WHEN counts_as_compliant THEN trusts ELSE 0 END)
                  OVER (PARTITION BY survey_year, question_id) / trusts_asked END AS compliance_pct
FROM per_answer
