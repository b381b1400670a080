-- grain: one row per comparator value (indicator_code, year, group), the version from the latest file
-- Latest wins across files: the row from the file with the latest extract date (ties: the
-- later-sorting file name, folded into _file_rank). A record absent from a later extract is kept.
with

source as (

    select * from src_comparators

),

named as (

    -- NORTH_WEST is the older name of REGION (the LA's own region, whichever it is).
    select
        *,
        case "group" when 'NORTH_WEST' then 'REGION' else "group" end as comparator_group
    from source

),

versions as (

    select
        indicator_code,
        year,
        comparator_group,
        value,
        _submission_id,
        _file_name,
        _line,
        row_number() over (partition by indicator_code, year, comparator_group order by _file_rank desc) as version_rank
    from named

),

final as (

    select
        indicator_code,
        year,
        comparator_group,
        value,
        _submission_id,
        _file_name,
        _line
    from versions
    where version_rank = 1

)

select * from final
