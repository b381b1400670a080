-- grain: one row per agency invited to a conference (conference_id, agency), the version from the latest file
-- Latest wins across files: the row from the file with the latest extract date (ties: the
-- later-sorting file name, folded into _file_rank). A record absent from a later extract is kept.
with

source as (

    select * from src_conference_participation

),

-- Keys held by more than one file, with their latest version (see stg_contacts).
repeated_keys as (

    select
        conference_id,
        agency,
        max(cast(_file_rank as bigint) * 4294967296 + _line) as latest_version
    from source
    group by conference_id, agency
    having count(*) > 1

),

final as (

    select
        source.conference_id,
        source.conference_type,
        source.conference_date,
        source.agency,
        source.attended,
        source.report_submitted_date,
        source._submission_id,
        source._file_name,
        source._line
    from source
    left join repeated_keys
        on repeated_keys.conference_id = source.conference_id
        and repeated_keys.agency = source.agency
    where repeated_keys.conference_id is null
        or cast(source._file_rank as bigint) * 4294967296 + source._line = repeated_keys.latest_version

)

select * from final
