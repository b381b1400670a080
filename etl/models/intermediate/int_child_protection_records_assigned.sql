-- grain: one row per (indicator CP01-CP08, source record with its defining date in a calendar quarter)
-- materialized: view
-- (only mart_indicator_records reads it, so its rows are written out once, there)
-- event_quarter_index is the quarter of the defining date; the marts place a record in each
-- period whose window (1 quarter, or 4 for a rolling 12 months) holds that quarter.
-- CP03 counts children with a plan open at quarter end (one row per child: int_cp_plans_open_at_quarter_end).
with

discussions as (

    select * from int_strategy_discussions_timed

),

plans as (

    select * from int_cp_plans_history_flagged

),

open_plans as (

    select * from int_cp_plans_open_at_quarter_end

),

reviews as (

    select * from int_cp_reviews_timeliness_assessed

),

participation as (

    select * from int_conference_participation_timed

),

-- rolling 12 months: the marts count the record in the 4 periods ending with its quarter
cp01 as (

    select
        'CP01' as code, discussions.s47_start_quarter_index as event_quarter_index,
        'strategy_discussions' as dataset, discussions.strategy_id as record_id, discussions.child_id,
        true as in_denominator, true as in_numerator,
        cast(null as varchar) as breakdown_key, cast(null as integer) as breakdown_order
    from discussions
    where discussions.s47_start_quarter_index is not null

),

cp02 as (

    select
        'CP02' as code, discussions.icpc_quarter_index as event_quarter_index,
        'strategy_discussions' as dataset, discussions.strategy_id as record_id, discussions.child_id,
        true as in_denominator, discussions.icpc_within_15_working_days as in_numerator,
        cast(null as varchar) as breakdown_key, cast(null as integer) as breakdown_order
    from discussions
    where discussions.icpc_quarter_index is not null

),

cp03 as (

    select
        'CP03' as code, period_index as event_quarter_index,
        'cp_plans' as dataset, plan_id as record_id, child_id,
        true as in_denominator, true as in_numerator,
        cast(null as varchar) as breakdown_key, cast(null as integer) as breakdown_order
    from open_plans

),

cp04 as (

    select
        'CP04' as code, reviews.review_quarter_index as event_quarter_index,
        'cp_reviews' as dataset, reviews.review_id as record_id, reviews.child_id,
        true as in_denominator, reviews.is_on_time as in_numerator,
        cast(null as varchar) as breakdown_key, cast(null as integer) as breakdown_order
    from reviews
    where reviews.review_quarter_index is not null

),

cp05 as (

    select
        'CP05' as code, plans.start_quarter_index as event_quarter_index,
        'cp_plans' as dataset, plans.plan_id as record_id, plans.child_id,
        true as in_denominator, plans.is_subsequent_plan as in_numerator,
        cast(null as varchar) as breakdown_key, cast(null as integer) as breakdown_order
    from plans
    where plans.start_quarter_index is not null

),

cp06 as (

    select
        'CP06' as code, plans.end_quarter_index as event_quarter_index,
        'cp_plans' as dataset, plans.plan_id as record_id, plans.child_id,
        true as in_denominator, plans.lasted_two_years as in_numerator,
        cast(null as varchar) as breakdown_key, cast(null as integer) as breakdown_order
    from plans
    where plans.end_quarter_index is not null

),

participation_in_quarter as (

    select * from participation
    where conference_quarter_index is not null

),

cp07 as (

    select
        'CP07' as code, conference_quarter_index as event_quarter_index,
        'conference_participation' as dataset, participation_id as record_id,
        cast(null as varchar) as child_id,
        is_partner_agency and attended as in_denominator,
        is_partner_agency and attended and report_on_time as in_numerator,
        agency as breakdown_key, cast(null as integer) as breakdown_order
    from participation_in_quarter

),

cp08 as (

    select
        'CP08' as code, conference_quarter_index as event_quarter_index,
        'conference_participation' as dataset, participation_id as record_id,
        cast(null as varchar) as child_id,
        is_partner_agency as in_denominator,
        is_partner_agency and attended as in_numerator,
        agency as breakdown_key, cast(null as integer) as breakdown_order
    from participation_in_quarter

),

final as (

    select * from cp01
    union all
    select * from cp02
    union all
    select * from cp03
    union all
    select * from cp04
    union all
    select * from cp05
    union all
    select * from cp06
    union all
    select * from cp07
    union all
    select * from cp08

)

select * from final
