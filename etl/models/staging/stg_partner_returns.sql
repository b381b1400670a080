-- grain: one row per partner return (agency, indicator_code, period), the version from the latest file
-- Latest wins across files: the row from the file with the latest extract date (ties: the
-- later-sorting file name, folded into _file_rank). A record absent from a later extract is kept.
-- _first_submission_id is the earliest file that held the return: when it was first received
-- (the returns tracker), whichever later file corrected its figures.
with

source as (

    select * from src_partner_returns

),

versions as (

    select
        agency,
        indicator_code,
        period,
        numerator,
        denominator,
        note,
        _submission_id,
        _file_name,
        _line,
        row_number() over (partition by agency, indicator_code, period order by _file_rank desc) as version_rank,
        first_value(_submission_id) over (
            partition by agency, indicator_code, period order by _file_rank asc
        ) as _first_submission_id
    from source

),

final as (

    select
        agency,
        indicator_code,
        period,
        numerator,
        denominator,
        note,
        _submission_id,
        _file_name,
        _line,
        _first_submission_id
    from versions
    where version_rank = 1

)

select * from final
