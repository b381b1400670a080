-- grain: one row per child protection plan (plan_id), the version from the latest file
-- Latest wins across files: the row from the file with the latest extract date (ties: the
-- later-sorting file name, folded into _file_rank). A record absent from a later extract is kept.
with

source as (

    select * from src_cp_plans

),

-- Keys held by more than one file, with their latest version (see stg_contacts).
repeated_keys as (

    select
        plan_id,
        max(cast(_file_rank as bigint) * 4294967296 + _line) as latest_version
    from source
    group by plan_id
    having count(*) > 1

),

final as (

    select
        source.plan_id,
        source.child_id,
        source.start_date,
        source.end_date,
        source.initial_category,
        source.latest_category,
        source.previous_plans,
        source._submission_id,
        source._file_name,
        source._line
    from source
    left join repeated_keys
        on repeated_keys.plan_id = source.plan_id
    where repeated_keys.plan_id is null
        or cast(source._file_rank as bigint) * 4294967296 + source._line = repeated_keys.latest_version

)

select * from final
