-- grain: one row per early help episode (episode_id), the version from the latest file
-- Latest wins across files: the row from the file with the latest extract date (ties: the
-- later-sorting file name, folded into _file_rank). A record absent from a later extract is kept.
with

source as (

    select * from src_early_help

),

versions as (

    select
        episode_id,
        child_id,
        start_date,
        assessment_completed_date,
        neglect_identified,
        gcp2_completed_date,
        end_date,
        _submission_id,
        _file_name,
        _line,
        row_number() over (partition by episode_id order by _file_rank desc) as version_rank
    from source

),

final as (

    select
        episode_id,
        child_id,
        start_date,
        assessment_completed_date,
        neglect_identified,
        gcp2_completed_date,
        end_date,
        _submission_id,
        _file_name,
        _line
    from versions
    where version_rank = 1

)

select * from final
