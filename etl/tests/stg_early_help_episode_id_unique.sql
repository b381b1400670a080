-- test: every episode_id appears once in stg_early_help
select episode_id, count(*) as copies
from stg_early_help
group by episode_id
having count(*) > 1
