-- grain: one row per referral (referral_id), the version from the latest file
-- Latest wins across files: the row from the file with the latest extract date (ties: the
-- later-sorting file name, folded into _file_rank). A record absent from a later extract is kept.
with

source as (

    select * from src_referrals

),

-- Keys held by more than one file, with their latest version (see stg_contacts).
repeated_keys as (

    select
        referral_id,
        max(cast(_file_rank as bigint) * 4294967296 + _line) as latest_version
    from source
    group by referral_id
    having count(*) > 1

),

final as (

    select
        source.referral_id,
        source.child_id,
        source.referral_date,
        source.source,
        source.contact_id,
        source.primary_need_code,
        source.closure_date,
        source._submission_id,
        source._file_name,
        source._line
    from source
    left join repeated_keys
        on repeated_keys.referral_id = source.referral_id
    where repeated_keys.referral_id is null
        or cast(source._file_rank as bigint) * 4294967296 + source._line = repeated_keys.latest_version

)

select * from final
