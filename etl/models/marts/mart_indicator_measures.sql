-- grain: one row per (period, indicator)
-- The inputs of the scorecard rules (libs/scorecard): numerator, denominator and status.
-- status: 'no_data' ([x]) when no source rows have their defining date in the period (for a
-- rolling 12 months: in each of its 4 quarters), the partner return is missing, or a rate has no
-- population; CP03/NG04 only when no plans were loaded at all. 'not_applicable' ([z]) when rows
-- exist but none falls in the denominator. Else 'ok'.
with

periods as (

    select * from period

),

indicators as (

    select * from int_indicators_listed

),

records as (

    select * from mart_indicator_records

),

population as (

    select * from int_population_by_period

),

partner_returns as (

    select * from int_partner_returns_by_period

),

plans as (

    select * from stg_cp_plans

),

plans_loaded as (

    select count(*) > 0 as any_plans
    from plans

),

-- counted once per quarter, then summed over each period's window: the records are stored at
-- their own quarter, not repeated per period
quarter_counts as (

    select
        code,
        event_quarter_index,
        count(case when in_denominator then 1 end) as denominator_count,
        count(case when in_numerator then 1 end) as numerator_count
    from records
    group by code, event_quarter_index

),

record_counts as (

    select
        indicators.code,
        periods.period_index,
        count(*) as quarters_with_rows,
        sum(quarter_counts.denominator_count) as denominator_count,
        sum(quarter_counts.numerator_count) as numerator_count
    from quarter_counts
    inner join indicators on indicators.code = quarter_counts.code
    inner join periods
        on periods.period_index >= quarter_counts.event_quarter_index
        and periods.period_index < quarter_counts.event_quarter_index + indicators.window_quarters
    group by indicators.code, periods.period_index

),

return_windows as (

    select
        indicators.code,
        periods.period_index,
        count(partner_returns.period_index) as returns_in_window,
        sum(partner_returns.numerator) as numerator_sum,
        sum(partner_returns.denominator) as denominator_sum,
        count(case when partner_returns.period_index = periods.period_index then 1 end) as own_returns
    from indicators
    cross join periods
    left join partner_returns
        on partner_returns.code = indicators.code
        and partner_returns.period_index <= periods.period_index
        and partner_returns.period_index > periods.period_index - indicators.window_quarters
    where indicators.source_kind = 'partner_return'
    group by indicators.code, periods.period_index

),

combined as (

    select
        periods.period,
        periods.period_index,
        indicators.code,
        indicators.position,
        indicators.unit,
        indicators.window_quarters,
        indicators.source_kind,
        case
            when indicators.source_kind = 'quarter_end' then plans_loaded.any_plans
            when indicators.source_kind = 'partner_return'
                then coalesce(return_windows.returns_in_window, 0) = indicators.window_quarters
            else coalesce(record_counts.quarters_with_rows, 0) = indicators.window_quarters
        end as has_rows,
        case
            when indicators.source_kind = 'partner_return' then return_windows.numerator_sum
            else coalesce(record_counts.numerator_count, 0)
        end as numerator_count,
        case
            when indicators.source_kind = 'partner_return' then return_windows.denominator_sum
            else coalesce(record_counts.denominator_count, 0)
        end as denominator_count,
        case indicators.unit
            when 'rate10k' then population.population_0_17
            when 'rate100k' then population.population_10_17
        end as population,
        indicators.source_kind = 'partner_return' and coalesce(return_windows.own_returns, 0) = 0
            as own_return_missing
    from periods
    cross join indicators
    cross join plans_loaded
    left join record_counts
        on record_counts.code = indicators.code
        and record_counts.period_index = periods.period_index
    left join return_windows
        on return_windows.code = indicators.code
        and return_windows.period_index = periods.period_index
    left join population on population.period_index = periods.period_index

),

statused as (

    select
        combined.*,
        case
            when not has_rows then 'no_data'
            when unit in ('rate10k', 'rate100k') and population is null then 'no_data'
            when unit = 'percent' and denominator_count = 0 then 'not_applicable'
            else 'ok'
        end as status
    from combined

),

final as (

    select
        period,
        period_index,
        code,
        position,
        unit,
        window_quarters,
        status,
        case
            when status = 'no_data' then null
            else cast(numerator_count as double precision)
        end as numerator,
        case
            when status = 'no_data' then null
            when unit = 'count' then null
            when unit = 'percent' then cast(denominator_count as double precision)
            else cast(population as double precision)
        end as denominator,
        own_return_missing
    from statused

)

select * from final
