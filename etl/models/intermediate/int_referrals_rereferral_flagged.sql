-- grain: one row per referral
-- FD05: a re-referral is one whose child had another referral with a referral_date earlier than
-- this one and not more than 12 months before it (prev >= this - 12 months, same day number,
-- clamped to month end: 29 Feb 2024 - 12 months = 28 Feb 2023).
with

referrals as (

    select * from stg_referrals

),

calendar as (

    select * from calendar

),

grouped as (

    select
        referral_id,
        child_id,
        referral_date,
        source,
        case
            when source in ('1A', '1B', '1C', '1D') then 'Individual'
            when source in ('2A', '2B') then 'Education'
            when source in ('3A', '3B', '3C', '3D', '3E', '3F') then 'Health'
            when source = '4' then 'Housing'
            when source in ('5A', '5B', '5C', '5D') then 'Local authority'
            when source = '6' then 'Police'
            else 'Other'
        end as source_group,
        case
            when source in ('1A', '1B', '1C', '1D') then 1
            when source in ('2A', '2B') then 2
            when source in ('3A', '3B', '3C', '3D', '3E', '3F') then 3
            when source = '4' then 4
            when source in ('5A', '5B', '5C', '5D') then 5
            when source = '6' then 6
            else 7
        end as source_group_order,
        cast(referral_date - interval '12 months' as date) as rereferral_window_start
    from referrals

),

-- a join rather than a correlated exists: both engines then plan it as a hash join on child_id
rereferred as (

    select distinct grouped.referral_id
    from grouped
    inner join referrals as earlier
        on earlier.child_id = grouped.child_id
        and earlier.referral_date < grouped.referral_date
        and earlier.referral_date >= grouped.rereferral_window_start

),

flagged as (

    select
        grouped.*,
        rereferred.referral_id is not null as is_rereferral
    from grouped
    left join rereferred on rereferred.referral_id = grouped.referral_id

),

final as (

    select
        flagged.referral_id,
        flagged.child_id,
        flagged.referral_date,
        flagged.source,
        flagged.source_group,
        flagged.source_group_order,
        referral_day.quarter_index as referral_quarter_index,
        flagged.is_rereferral
    from flagged
    left join calendar as referral_day on referral_day.calendar_date = flagged.referral_date

)

select * from final
