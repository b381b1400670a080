-- grain: one row per period
-- A rate's denominator is the population of the period's own financial year: mid-year Y serves
-- financial year Y-(Y+1); a missing year uses the latest earlier one.
with

population as (

    select * from int_population_merged

),

periods as (

    select * from period

),

candidates as (

    select
        periods.period_index,
        population.age_band,
        population.year,
        population.population,
        row_number() over (
            partition by periods.period_index, population.age_band order by population.year desc
        ) as recency
    from periods
    inner join population on population.year <= periods.financial_year_start

),

final as (

    select
        periods.period_index,
        max(case when candidates.age_band = '0-17' then candidates.population end) as population_0_17,
        max(case when candidates.age_band = '0-17' then candidates.year end) as population_0_17_year,
        max(case when candidates.age_band = '10-17' then candidates.population end) as population_10_17,
        max(case when candidates.age_band = '10-17' then candidates.year end) as population_10_17_year
    from periods
    left join candidates
        on candidates.period_index = periods.period_index
        and candidates.recency = 1
    group by periods.period_index

)

select * from final
