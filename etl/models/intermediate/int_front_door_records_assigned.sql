-- grain: one row per (indicator FD01-FD08, source record with its defining date in a calendar quarter)
-- materialized: view
-- (only mart_indicator_records reads it, so its rows are written out once, there)
-- event_quarter_index is the quarter of the defining date; the marts place a record in each
-- period whose window (1 quarter, or 4 for a rolling 12 months) holds that quarter.
-- in_denominator / in_numerator say where the record counts; a record in the window but in
-- neither still shows that the period has data ([z] rather than [x]).
with

contacts as (

    select * from int_contacts_timed

),

referrals as (

    select * from int_referrals_rereferral_flagged

),

assessments as (

    select * from int_assessments_timed

),

episodes as (

    select * from int_early_help_timed

),

contacts_in_quarter as (

    select * from contacts
    where contact_quarter_index is not null

),

referrals_in_quarter as (

    select * from referrals
    where referral_quarter_index is not null

),

fd01 as (

    select
        'FD01' as code, contact_quarter_index as event_quarter_index,
        'contacts' as dataset, contact_id as record_id, child_id,
        true as in_denominator, true as in_numerator,
        cast(null as varchar) as breakdown_key, cast(null as integer) as breakdown_order
    from contacts_in_quarter

),

fd02 as (

    select
        'FD02' as code, contact_quarter_index as event_quarter_index,
        'contacts' as dataset, contact_id as record_id, child_id,
        true as in_denominator, decided_within_1_working_day as in_numerator,
        cast(null as varchar) as breakdown_key, cast(null as integer) as breakdown_order
    from contacts_in_quarter

),

fd03 as (

    select
        'FD03' as code, contact_quarter_index as event_quarter_index,
        'contacts' as dataset, contact_id as record_id, child_id,
        true as in_denominator, led_to_referral as in_numerator,
        cast(null as varchar) as breakdown_key, cast(null as integer) as breakdown_order
    from contacts_in_quarter

),

-- rolling 12 months: the marts count the record in the 4 periods ending with its quarter
fd04 as (

    select
        'FD04' as code, referrals.referral_quarter_index as event_quarter_index,
        'referrals' as dataset, referrals.referral_id as record_id, referrals.child_id,
        true as in_denominator, true as in_numerator,
        cast(null as varchar) as breakdown_key, cast(null as integer) as breakdown_order
    from referrals
    where referrals.referral_quarter_index is not null

),

fd05 as (

    select
        'FD05' as code, referral_quarter_index as event_quarter_index,
        'referrals' as dataset, referral_id as record_id, child_id,
        true as in_denominator, is_rereferral as in_numerator,
        cast(null as varchar) as breakdown_key, cast(null as integer) as breakdown_order
    from referrals_in_quarter

),

fd06 as (

    select
        'FD06' as code, referral_quarter_index as event_quarter_index,
        'referrals' as dataset, referral_id as record_id, child_id,
        true as in_denominator, true as in_numerator,
        source_group as breakdown_key, source_group_order as breakdown_order
    from referrals_in_quarter

),

fd07 as (

    select
        'FD07' as code, assessments.authorised_quarter_index as event_quarter_index,
        'assessments' as dataset, assessments.assessment_id as record_id, assessments.child_id,
        true as in_denominator, assessments.completed_within_45_working_days as in_numerator,
        cast(null as varchar) as breakdown_key, cast(null as integer) as breakdown_order
    from assessments
    where assessments.authorised_quarter_index is not null

),

fd08 as (

    select
        'FD08' as code, episodes.assessment_completed_quarter_index as event_quarter_index,
        'early_help' as dataset, episodes.episode_id as record_id, episodes.child_id,
        true as in_denominator, episodes.assessed_within_30_working_days as in_numerator,
        cast(null as varchar) as breakdown_key, cast(null as integer) as breakdown_order
    from episodes
    where episodes.assessment_completed_quarter_index is not null

),

final as (

    select * from fd01
    union all
    select * from fd02
    union all
    select * from fd03
    union all
    select * from fd04
    union all
    select * from fd05
    union all
    select * from fd06
    union all
    select * from fd07
    union all
    select * from fd08

)

select * from final
