-- programme_groups: the national digital funding programme group of every organisation, for comparing the
-- programmes' trusts with the rest (NAO summary 7, paragraph 3.11).
--
-- One row per organisation x programme it is in (GLOBAL_DIGITAL_EXEMPLAR, FAST_FOLLOWER, DIGITAL_ASPIRANT), and
-- one OTHER row for an organisation in none. A trust in two programmes (a fast follower that later became a
-- digital aspirant) is in both groups, so the programme groups overlap; OTHER never overlaps them.
-- Membership is matched on the code that joined the programme, as survey answers are: it is not carried to a
-- successor after a merger. Membership was not random (exemplars were chosen for being already mature), so a
-- comparison of groups is an association, not the effect of the funding.
WITH members AS (
    SELECT DISTINCT org_code, programme
    FROM current_programme_membership
)

SELECT org_code, programme AS programme_group
FROM members

UNION ALL

SELECT o.org_code, 'OTHER' AS programme_group
FROM current_organisations AS o
LEFT ANTI JOIN members AS m
    ON m.org_code = o.org_code
