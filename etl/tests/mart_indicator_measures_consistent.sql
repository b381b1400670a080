-- test: measures agree with their status: [x] has no numbers; a percentage's numerator is within its denominator; counts have no denominator
with

measures as (

    select * from mart_indicator_measures

),

final as (

    select period, code, status, numerator, denominator
    from measures
    where (status = 'no_data' and (numerator is not null or denominator is not null))
        or (status <> 'no_data' and numerator is null)
        or (unit = 'percent' and status = 'ok' and (denominator <= 0 or numerator > denominator))
        or (unit = 'percent' and status = 'not_applicable' and denominator <> 0)
        or (unit = 'count' and denominator is not null)
        or numerator < 0

)

select * from final
