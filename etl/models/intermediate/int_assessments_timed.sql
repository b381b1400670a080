-- grain: one row per assessment
-- FD07: completed within 45 working days when wd(start_date, authorised_date) <= 45.
-- NG02: the factors include 16A (neglect). PT02: child_seen_alone as recorded (null = blank).
with

assessments as (

    select * from stg_assessments

),

calendar as (

    select * from calendar

),

timed as (

    select
        assessments.assessment_id,
        assessments.child_id,
        assessments.start_date,
        assessments.authorised_date,
        assessments.child_seen_alone,
        has_factor(assessments.factors, '16A') as has_neglect_factor,
        authorised_day.quarter_index as authorised_quarter_index,
        authorised_day.working_day_index - start_day.working_day_index as working_days_to_authorised
    from assessments
    left join calendar as start_day on start_day.calendar_date = assessments.start_date
    left join calendar as authorised_day on authorised_day.calendar_date = assessments.authorised_date

),

final as (

    select
        assessment_id,
        child_id,
        start_date,
        authorised_date,
        authorised_quarter_index,
        working_days_to_authorised,
        coalesce(working_days_to_authorised <= 45, false) as completed_within_45_working_days,
        coalesce(has_neglect_factor, false) as has_neglect_factor,
        child_seen_alone
    from timed

)

select * from final
