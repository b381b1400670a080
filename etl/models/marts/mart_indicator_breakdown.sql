-- grain: one row per (period, indicator, breakdown key with at least one record in the denominator)
-- FD06 by referral source group (share of the quarter's referrals, in the code list's group
-- order); CP07/CP08 by agency (alphabetical).
with

records as (

    select * from int_scorecard_records_unioned

),

measures as (

    select * from mart_indicator_measures

),

keyed as (

    select
        code,
        period_index,
        breakdown_key,
        min(breakdown_order) as breakdown_order,
        count(case when in_denominator then 1 end) as denominator,
        count(case when in_numerator then 1 end) as numerator
    from records
    where breakdown_key is not null
    group by code, period_index, breakdown_key

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
