-- test: every plan_id appears once in stg_cp_plans
select plan_id, count(*) as copies
from stg_cp_plans
group by plan_id
having count(*) > 1
