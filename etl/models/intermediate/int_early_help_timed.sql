-- grain: one row per early help episode
-- FD08: assessment completed within 30 working days when wd(start_date, assessment_completed_date) <= 30.
-- NG03: neglect identified, and whether a Graded Care Profile 2 was completed.
with

episodes as (

    select * from stg_early_help

),

calendar as (

    select * from calendar

),

timed as (

    select
        episodes.episode_id,
        episodes.child_id,
        episodes.start_date,
        episodes.assessment_completed_date,
        start_day.quarter_index as start_quarter_index,
        completed_day.quarter_index as assessment_completed_quarter_index,
        completed_day.working_day_index - start_day.working_day_index as working_days_to_assessment,
        coalesce(episodes.neglect_identified, false) as neglect_identified,
        episodes.gcp2_completed_date is not null as gcp2_completed
    from episodes
    left join calendar as start_day on start_day.calendar_date = episodes.start_date
    left join calendar as completed_day on completed_day.calendar_date = episodes.assessment_completed_date

),

final as (

    select
        episode_id,
        child_id,
        start_date,
        assessment_completed_date,
        start_quarter_index,
        assessment_completed_quarter_index,
        working_days_to_assessment,
        coalesce(working_days_to_assessment <= 30, false) as assessed_within_30_working_days,
        neglect_identified,
        gcp2_completed
    from timed

)

select * from final
