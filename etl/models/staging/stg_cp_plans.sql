-- grain: one row per child protection plan (plan_id), the version from the latest file
-- Latest wins across files: the row from the file with the latest extract date (ties: the
-- later-sorting file name, folded into _file_rank). A record absent from a later extract is kept.
with

source as (

    select * from src_cp_plans

),

versions as (

    select
        plan_id,
        child_id,
        start_date,
        end_date,
        initial_category,
        latest_category,
        previous_plans,
        _submission_id,
        _file_name,
        _line,
        row_number() over (partition by plan_id order by _file_rank desc) as version_rank
    from source

),

final as (

    select
        plan_id,
        child_id,
        start_date,
        end_date,
        initial_category,
        latest_category,
        previous_plans,
        _submission_id,
        _file_name,
        _line
    from versions
    where version_rank = 1

)

select * from final
