-- test: every strategy_id appears once in stg_strategy_discussions
select strategy_id, count(*) as copies
from stg_strategy_discussions
group by strategy_id
having count(*) > 1
