-- test: every (conference_id, agency) appears once in stg_conference_participation
select conference_id, agency, count(*) as copies
from stg_conference_participation
group by conference_id, agency
having count(*) > 1
