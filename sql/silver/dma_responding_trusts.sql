-- dma_responding_trusts: the trusts that responded to each digital maturity assessment survey, as at the
-- run's date. A trust responded in a year when it gave at least one answer that year (any answer, including
-- "don't know" or "not applicable"). This count is the denominator of every published DMA share.
--
-- A response stays with the organisation code that gave it: survey answers are not folded into a later
-- successor (a merged trust's digital maturity is not the sum of its predecessors' answers).
SELECT
    survey_year,
    count(DISTINCT org_code) AS responding_trusts
FROM current_dma_responses
GROUP BY survey_year
