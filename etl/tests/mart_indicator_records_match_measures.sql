-- test: the drill-through records add up to each measure's numerator (and a percentage's denominator)
-- Counted per quarter, then summed over each measure's window as scorecard_record places them
-- (numerator records always, denominator records for percentages): the same counts as grouping
-- the view's rows, without listing every record once per period and part.
with

measures as (

    select * from mart_indicator_measures

),

records as (

    select * from mart_indicator_records

),

quarter_counts as (

    select
        code,
        event_quarter_index,
        count(case when in_numerator then 1 end) as numerator_records,
        count(case when in_denominator then 1 end) as denominator_records
    from records
    group by code, event_quarter_index

),

window_quarters as (

    select
        period,
        code,
        unnest(range(period_index - window_quarters + 1, period_index + 1)) as event_quarter_index
    from measures
    where status <> 'no_data'

),

children_counted as (

    select
        window_quarters.period,
        window_quarters.code,
        sum(quarter_counts.numerator_records) as numerator_records,
        sum(quarter_counts.denominator_records) as denominator_records
    from window_quarters
    inner join quarter_counts
        on quarter_counts.code = window_quarters.code
        and quarter_counts.event_quarter_index = window_quarters.event_quarter_index
    group by window_quarters.period, window_quarters.code

),

final as (

    select measures.period, measures.code, measures.numerator, counted.numerator_records,
        measures.denominator, counted.denominator_records
    from measures
    left join children_counted as counted
        on counted.period = measures.period and counted.code = measures.code
    where measures.status <> 'no_data'
        and measures.code not in ('PT03', 'PT04', 'PT05', 'PT06')
        and (
            coalesce(counted.numerator_records, 0) <> measures.numerator
            or (measures.unit = 'percent' and coalesce(counted.denominator_records, 0) <> measures.denominator)
        )

)

select * from final
