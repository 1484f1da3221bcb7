-- open_organisations_at_dates: for each date of report_dates (the reporting date and the comparison dates on or
-- before it), each date of dspt_follow_up_dates (the DSPT follow-up pairs) and each of organisation_count_dates
-- (configured, on or before the reporting date), the organisations open on that date, one row each. The scope of
-- every figure taken "at a date D" (Cyber Essentials Plus, paragraph 2.15: "88 of 236 trusts", "204 trusts"; DSPT
-- follow-up, paragraph 2.11: "100 trusts had not met the standard by April 2019"; the trusts counted by type,
-- paragraph 2.4: "150 of the 227 trusts were foundation trusts"). Each table reads only the dates of its own list.
--
-- An organisation is open on D when it has opened on or before D, has not closed by D (close_date empty or after
-- D) and has not been succeeded by D (no successor link effective on or before D): a trust that merged is not open
-- after the merger even where its organisations row has no close date. Attributes and close dates are as the
-- organisations snapshot current at the reporting date records them, so a later run can correct a date.
WITH dates AS (
    SELECT summary_date FROM report_dates
    UNION
    SELECT first_date AS summary_date FROM dspt_follow_up_dates
    UNION
    SELECT second_date AS summary_date FROM dspt_follow_up_dates
    UNION
    SELECT summary_date FROM organisation_count_dates
)

SELECT
    d.summary_date,
    o.org_code
FROM dates AS d
JOIN current_organisations AS o
    ON o.open_date <= d.summary_date
   AND (o.close_date IS NULL OR o.close_date > d.summary_date)
LEFT ANTI JOIN current_successors AS s
    ON s.predecessor_code = o.org_code
   AND s.effective_date <= d.summary_date
