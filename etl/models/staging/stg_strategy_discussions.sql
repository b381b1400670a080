-- grain: one row per strategy discussion (strategy_id), the version from the latest file
-- Latest wins across files: the row from the file with the latest extract date (ties: the
-- later-sorting file name, folded into _file_rank). A record absent from a later extract is kept.
with

source as (

    select * from src_strategy_discussions

),

-- Keys held by more than one file, with their latest version (see stg_contacts).
repeated_keys as (

    select
        strategy_id,
        max(cast(_file_rank as bigint) * 4294967296 + _line) as latest_version
    from source
    group by strategy_id
    having count(*) > 1

),

final as (

    select
        source.strategy_id,
        source.child_id,
        source.strategy_date,
        source.concern_category,
        source.sarc_invited,
        source.s47_start_date,
        source.icpc_date,
        source.icpc_not_required,
        source._submission_id,
        source._file_name,
        source._line
    from source
    left join repeated_keys
        on repeated_keys.strategy_id = source.strategy_id
    where repeated_keys.strategy_id is null
        or cast(source._file_rank as bigint) * 4294967296 + source._line = repeated_keys.latest_version

)

select * from final
