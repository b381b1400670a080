-- grain: one row per review conference
-- CP04: a plan's first review is on time when review_date <= start_date + 3 months; each later
-- one when review_date <= the previous review + 6 months (month arithmetic clamped to month end:
-- 30 Nov + 3 months = 28/29 Feb).
with

reviews as (

    select * from stg_cp_reviews

),

plans as (

    select * from stg_cp_plans

),

calendar as (

    select * from calendar

),

sequenced as (

    select
        reviews.review_id,
        reviews.plan_id,
        plans.child_id,
        plans.start_date as plan_start_date,
        reviews.review_date,
        row_number() over (
            partition by reviews.plan_id order by reviews.review_date, reviews.review_id
        ) as review_number,
        lag(reviews.review_date) over (
            partition by reviews.plan_id order by reviews.review_date, reviews.review_id
        ) as previous_review_date
    from reviews
    inner join plans on plans.plan_id = reviews.plan_id

),

due as (

    select
        sequenced.*,
        case
            when previous_review_date is null then cast(plan_start_date + interval '3 months' as date)
            else cast(previous_review_date + interval '6 months' as date)
        end as due_by
    from sequenced

),

final as (

    select
        due.review_id,
        due.plan_id,
        due.child_id,
        due.plan_start_date,
        due.review_date,
        due.review_number,
        due.previous_review_date,
        due.due_by,
        due.review_date <= due.due_by as is_on_time,
        review_day.quarter_index as review_quarter_index
    from due
    left join calendar as review_day on review_day.calendar_date = due.review_date

)

select * from final
