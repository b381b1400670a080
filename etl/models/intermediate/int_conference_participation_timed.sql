-- grain: one row per agency invited to a conference
-- CP07: a partner's report is on time when report_submitted_date is set and
-- wd(report_submitted_date, conference_date) >= 2. CP07/CP08 count agencies other than CSC.
with

participation as (

    select * from stg_conference_participation

),

calendar as (

    select * from calendar

),

final as (

    select
        participation.conference_id,
        participation.agency,
        participation.conference_id || '/' || participation.agency as participation_id,
        participation.conference_date,
        participation.agency <> 'CSC' as is_partner_agency,
        coalesce(participation.attended, false) as attended,
        conference_day.quarter_index as conference_quarter_index,
        conference_day.working_day_index - report_day.working_day_index as working_days_report_before,
        coalesce(conference_day.working_day_index - report_day.working_day_index >= 2, false)
            as report_on_time
    from participation
    left join calendar as conference_day on conference_day.calendar_date = participation.conference_date
    left join calendar as report_day on report_day.calendar_date = participation.report_submitted_date

)

select * from final
