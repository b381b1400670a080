-- grain: one row per referral (referral_id), the version from the latest file
-- Latest wins across files: the row from the file with the latest extract date (ties: the
-- later-sorting file name, folded into _file_rank). A record absent from a later extract is kept.
with

source as (

    select * from src_referrals

),

versions as (

    select
        referral_id,
        child_id,
        referral_date,
        source,
        contact_id,
        primary_need_code,
        closure_date,
        _submission_id,
        _file_name,
        _line,
        row_number() over (partition by referral_id order by _file_rank desc) as version_rank
    from source

),

final as (

    select
        referral_id,
        child_id,
        referral_date,
        source,
        contact_id,
        primary_need_code,
        closure_date,
        _submission_id,
        _file_name,
        _line
    from versions
    where version_rank = 1

)

select * from final
