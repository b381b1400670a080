-- grain: one row per assessment (assessment_id), the version from the latest file
-- Latest wins across files: the row from the file with the latest extract date (ties: the
-- later-sorting file name, folded into _file_rank). A record absent from a later extract is kept.
with

source as (

    select * from src_assessments

),

versions as (

    select
        assessment_id,
        child_id,
        referral_id,
        start_date,
        authorised_date,
        factors,
        child_seen_alone,
        _submission_id,
        _file_name,
        _line,
        row_number() over (partition by assessment_id order by _file_rank desc) as version_rank
    from source

),

final as (

    select
        assessment_id,
        child_id,
        referral_id,
        start_date,
        authorised_date,
        factors,
        child_seen_alone,
        _submission_id,
        _file_name,
        _line
    from versions
    where version_rank = 1

)

select * from final
