-- reporting.digital_records: what trusts said about their digital records, by survey year, statement and
-- answer (NAO Figure 10, 2017: "54% of trusts reported that their staff could rely on their digital records").
--
-- One row per survey year x statement x answer. The statements are the questions tagged RECORDS:<statement>
-- (RELIABLE, RECORDED_ONCE, VIEW_SHARED, CONTRIBUTE_SHARED); `statement` is the tag after the colon. Every answer
-- of the question's scale is listed (zero trusts where nobody gave it), preceded by NO_RESPONSE for trusts asked
-- the question that left it unanswered. Labels and ordinals come from the answer scale file. share_pct is over
-- the trusts asked the question (`trusts_asked`): the responding trusts whose sector it was asked of (see
-- sql/silver/dma_answers.sql; NAO paragraph 1.19, the 2017 assessment was tailored by care setting). A trust
-- not asked is neither a NO_RESPONSE nor in the denominator; for a question asked of every sector trusts_asked
-- is the year's responding trusts (the report's "232 trusts").
--
-- Figure 10 shows "No response or not applicable" as one row: figure_label, figure_order, figure_trusts and
-- figure_share_pct give each answer its row of the figure, with NO_RESPONSE and NOT_APPLICABLE sharing one
-- (figure_trusts and figure_share_pct are that row's totals, repeated on both of its answers). A chart takes
-- the distinct (figure_order, figure_label, figure_share_pct) of a statement; rounding figure_share_pct gives
-- the published cell (rounding the two parts separately would not).
WITH figure_rows AS (
    -- the answers Figure 10 combines into its first row
    SELECT answer_code
    FROM VALUES ('NO_RESPONSE'), ('NOT_APPLICABLE') AS f(answer_code)
),

record_questions AS (
    SELECT survey_year, question_id, substring_index(topic, ':', -1) AS statement, answer_scale
    FROM current_dma_questions
    WHERE substring_index(topic, ':', 1) = 'RECORDS'
),

answer_options AS (
    SELECT q.survey_year, q.question_id, q.statement, s.answer_code, s.label AS answer_label,
           s.ordinal AS answer_ordinal
    FROM record_questions AS q
    JOIN current_dma_answer_scales AS s
        ON s.answer_scale = q.answer_scale
    UNION ALL
    SELECT q.survey_year, q.question_id, q.statement, 'NO_RESPONSE', 'No response', 0
    FROM record_questions AS q
),

answer_counts AS (
    SELECT survey_year, question_id, answer_code, count(*) AS trusts
    FROM dma_answers
    WHERE topic_kind = 'RECORDS'
    GROUP BY survey_year, question_id, answer_code
),

asked AS (
    -- responding trusts whose sector the question was asked of (a question asked of none has no rows)
    SELECT survey_year, question_id, count(*) AS trusts_asked
    FROM dma_answers
    WHERE topic_kind = 'RECORDS'
    GROUP BY survey_year, question_id
),

per_answer AS (
    SELECT
        o.*,
        coalesce(c.trusts, 0)                                             AS trusts,
        r.responding_trusts,
        k.trusts_asked,
        f.answer_code IS NOT NULL                                         AS combined_row,
        CASE WHEN f.answer_code IS NOT NULL THEN 'No response or not applicable' ELSE o.answer_label END
                                                                          AS figure_label
    FROM answer_options AS o
    JOIN dma_responding_trusts AS r
        ON r.survey_year = o.survey_year
    JOIN asked AS k
        ON k.survey_year = o.survey_year AND k.question_id = o.question_id
    LEFT JOIN answer_counts AS c
        ON c.survey_year = o.survey_year AND c.question_id = o.question_id AND c.answer_code = o.answer_code
    LEFT JOIN figure_rows AS f
        ON f.answer_code = o.answer_code
),

figure AS (
    SELECT
        *,
        dense_rank() OVER (PARTITION BY survey_year, question_id
                           ORDER BY CASE WHEN combined_row THEN 0 ELSE answer_ordinal END) AS figure_order,
        sum(trusts) OVER (PARTITION BY survey_year, question_id, figure_label)            AS figure_trusts
    FROM per_answer
)

SELECT
    survey_year,
    statement,
    answer_code,
    trusts,
    100.0D * trusts / trusts_asked                       AS share_pct,
    question_id,
    answer_label,
    answer_ordinal,
    figure_label,
    figure_order,
    figure_trusts,
    100.0D * figure_trusts / trusts_asked                AS figure_share_pct,
    responding_trusts,
    trusts_asked
FROM figure
