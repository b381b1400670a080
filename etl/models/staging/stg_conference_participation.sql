-- grain: one row per agency invited to a conference (conference_id, agency), the version from the latest file
-- Latest wins across files: the row from the file with the latest extract date (ties: the
-- later-sorting file name, folded into _file_rank). A record absent from a later extract is kept.
with

source as (

    select * from src_conference_participation

),

versions as (

    select
        conference_id,
        conference_type,
        conference_date,
        agency,
        attended,
        report_submitted_date,
        _submission_id,
        _file_name,
        _line,
        row_number() over (partition by conference_id, agency order by _file_rank desc) as version_rank
    from source

),

final as (

    select
        conference_id,
        conference_type,
        conference_date,
        agency,
        attended,
        report_submitted_date,
        _submission_id,
        _file_name,
        _line
    from versions
    where version_rank = 1

)

select * from final
