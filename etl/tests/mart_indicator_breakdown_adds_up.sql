-- test: breakdown entries add up to their indicator's numerator and denominator
with

breakdown as (

    select * from mart_indicator_breakdown

),

measures as (

    select * from mart_indicator_measures

),

totals as (

    select period, code, sum(numerator) as numerator, sum(denominator) as denominator, max(denominator) as largest
    from breakdown
    group by period, code

),

final as (

    select totals.period, totals.code
    from totals
    inner join measures on measures.period = totals.period and measures.code = totals.code
    where totals.numerator <> measures.numerator
        or (measures.unit = 'percent' and totals.denominator <> measures.denominator)
        or (measures.unit = 'count' and totals.largest <> measures.numerator)

)

select * from final
