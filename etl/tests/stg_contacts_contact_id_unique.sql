-- test: every contact_id appears once in stg_contacts
select contact_id, count(*) as copies
from stg_contacts
group by contact_id
having count(*) > 1
