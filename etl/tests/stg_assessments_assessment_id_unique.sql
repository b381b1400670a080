-- test: every assessment_id appears once in stg_assessments
select assessment_id, count(*) as copies
from stg_assessments
group by assessment_id
having count(*) > 1
