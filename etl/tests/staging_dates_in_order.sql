-- test: no staged record has a later date before an earlier one (decision before contact, end before start …)
with

out_of_order as (

    select 'stg_contacts' as model, contact_id as record_id from stg_contacts
    where decision_datetime < contact_datetime
    union all
    select 'stg_referrals', referral_id from stg_referrals
    where closure_date < referral_date
    union all
    select 'stg_assessments', assessment_id from stg_assessments
    where authorised_date < start_date
    union all
    select 'stg_strategy_discussions', strategy_id from stg_strategy_discussions
    where s47_start_date < strategy_date or icpc_date < strategy_date
    union all
    select 'stg_cp_plans', plan_id from stg_cp_plans
    where end_date < start_date
    union all
    select 'stg_early_help', episode_id from stg_early_help
    where assessment_completed_date < start_date or end_date < start_date

),

final as (

    select * from out_of_order

)

select * from final
