-- grain: one row per contact (contact_id), the version from the latest file
-- Latest wins across files: the row from the file with the latest extract date (ties: the
-- later-sorting file name, folded into _file_rank). A record absent from a later extract is kept.
with

source as (

    select * from src_contacts

),

-- Validation keeps each key once per file, so a key has several versions only when several
-- files hold it. Those keys are found first, each with its latest version (the highest file rank,
-- then the last line, so that the choice never depends on the engine); every other row is its
-- key's only version. This gives the rows a window numbering every key's versions would, in a
-- little over half its time at scale 100 (docs/scaling.md). Keys are never null (required
-- columns, generated census ids); a null key's rows would all be kept, and a data test fail.
-- (One row per id is also taken from a census as it is loaded, for censuses validated before
-- their ids were counted across the whole file.)
repeated_keys as (

    select
        contact_id,
        max(cast(_file_rank as bigint) * 4294967296 + _line) as latest_version
    from source
    group by contact_id
    having count(*) > 1

),

final as (

    select
        source.contact_id,
        source.child_id,
        source.contact_datetime,
        source.source,
        source.decision_datetime,
        source.outcome,
        source._submission_id,
        source._file_name,
        source._line
    from source
    left join repeated_keys
        on repeated_keys.contact_id = source.contact_id
    where repeated_keys.contact_id is null
        or cast(source._file_rank as bigint) * 4294967296 + source._line = repeated_keys.latest_version

)

select * from final
