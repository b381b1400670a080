-- test: every review_id appears once in stg_cp_reviews
select review_id, count(*) as copies
from stg_cp_reviews
group by review_id
having count(*) > 1
