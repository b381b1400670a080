-- test: every (agency, indicator_code, period) appears once in stg_partner_returns
select agency, indicator_code, period, count(*) as copies
from stg_partner_returns
group by agency, indicator_code, period
having count(*) > 1
