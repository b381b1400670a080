-- grain: one row per population estimate (year, age_band), the version from the latest file
-- Latest wins across files: the row from the file with the latest extract date (ties: the
-- later-sorting file name, folded into _file_rank). A record absent from a later extract is kept.
with

source as (

    select * from src_population

),

versions as (

    select
        year,
        age_band,
        cast("count" as double precision) as population,
        _submission_id,
        _file_name,
        _line,
        row_number() over (partition by year, age_band order by _file_rank desc) as version_rank
    from source

),

final as (

    select
        year,
        age_band,
        population,
        _submission_id,
        _file_name,
        _line
    from versions
    where version_rank = 1

)

select * from final
