-- grain: one row per (period, plan open at the period's last day)
-- CP03/NG04: a plan is open at quarter end when start_date <= quarter end and (end_date blank
-- or end_date > quarter end).
with

plans as (

    select * from int_cp_plans_history_flagged

),

periods as (

    select * from period

),

final as (

    select
        periods.period_index,
        plans.plan_id,
        plans.child_id,
        plans.current_category
    from periods
    inner join plans
        on plans.start_date <= periods.end_date
        and (plans.end_date is null or plans.end_date > periods.end_date)

)

select * from final
