-- grain: one row per (indicator PT01-PT02, source record with its defining date in a calendar quarter)
-- materialized: view
-- (only mart_indicator_records reads it, so its rows are written out once, there)
-- event_quarter_index is the quarter of the defining date; the marts place a record in each
-- period whose window (1 quarter, or 4 for a rolling 12 months) holds that quarter.
-- PT03-PT06 come from partner returns (int_partner_returns_by_period), not from records.
with

discussions as (

    select * from int_strategy_discussions_timed

),

assessments as (

    select * from int_assessments_timed

),

pt01 as (

    select
        'PT01' as code, discussions.strategy_quarter_index as event_quarter_index,
        'strategy_discussions' as dataset, discussions.strategy_id as record_id, discussions.child_id,
        discussions.concern_category = 'SAB' as in_denominator,
        discussions.concern_category = 'SAB' and discussions.sarc_invited as in_numerator,
        cast(null as varchar) as breakdown_key, cast(null as integer) as breakdown_order
    from discussions
    where discussions.strategy_quarter_index is not null
        -- unknown category (CIN census rows): not known to be about sexual abuse, so not a PT01 record
        and discussions.concern_category is not null

),

pt02 as (

    select
        'PT02' as code, assessments.authorised_quarter_index as event_quarter_index,
        'assessments' as dataset, assessments.assessment_id as record_id, assessments.child_id,
        assessments.child_seen_alone is not null as in_denominator,
        coalesce(assessments.child_seen_alone, false) as in_numerator,
        cast(null as varchar) as breakdown_key, cast(null as integer) as breakdown_order
    from assessments
    where assessments.authorised_quarter_index is not null

),

final as (

    select * from pt01
    union all
    select * from pt02

)

select * from final
