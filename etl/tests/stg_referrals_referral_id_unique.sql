-- test: every referral_id appears once in stg_referrals
select referral_id, count(*) as copies
from stg_referrals
group by referral_id
having count(*) > 1
