-- grain: one row per strategy discussion (strategy_id), the version from the latest file
-- Latest wins across files: the row from the file with the latest extract date (ties: the
-- later-sorting file name, folded into _file_rank). A record absent from a later extract is kept.
with

source as (

    select * from src_strategy_discussions

),

versions as (

    select
        strategy_id,
        child_id,
        strategy_date,
        concern_category,
        sarc_invited,
        s47_start_date,
        icpc_date,
        icpc_not_required,
        _submission_id,
        _file_name,
        _line,
        row_number() over (partition by strategy_id order by _file_rank desc) as version_rank
    from source

),

final as (

    select
        strategy_id,
        child_id,
        strategy_date,
        concern_category,
        sarc_invited,
        s47_start_date,
        icpc_date,
        icpc_not_required,
        _submission_id,
        _file_name,
        _line
    from versions
    where version_rank = 1

)

select * from final
