-- grain: one row per (period, child on a child protection plan at the period's last day)
-- CP03/NG04 count children, not plans: a plan is open at quarter end when start_date <= quarter
-- end and (end_date blank or end_date > quarter end). A child with several open plans is one
-- row, shown in drill-through by one of them (the first by plan_id; for NG04 the first whose
-- latest category, else initial, is neglect).
with

plans as (

    select * from int_cp_plans_history_flagged

),

periods as (

    select * from period

),

open_plans as (

    select
        periods.period_index,
        plans.plan_id,
        plans.child_id,
        plans.current_category
    from periods
    inner join plans
        on plans.start_date <= periods.end_date
        and (plans.end_date is null or plans.end_date > periods.end_date)

),

final as (

    select
        period_index,
        child_id,
        min(plan_id) as plan_id,
        min(case when current_category = 'NEG' then plan_id end) as neglect_plan_id,
        count(*) as open_plans
    from open_plans
    group by period_index, child_id

)

select * from final
