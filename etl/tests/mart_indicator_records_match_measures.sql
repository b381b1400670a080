-- test: the drill-through records add up to each measure's numerator (and a percentage's denominator)
with

measures as (

    select * from mart_indicator_measures

),

records as (

    select * from scorecard_record

),

children_counted as (

    select period, code, part, count(*) as records
    from records
    group by period, code, part

),

final as (

    select measures.period, measures.code, measures.numerator, numerators.records as numerator_records,
        measures.denominator, denominators.records as denominator_records
    from measures
    left join children_counted as numerators
        on numerators.period = measures.period and numerators.code = measures.code
        and numerators.part = 'numerator'
    left join children_counted as denominators
        on denominators.period = measures.period and denominators.code = measures.code
        and denominators.part = 'denominator'
    where measures.status <> 'no_data'
        and measures.code not in ('PT03', 'PT04', 'PT05', 'PT06')
        and (
            coalesce(numerators.records, 0) <> measures.numerator
            or (measures.unit = 'percent' and coalesce(denominators.records, 0) <> measures.denominator)
        )

)

select * from final
