-- grain: one row per (indicator NG01-NG04, source record with its defining date in a calendar quarter)
-- materialized: view
-- (only mart_indicator_records reads it, so its rows are written out once, there)
-- event_quarter_index is the quarter of the defining date; the marts place a record in each
-- period whose window (1 quarter, or 4 for a rolling 12 months) holds that quarter.
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

ng01 as (

    select
        'NG01' as code, plans.start_quarter_index as event_quarter_index,
        'cp_plans' as dataset, plans.plan_id as record_id, plans.child_id,
        true as in_denominator, plans.initial_category = 'NEG' as in_numerator,
        cast(null as varchar) as breakdown_key, cast(null as integer) as breakdown_order
    from plans
    where plans.start_quarter_index is not null

),

ng02 as (

    select
        'NG02' as code, assessments.authorised_quarter_index as event_quarter_index,
        'assessments' as dataset, assessments.assessment_id as record_id, assessments.child_id,
        true as in_denominator, assessments.has_neglect_factor as in_numerator,
        cast(null as varchar) as breakdown_key, cast(null as integer) as breakdown_order
    from assessments
    where assessments.authorised_quarter_index is not null

),

ng03 as (

    select
        'NG03' as code, episodes.start_quarter_index as event_quarter_index,
        'early_help' as dataset, episodes.episode_id as record_id, episodes.child_id,
        episodes.neglect_identified as in_denominator,
        episodes.neglect_identified and episodes.gcp2_completed as in_numerator,
        cast(null as varchar) as breakdown_key, cast(null as integer) as breakdown_order
    from episodes
    where episodes.start_quarter_index is not null

),

ng04 as (

    select
        'NG04' as code, period_index as event_quarter_index,
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
