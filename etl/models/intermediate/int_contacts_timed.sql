-- grain: one row per contact
-- A datetime's date is its Europe/London date: timestamps are already London wall clock, so the
-- date part is the London date. wd(a, b) = idx(b) - idx(a) from the calendar.
with

contacts as (

    select * from stg_contacts

),

calendar as (

    select * from calendar

),

dated as (

    select
        contact_id,
        child_id,
        source,
        outcome,
        cast(contact_datetime as date) as contact_date,
        cast(decision_datetime as date) as decision_date
    from contacts

),

timed as (

    select
        dated.*,
        contact_day.quarter_index as contact_quarter_index,
        decision_day.working_day_index - contact_day.working_day_index as working_days_to_decision
    from dated
    left join calendar as contact_day on contact_day.calendar_date = dated.contact_date
    left join calendar as decision_day on decision_day.calendar_date = dated.decision_date

),

final as (

    select
        contact_id,
        child_id,
        source,
        outcome,
        contact_date,
        decision_date,
        contact_quarter_index,
        working_days_to_decision,
        coalesce(working_days_to_decision <= 1, false) as decided_within_1_working_day,
        coalesce(outcome = 'REFERRAL', false) as led_to_referral
    from timed

)

select * from final
