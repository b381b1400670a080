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

-- Keys held by more than one file, with their latest version (see stg_contacts).
repeated_keys as (

    select
        review_id,
        max(cast(_file_rank as bigint) * 4294967296 + _line) as latest_version
    from accepted
    group by review_id
    having count(*) > 1

),

final as (

    select
        accepted.review_id,
        accepted.plan_id,
        accepted.review_date,
        accepted._submission_id,
        accepted._file_name,
        accepted._line
    from accepted
    left join repeated_keys
        on repeated_keys.review_id = accepted.review_id
    where repeated_keys.review_id is null
        or cast(accepted._file_rank as bigint) * 4294967296 + accepted._line = repeated_keys.latest_version

)

select * from final
