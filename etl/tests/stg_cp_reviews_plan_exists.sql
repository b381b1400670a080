-- test: every review in stg_cp_reviews belongs to a plan in stg_cp_plans and is not before the plan's start
with

reviews as (

    select * from stg_cp_reviews

),

plans as (

    select * from stg_cp_plans

),

final as (

    select reviews.review_id, reviews.plan_id
    from reviews
    left join plans on plans.plan_id = reviews.plan_id
    where plans.plan_id is null
        or reviews.review_date < plans.start_date

)

select * from final
