-- test: mart_indicator_measures has one row per (period, indicator)
select period, code, count(*) as copies
from mart_indicator_measures
group by period, code
having count(*) > 1
