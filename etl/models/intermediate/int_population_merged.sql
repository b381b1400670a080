-- grain: one row per (mid-year estimate year, age band)
-- DfE's shipped estimates, replaced by the inbox population file for an age band from the
-- first year the file gives for that band: where the inbox has a band, its latest year also
-- serves later years ("a missing year uses the latest earlier one") rather than a shipped
-- estimate of a differently sized area.
with

shipped as (

    select * from ref_dfe_population

),

inbox as (

    select * from stg_population

),

inbox_first_year as (

    select age_band, min(year) as first_year
    from inbox
    group by age_band

),

shipped_kept as (

    select shipped.year, shipped.age_band, shipped.population, 'dfe' as population_source
    from shipped
    left join inbox_first_year on inbox_first_year.age_band = shipped.age_band
    where inbox_first_year.first_year is null
        or shipped.year < inbox_first_year.first_year

),

final as (

    select * from shipped_kept
    union all
    select year, age_band, population, 'inbox' as population_source
    from inbox

)

select * from final
