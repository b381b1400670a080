-- grain: one row per (indicator, financial year, comparator group)
-- A comparators file in the inbox overrides the shipped DfE values for the indicator and years
-- it covers.
with

shipped as (

    select * from ref_dfe_comparators

),

inbox as (

    select * from stg_comparators

),

inbox_covers as (

    select distinct indicator_code, year
    from inbox

),

shipped_kept as (

    select shipped.indicator_code, shipped.year, shipped.comparator_group, shipped.value, 'dfe' as comparator_source
    from shipped
    left join inbox_covers
        on inbox_covers.indicator_code = shipped.indicator_code
        and inbox_covers.year = shipped.year
    where inbox_covers.year is null

),

final as (

    select * from shipped_kept
    union all
    select indicator_code, year, comparator_group, value, 'inbox' as comparator_source
    from inbox

)

select * from final
