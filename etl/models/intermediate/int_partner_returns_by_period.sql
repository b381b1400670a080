-- grain: one row per (partner-return indicator, quarter) that has its owner agency's return
-- The return counts when it comes from the agency that owns the indicator (PT03 YJS, PT04 POLICE,
-- PT05 HEALTH, PT06 OSCP); latest extract wins (stg_partner_returns).
with

returns as (

    select * from stg_partner_returns

),

indicators as (

    select * from int_indicators_listed

),

final as (

    select
        returns.indicator_code as code,
        -- the same numbering as calendar.quarter_index and period.period_index: 4 × the year the
        -- financial year starts in + quarter - 1 (returns before the first period still count
        -- towards a rolling 12 months)
        cast(substr(returns.period, 1, 4) as integer) * 4 + cast(substr(returns.period, 10, 1) as integer) - 1
            as period_index,
        returns.period,
        returns.agency,
        returns.numerator,
        returns.denominator
    from returns
    inner join indicators
        on indicators.code = returns.indicator_code
        and indicators.source_kind = 'partner_return'
        and indicators.return_agency = returns.agency

)

select * from final
