-- grain: one row per (indicator NG01-NG04, period, source record whose defining date falls in the period)
-- NG04 counts children with an open plan whose latest category (else initial) is NEG (one row
-- per child: int_cp_plans_open_at_quarter_end).
with

plans as (

    select * from int_cp_plans_history_flagged

),

open_plans as (

    select * from int_cp_plans_open_at_quarter_end

),

assessments as (

    select * from int_assessments_timed

),

episodes as (

    select * from int_early_help_timed

),

periods as (

    select * from period

),

ng01 as (

    select
        'NG01' as code, periods.period_index, plans.start_quarter_index as event_quarter_index,
        'cp_plans' as dataset, plans.plan_id as record_id, plans.child_id,
        true as in_denominator, plans.initial_category = 'NEG' as in_numerator,
        cast(null as varchar) as breakdown_key, cast(null as integer) as breakdown_order
    from plans
    inner join periods on periods.period_index = plans.start_quarter_index

),

ng02 as (

    select
        'NG02' as code, periods.period_index, assessments.authorised_quarter_index as event_quarter_index,
        'assessments' as dataset, assessments.assessment_id as record_id, assessments.child_id,
        true as in_denominator, assessments.has_neglect_factor as in_numerator,
        cast(null as varchar) as breakdown_key, cast(null as integer) as breakdown_order
    from assessments
    inner join periods on periods.period_index = assessments.authorised_quarter_index

),

ng03 as (

    select
        'NG03' as code, periods.period_index, episodes.start_quarter_index as event_quarter_index,
        'early_help' as dataset, episodes.episode_id as record_id, episodes.child_id,
        episodes.neglect_identified as in_denominator,
        episodes.neglect_identified and episodes.gcp2_completed as in_numerator,
        cast(null as varchar) as breakdown_key, cast(null as integer) as breakdown_order
    from episodes
    inner join periods on periods.period_index = episodes.start_quarter_index

),

ng04 as (

    select
        'NG04' as code, period_index, period_index as event_quarter_index,
        'cp_plans' as dataset, neglect_plan_id as record_id, child_id,
        true as in_denominator, true as in_numerator,
        cast(null as varchar) as breakdown_key, cast(null as integer) as breakdown_order
    from open_plans
    where neglect_plan_id is not null

),

final as (

    select * from ng01
    union all
    select * from ng02
    union all
    select * from ng03
    union all
    select * from ng04

)

select * from final
