-- grain: one row per review conference (review_id), the version from the latest file
-- Latest wins across files (see stg_contacts). Rows quarantined by qua_cp_reviews (no such plan,
-- or held before the plan started) are left out before the latest version is chosen.
with

source as (

    select * from src_cp_reviews

),

quarantined as (

    select * from qua_cp_reviews

),

accepted as (

    select source.*
    from source
    left join quarantined
        on quarantined._submission_id = source._submission_id
        and quarantined._line = source._line
    where quarantined._line is null

),

versions as (

    select
        review_id,
        plan_id,
        review_date,
        _submission_id,
        _file_name,
        _line,
        row_number() over (partition by review_id order by _file_rank desc) as version_rank
    from accepted

),

final as (

    select
        review_id,
        plan_id,
        review_date,
        _submission_id,
        _file_name,
        _line
    from versions
    where version_rank = 1

)

select * from final
