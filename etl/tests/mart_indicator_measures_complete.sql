-- test: every period has a measure for each of the 26 indicators, with a known status
with

periods as (

    select * from period

),

measures as (

    select * from mart_indicator_measures

),

per_period as (

    select periods.period, count(measures.code) as indicators
    from periods
    left join measures on measures.period = periods.period
    group by periods.period

),

final as (

    select period, indicators, cast(null as varchar) as status
    from per_period
    where indicators <> 26
    union all
    select period, 26, status
    from measures
    where status not in ('ok', 'no_data', 'not_applicable')

)

select * from final
