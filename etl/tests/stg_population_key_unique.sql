-- test: every (year, age_band) appears once in stg_population
select year, age_band, count(*) as copies
from stg_population
group by year, age_band
having count(*) > 1
