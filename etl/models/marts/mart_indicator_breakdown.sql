-- grain: one row per (period, indicator, breakdown key with at least one record in the denominator)
-- FD06 by referral source group (share of the quarter's referrals, in the code list's group
-- order); CP07/CP08 by agency (alphabetical).
with

records as (

    select * from mart_indicator_records

),

measures as (

    select * from mart_indicator_measures

),

-- counted once per quarter, then summed over each period's window (records are stored at
-- their own quarter)
keyed_by_quarter as (

    select
        code,
        event_quarter_index,
        breakdown_key,
        min(breakdown_order) as breakdown_order,
        count(case when in_denominator then 1 end) as denominator,
        count(case when in_numerator then 1 end) as numerator
    from records
    where breakdown_key is not null
    group by code, event_quarter_index, breakdown_key

),

keyed as (

    select
        keyed_by_quarter.code,
        measures.period_index,
        keyed_by_quarter.breakdown_key,
        min(keyed_by_quarter.breakdown_order) as breakdown_order,
        sum(keyed_by_quarter.denominator) as denominator,
        sum(keyed_by_quarter.numerator) as numerator
    from keyed_by_quarter
    inner join measures
        on measures.code = keyed_by_quarter.code
        and measures.period_index >= keyed_by_quarter.event_quarter_index
        and measures.period_index < keyed_by_quarter.event_quarter_index + measures.window_quarters
    group by keyed_by_quarter.code, measures.period_index, keyed_by_quarter.breakdown_key

),

final as (

    select
        measures.period,
        measures.period_index,
        measures.code,
        keyed.breakdown_key,
        coalesce(keyed.breakdown_order, 0) as breakdown_order,
        cast(keyed.numerator as double precision) as numerator,
        cast(
            case when measures.unit = 'count' then measures.numerator else keyed.denominator end
            as double precision
        ) as denominator
    from keyed
    inner join measures
        on measures.code = keyed.code
        and measures.period_index = keyed.period_index
    where measures.status = 'ok'
        and keyed.denominator > 0

)

select * from final
