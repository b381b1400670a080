-- grain: one row per (period, indicator, part, source record)
-- Drill-through: the records behind every numerator and denominator ("which 7 children?").
-- Denominator records are listed for percentages only: a rate's denominator is a population,
-- a count has none. Periods shown [x] list none.
with

records as (

    select * from int_scorecard_records_unioned

),

measures as (

    select * from mart_indicator_measures

),

in_scope as (

    select records.*, measures.period, measures.unit
    from records
    inner join measures
        on measures.code = records.code
        and measures.period_index = records.period_index
    where measures.status <> 'no_data'

),

numerator_records as (

    select period, code, 'numerator' as part, dataset, record_id, child_id
    from in_scope
    where in_numerator

),

denominator_records as (

    select period, code, 'denominator' as part, dataset, record_id, child_id
    from in_scope
    where in_denominator
        and unit = 'percent'

),

final as (

    select * from numerator_records
    union all
    select * from denominator_records

)

select * from final
