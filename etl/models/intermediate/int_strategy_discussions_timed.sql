-- grain: one row per strategy discussion
-- CP01 counts S47 enquiries by s47_start_date; CP02 times the ICPC from the strategy discussion:
-- within 15 working days when wd(strategy_date, icpc_date) <= 15. PT01 by strategy_date.
with

discussions as (

    select * from stg_strategy_discussions

),

calendar as (

    select * from calendar

),

final as (

    select
        discussions.strategy_id,
        discussions.child_id,
        discussions.strategy_date,
        discussions.s47_start_date,
        discussions.icpc_date,
        discussions.concern_category,
        coalesce(discussions.sarc_invited, false) as sarc_invited,
        strategy_day.quarter_index as strategy_quarter_index,
        s47_day.quarter_index as s47_start_quarter_index,
        icpc_day.quarter_index as icpc_quarter_index,
        icpc_day.working_day_index - strategy_day.working_day_index as working_days_to_icpc,
        coalesce(icpc_day.working_day_index - strategy_day.working_day_index <= 15, false)
            as icpc_within_15_working_days
    from discussions
    left join calendar as strategy_day on strategy_day.calendar_date = discussions.strategy_date
    left join calendar as s47_day on s47_day.calendar_date = discussions.s47_start_date
    left join calendar as icpc_day on icpc_day.calendar_date = discussions.icpc_date

)

select * from final
