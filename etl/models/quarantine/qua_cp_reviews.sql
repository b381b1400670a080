-- grain: one row per cp_reviews source row (file, line) that fails a rule needing another dataset
-- Runs before staging, so that a quarantined review never reaches stg_cp_reviews (and so never
-- replaces an accepted version of the same review from an earlier file).
-- Rules: the plan_id must be a plan in the accepted cp_plans files; the review_date must not be
-- before that plan's start_date (the plan's latest version).
with

reviews as (

    select * from src_cp_reviews

),

plans as (

    select * from src_cp_plans

),

plan_versions as (

    select
        plan_id,
        start_date,
        -- the same order as stg_cp_plans: the latest file, then the last line
        row_number() over (partition by plan_id order by _file_rank desc, _line desc) as version_rank
    from plans

),

latest_plans as (

    select plan_id, start_date
    from plan_versions
    where version_rank = 1

),

checked as (

    select
        reviews._submission_id,
        reviews._file_name,
        reviews._line,
        reviews.review_id,
        reviews.plan_id,
        reviews.review_date,
        latest_plans.plan_id as known_plan_id,
        latest_plans.start_date as plan_start_date
    from reviews
    left join latest_plans on latest_plans.plan_id = reviews.plan_id

),

unknown_plan as (

    select
        _submission_id,
        _file_name,
        _line,
        'plan_id' as column_name,
        plan_id as offending_value,
        'unknown_plan' as rule,
        cast(null as date) as plan_start_date
    from checked
    where known_plan_id is null

),

before_plan_start as (

    select
        _submission_id,
        _file_name,
        _line,
        'review_date' as column_name,
        cast(review_date as varchar) as offending_value,
        'before_plan_start' as rule,
        plan_start_date
    from checked
    where known_plan_id is not null
        and review_date < plan_start_date

),

final as (

    select * from unknown_plan
    union all
    select * from before_plan_start

)

select * from final
