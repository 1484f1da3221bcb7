-- reporting.dma_governance: digital leadership and information sharing, by survey year and measure (NAO
-- paragraphs 2.6 and 4.15).
--
-- Each measure is the share of the trusts that responded to the survey whose answer to one tagged question is
-- one of the answers the measure counts:
--   BOARD_SPONSOR                  GOVERNANCE:BOARD_SPONSOR        YES                              (2.6)
--   STRONG_CLINICAL_LEADERSHIP     GOVERNANCE:CLINICAL_LEADERSHIP  MOSTLY_AGREE, AGREE_COMPLETELY   (2.6)
--   STRUCTURED_SHARING_OVER_60_PCT SHARING:STRUCTURED_SHARE        PCT_61_80, PCT_81_100            (4.15)
-- ("more than 60% of the information shared with other providers is structured or semi-structured").
-- A measure has a row for each year whose survey asked its question. share_pct is over the trusts asked the
-- question (`trusts_asked`): the responding trusts whose sector it was asked of (see sql/silver/dma_answers.sql;
-- NAO paragraph 1.19, the 2017 assessment was tailored by care setting). Trusts asked that did not answer count
-- in the denominator and not in trusts (no_response_trusts says how many there were); a trust not asked counts
-- in neither. For a question asked of every sector trusts_asked is the year's responding trusts.
WITH measures AS (
    SELECT *
    FROM VALUES
        ('BOARD_SPONSOR',                  1, 'GOVERNANCE:BOARD_SPONSOR',       'YES',              'paragraph 2.6'),
        ('STRONG_CLINICAL_LEADERSHIP',     2, 'GOVERNANCE:CLINICAL_LEADERSHIP', 'MOSTLY_AGREE',     'paragraph 2.6'),
        ('STRONG_CLINICAL_LEADERSHIP',     2, 'GOVERNANCE:CLINICAL_LEADERSHIP', 'AGREE_COMPLETELY', 'paragraph 2.6'),
        ('STRUCTURED_SHARING_OVER_60_PCT', 3, 'SHARING:STRUCTURED_SHARE',       'PCT_61_80',        'paragraph 4.15'),
        ('STRUCTURED_SHARING_OVER_60_PCT', 3, 'SHARING:STRUCTURED_SHARE',       'PCT_81_100',       'paragraph 4.15')
        AS m(measure, measure_order, topic, answer_code, paragraph)
),

measure_questions AS (
    SELECT DISTINCT q.survey_year, q.question_id, m.measure, m.measure_order, m.topic, m.paragraph
    FROM current_dma_questions AS q
    JOIN measures AS m
        ON m.topic = q.topic
),

counted_answers AS (
    SELECT measure, concat_ws(', ', array_sort(collect_list(answer_code))) AS answers_counted
    FROM measures
    GROUP BY measure
),

per_question AS (
    SELECT
        mq.survey_year,
        mq.measure,
        count_if(m.answer_code IS NOT NULL)          AS trusts,
        count_if(a.answer_code = 'NO_RESPONSE')      AS no_response_trusts,
        count(DISTINCT a.org_code)                   AS trusts_asked
    FROM measure_questions AS mq
    JOIN dma_answers AS a
        ON a.survey_year = mq.survey_year AND a.question_id = mq.question_id
    LEFT JOIN measures AS m
        ON m.measure = mq.measure AND m.answer_code = a.answer_code
    GROUP BY mq.survey_year, mq.measure
)

SELECT
    mq.survey_year,
    mq.measure,
    p.trusts,
    r.responding_trusts,
    100.0D * p.trusts / p.trusts_asked                             AS share_pct,
    mq.measure_order,
    mq.topic,
    mq.question_id,
    ca.answers_counted,
    p.no_response_trusts,
    mq.paragraph,
    p.trusts_asked
FROM measure_questions AS mq
JOIN dma_responding_trusts AS r
    ON r.survey_year = mq.survey_year
JOIN counted_answers AS ca
    ON ca.measure = mq.measure
JOIN per_question AS p      -- a question asked of no responding trust has no row
    ON p.survey_year = mq.survey_year AND p.measure = mq.measure
