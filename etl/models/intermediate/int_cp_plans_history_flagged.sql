-- grain: one row per child protection plan
-- CP05: a second or subsequent plan when previous_plans >= 1 or the same child has a plan with
-- an earlier start_date in the data. CP06: lasted 2 years or more when
-- end_date >= start_date + 24 months (clamped to month end, so 1 Mar 2022 to 29 Feb 2024 is not).
-- NG01 uses initial_category; NG04 the latest category, else the initial one.
with

plans as (

    select * from stg_cp_plans

),

calendar as (

    select * from calendar

),

-- a join rather than a correlated exists: both engines then plan it as a hash join on child_id
with_earlier_plan as (

    select distinct plans.plan_id
    from plans
    inner join plans as earlier
        on earlier.child_id = plans.child_id
        and earlier.start_date < plans.start_date

),

flagged as (

    select
        plans.plan_id,
        plans.child_id,
        plans.start_date,
        plans.end_date,
        plans.initial_category,
        coalesce(plans.latest_category, plans.initial_category) as current_category,
        coalesce(plans.previous_plans, 0) >= 1 or with_earlier_plan.plan_id is not null as is_subsequent_plan,
        coalesce(plans.end_date >= cast(plans.start_date + interval '24 months' as date), false)
            as lasted_two_years
    from plans
    left join with_earlier_plan on with_earlier_plan.plan_id = plans.plan_id

),

final as (

    select
        flagged.*,
        start_day.quarter_index as start_quarter_index,
        end_day.quarter_index as end_quarter_index
    from flagged
    left join calendar as start_day on start_day.calendar_date = flagged.start_date
    left join calendar as end_day on end_day.calendar_date = flagged.end_date

)

select * from final
