-- price_factors: for each financial year with a GDP deflator, the factor that turns that year's nominal
-- values into prices of the run's price base year (:price_base_year, default 2018-19).
--
--     price_factor(year) = index(price base year) / index(year)
--
-- The deflator file may use any base (HM Treasury publishes, say, 2018-19 = 100; an older vintage
-- 2017-18 = 100): the ratio of two indexes of the same file rebases it to the run's base year whatever the
-- file's own base is. DeflatorCoverage has already stopped the run if the base year or a year of the
-- Figure 7 window has no deflator.
--
-- Exact decimal arithmetic: the indexes are DECIMAL(24,10); cast to DECIMAL(20,10) (indexes below 10^10) so
-- that the quotient keeps 18 decimal places, then held as DECIMAL(22,18) (a factor below 10^4).
WITH base AS (
    SELECT CAST(`index` AS DECIMAL(20, 10)) AS base_index
    FROM current_deflators
    WHERE fin_year = :price_base_year
)

SELECT
    d.fin_year,
    d.`index`                                                                       AS deflator_index,
    b.base_index,
    CAST(b.base_index / CAST(d.`index` AS DECIMAL(20, 10)) AS DECIMAL(22, 18))      AS price_factor
FROM current_deflators AS d
CROSS JOIN base AS b
